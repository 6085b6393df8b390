import { recentEvents } from '$lib/server/queries/log';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { seq, events } = await recentEvents(50);
	return { seq, events, lang: locals.lang };
};
