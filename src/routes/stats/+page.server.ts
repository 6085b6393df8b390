import { error } from '@sveltejs/kit';
import { requesterOf } from '$lib/server/reports';
import { parseQuery, statsFor, statsQuerySchema } from '$lib/server/reports/stats';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const query = parseQuery(statsQuerySchema, url.searchParams);
	if (!query.ok)
		error(query.status, {
			message: Object.entries(query.errors)
				.map(([k, v]) => `${k}: ${v}`)
				.join('; ')
		});
	const stats = await statsFor(requesterOf(locals), query.value);
	return { stats, query: query.value, search: url.search, lang: locals.lang };
};
