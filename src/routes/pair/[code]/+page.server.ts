import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => ({
	lang: locals.lang,
	code: params.code
});
