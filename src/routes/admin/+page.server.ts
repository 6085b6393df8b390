import { requireRole } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const me = requireRole(locals.principal, 'admin');
	return { lang: locals.lang, me: me.displayName };
};
