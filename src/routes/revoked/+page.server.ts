import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ lang: locals.lang });
