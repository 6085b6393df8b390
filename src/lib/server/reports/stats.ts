import { z } from 'zod';
import { fieldIssues } from '../../domain/errors';
import { REGIONS, isRegionCode } from '../../domain/regions';
import { computeStats, type Stats, type StatsOptions } from '../../domain/stats';
import { scopeRegions, type Requester } from './access';
import { statusOf, type RefusalStatus } from '../refusal';
import { currentPicture } from './picture';

const month = z
	.string()
	.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
	.optional();

/** `/stats` and `/stats.csv` query parameters, with their defaults. */
export const statsQuerySchema = z
	.object({
		/** Default month. */
		granularity: z.enum(['month', 'quarter']).default('month'),
		/** Default exclude: drills never mix into real statistics unless asked for. */
		drills: z.enum(['exclude', 'include', 'only']).default('exclude'),
		/** First month counted (China time), inclusive. Default: no bound. */
		from: month,
		/** Last month counted, inclusive. Default: no bound. */
		to: month,
		/** One region (with its 计划单列市 for a province). Default: the requester's scope. */
		region: z.string().refine(isRegionCode, 'unknown region code').optional()
	})
	.refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from after to', path: ['to'] });
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export type Parsed<T> =
	{ ok: true; value: T } | { ok: false; status: RefusalStatus; errors: Record<string, string> };

/**
 * A page's URL query against its schema. A parameter out of its syntax is a `malformed`
 * request (400), naming each offending parameter with zod's words.
 */
export function parseQuery<S extends z.ZodType>(
	schema: S,
	params: URLSearchParams
): Parsed<z.infer<S>> {
	const raw: Record<string, string> = {};
	for (const [k, v] of params) if (v !== '') raw[k] = v;
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, value: parsed.data };
	const errors: Record<string, string> = {};
	for (const issue of fieldIssues(parsed.error.issues, { root: 'query' }))
		errors[issue.field] = issue.message;
	return { ok: false, status: statusOf('malformed'), errors };
}

/** Midnight (China time) of the first day of 'YYYY-MM', as an ISO instant. */
function monthStart(ym: string): string {
	return new Date(`${ym}-01T00:00:00+08:00`).toISOString();
}
function nextMonth(ym: string): string {
	const [y, m] = ym.split('-').map(Number) as [number, number];
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const withCities = (code: string) => [
	code,
	...REGIONS.filter((r) => r.parent === code).map((r) => r.code)
];

/** The regions a query counts, within the requester's scope (null: all). */
export function regionsOf(requester: Requester, query: StatsQuery): string[] | null {
	const scoped = scopeRegions(requester.scope);
	const asked = query.region ? withCities(query.region) : null;
	if (!scoped) return asked;
	const allowed = scoped.flatMap(withCities);
	return asked ? asked.filter((r) => allowed.includes(r)) : allowed;
}

export async function statsFor(
	requester: Requester,
	query: StatsQuery,
	now = new Date()
): Promise<Stats & { seq: number }> {
	const picture = await currentPicture();
	const options: StatsOptions = {
		granularity: query.granularity,
		drills: query.drills,
		...(query.from ? { from: monthStart(query.from) } : {}),
		...(query.to ? { to: monthStart(nextMonth(query.to)) } : {}),
		regions: regionsOf(requester, query)
	};
	return { ...computeStats(picture, now.toISOString(), options), seq: picture.seq };
}
