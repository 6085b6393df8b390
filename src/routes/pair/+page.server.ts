import { fail, redirect } from '@sveltejs/kit';
import { cookieNames, DISPLAY_COOKIE_MAX_AGE, getAuth } from '$lib/server/auth';
import { field } from '$lib/server/auth/guard';
import { statusOf } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ lang: locals.lang, code: '' });

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const code = field(await request.formData(), 'code');
		if (!code)
			return fail(statusOf('invalid'), {
				code,
				errors: { code: 'auth.login.required' },
				failed: false
			});
		const paired = await (await getAuth()).pair(code);
		if (!paired)
			return fail(statusOf('invalid'), {
				code,
				errors: { code: 'auth.pair.failed' },
				failed: true
			});
		const names = cookieNames();
		// Long-lived and read-only: a wall is never signed out overnight, only revoked.
		cookies.set(names.display, paired.token, {
			path: '/',
			httpOnly: true,
			secure: names.secure,
			sameSite: 'lax',
			maxAge: DISPLAY_COOKIE_MAX_AGE
		});
		const region = paired.display.region;
		redirect(303, region === 'national' ? '/wall/national' : `/wall/${region}`);
	}
};
