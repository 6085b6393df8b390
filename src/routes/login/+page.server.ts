import { fail, redirect } from '@sveltejs/kit';
import { cookieNames, getAuth } from '$lib/server/auth';
import { field, safeNext } from '$lib/server/auth/guard';
import { statusOf } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ lang: locals.lang });

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const username = field(form, 'username');
		const password = form.get('password');
		const totp = field(form, 'totp');
		const errors: Record<string, string> = {};
		if (!username) errors.username = 'auth.login.required';
		if (typeof password !== 'string' || password.length === 0)
			errors.password = 'auth.login.required';
		if (Object.keys(errors).length > 0 || typeof password !== 'string')
			return fail(statusOf('invalid'), { username, errors, failed: false });

		const auth = await getAuth();
		const names = cookieNames();
		// Whatever session this browser had ends here: a login always gets a fresh token.
		const previous = cookies.get(names.session);
		if (previous) await auth.logout(previous);
		const result = await auth.login(username, password, totp || undefined);
		if (!result.ok)
			return fail(statusOf('invalid'), {
				username,
				errors: {} as Record<string, string>,
				failed: true
			});
		cookies.set(names.session, result.token, {
			path: '/',
			httpOnly: true,
			secure: names.secure,
			sameSite: 'lax',
			expires: result.expiresAt
		});
		const home = result.user.role === 'admin' ? '/admin' : '/';
		redirect(303, safeNext(url.searchParams.get('next'), home));
	}
};
