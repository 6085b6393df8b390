import { wallData } from '$lib/server/queries/wall';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	...(await wallData('national')),
	lang: locals.lang
});
