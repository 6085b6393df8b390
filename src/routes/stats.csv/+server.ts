import { json } from '@sveltejs/kit';
import { statsCsv } from '$lib/domain/stats';
import { requesterOf } from '$lib/server/reports';
import { parseQuery, statsFor, statsQuerySchema } from '$lib/server/reports/stats';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const query = parseQuery(statsQuerySchema, url.searchParams);
	if (!query.ok) return json({ errors: query.errors }, { status: query.status });
	const stats = await statsFor(requesterOf(locals), query.value);
	const name = `stats-${query.value.granularity}-${query.value.drills}-seq${stats.seq}.csv`;
	return new Response(statsCsv(stats), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store',
			'x-fenghuo-log-seq': String(stats.seq)
		}
	});
};
