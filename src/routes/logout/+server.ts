import { redirect } from '@sveltejs/kit';
import { cookieNames, getAuth } from '$lib/server/auth';
import type { RequestHandler } from './$types';

/** POST only (a GET must not sign anyone out); SvelteKit's origin check guards it. */
export const POST: RequestHandler = async ({ cookies }) => {
	const names = cookieNames();
	const token = cookies.get(names.session);
	if (token) await (await getAuth()).logout(token);
	cookies.delete(names.session, { path: '/', secure: names.secure });
	redirect(303, '/login');
};
