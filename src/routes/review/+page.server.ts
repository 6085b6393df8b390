import { error } from '@sveltejs/kit';
import { requesterOf } from '$lib/server/reports';
import { parseQuery } from '$lib/server/reports/stats';
import { reviewData, reviewQuerySchema } from '$lib/server/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const query = parseQuery(reviewQuerySchema, url.searchParams);
	if (!query.ok)
		error(query.status, {
			message: Object.entries(query.errors)
				.map(([k, v]) => `${k}: ${v}`)
				.join('; ')
		});
	const review = await reviewData(requesterOf(locals), query.value);
	if (!review) error(403, { message: 'region: outside your scope' });
	return { review, lang: locals.lang };
};
