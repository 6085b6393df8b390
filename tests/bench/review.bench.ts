/**
 * Review bench: seek time to an arbitrary T over a large log (cold: no snapshots, a fold from
 * seq 0; warm: from the review snapshots; baseline: the whole log read into the process, as
 * every seek did before snapshots and as 'occurred' mode still does) and the load time of a 24 h window (reviewData), on
 * a fresh PostgreSQL database. `npx tsx tests/bench/review.bench.ts`.
 *
 * The log: REVIEW_BENCH_EVENTS rows (default 1,000,000: about 2.5 min to generate on the
 * 2-core box, ~4 min in all; the append rate is printed) over REVIEW_BENCH_DAYS simulated days
 * (default 10). Duty-log entries of every region, appended 1,000 a time through
 * EventStore.append (HMAC-SM3 chain, production projectors), interleaved with the demo days'
 * incidents, warnings and drills played through the command runner, so rooms have pictures.
 */
import { randomBytes } from 'node:crypto';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { REGIONS } from '../../src/lib/domain/regions';
import { demoDay, demoRegistry } from '../../src/lib/domain/scenario';
import type { Scenario } from '../../src/lib/domain/scenario/types';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import type { Requester } from '../../src/lib/server/reports';
import { play } from '../../src/lib/server/scenario/runner';
import {
	isMain,
	MIGRATIONS,
	percentile,
	round,
	runBenches,
	startLoadSample,
	type BenchContext,
	type BenchModule,
	type Row,
	type SummaryLine
} from './lib';

const EVENTS = Number(process.env.REVIEW_BENCH_EVENTS ?? 1_000_000);
const DAYS = Number(process.env.REVIEW_BENCH_DAYS ?? 10);
const COLD_SEEKS = Number(process.env.REVIEW_BENCH_COLD_SEEKS ?? 3);
const WARM_SEEKS = Number(process.env.REVIEW_BENCH_SEEKS ?? 20);
const WINDOWS = Number(process.env.REVIEW_BENCH_WINDOWS ?? 5);
const BATCH = 1000;
const DAY = 86_400_000;
const FIRST = Date.parse('2026-11-01T16:00:00.000Z'); // 2026-11-02 00:00 China time
const ACTOR = 'user-bench-officer';
const NATIONAL: Requester = { scope: { national: true }, actor: { id: 'bench', role: 'ministry' } };
const REGION = '440000';

/** A seeded PRNG (mulberry32) so runs pick the same instants. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
	const t0 = performance.now();
	const out = await fn();
	return [out, performance.now() - t0];
};

async function generate(
	store: EventStore,
	clock: { now: number }
): Promise<{ events: number; seconds: number }> {
	const t0 = performance.now();
	clock.now = FIRST;
	const registry: Scenario = {
		id: 'reg',
		name: { zh: '名录', en: 'registry' },
		durationMs: 0,
		injects: demoRegistry()
	};
	await play(store, registry, { startMs: FIRST - DAY, keyPrefix: 'reg', now: () => FIRST }).done;
	const batches = Math.ceil(EVENTS / BATCH);
	const step = (DAYS * DAY) / batches;
	const regions = REGIONS.map((r) => r.code);
	let day: { index: number; scenario: Scenario } | undefined;
	let playedUpTo = FIRST;
	for (let i = 0; i < batches; i++) {
		clock.now = Math.round(FIRST + (i + 1) * step);
		const region = regions[i % regions.length]!;
		await store.append({
			streamId: `dutylog-bench_${region}`,
			expectedVersion: 'any',
			actor: ACTOR,
			events: Array.from({ length: Math.min(BATCH, EVENTS - i * BATCH) }, (_, k) => ({
				type: 'DutyLogEntryRecorded',
				region,
				payload: {
					at: new Date(clock.now).toISOString(),
					by: ACTOR,
					text: `值班记录 ${i}.${k}：接报线索已转属地核实。Duty-log entry.`
				}
			}))
		});
		// The demo days' commands due by now, recorded at the batch's instant.
		const index = Math.floor((clock.now - FIRST) / DAY);
		if (!day || day.index !== index) {
			const dayIso = new Date(FIRST + index * DAY).toISOString();
			day = {
				index,
				scenario: demoDay(20261102, dayIso, { firstDayIso: new Date(FIRST).toISOString() })
			};
		}
		const dayStart = FIRST + day.index * DAY;
		const due = day.scenario.injects.filter(
			(x) => dayStart + x.offsetMs > playedUpTo && dayStart + x.offsetMs <= clock.now
		);
		playedUpTo = clock.now;
		if (due.length > 0) {
			const at = clock.now;
			await play(
				store,
				{ ...day.scenario, injects: due },
				{ startMs: dayStart, keyPrefix: `d${day.index}:${i}`, now: () => at }
			).done;
		}
		if ((i + 1) % 100 === 0)
			console.error(
				`generated ${(i + 1) * BATCH} rows in ${round((performance.now() - t0) / 1000, 1)} s`
			);
	}
	return { events: await store.headSeq(), seconds: (performance.now() - t0) / 1000 };
}

async function run(ctx: BenchContext): Promise<Row[]> {
	const rows: Row[] = [];
	const url = await ctx.freshDatabase();
	const genDb = await ctx.open(url);
	const clock = { now: FIRST };
	const writer = new EventStore(genDb, {
		catalog: EVENT_CATALOG,
		chainKey: randomBytes(32),
		chainAlg: 'hmac-sm3',
		projectors: PROJECTORS,
		now: () => new Date(clock.now)
	});
	const gen = await generate(writer, clock);
	const rate = gen.events / gen.seconds;
	rows.push(
		ctx.emit({
			scenario: 'review_generate',
			metric: 'append_rate',
			value: round(rate),
			unit: 'events/s',
			events: gen.events,
			seconds: round(gen.seconds, 1),
			est_seconds_for_1m: round(1_000_000 / rate, 0)
		})
	);

	// The review module reads through the process's store (src/lib/server/events/app.ts).
	process.env.DATABASE_URL = url;
	process.env.FENGHUO_CHAIN_KEY ??= randomBytes(32).toString('hex');
	const { getDatabase, closeDatabase } = await import('../../src/lib/server/db');
	const { pictureSnapshots } = await import('../../src/lib/server/db/schema');
	const review = await import('../../src/lib/server/review');
	const db = (await getDatabase({ url, migrationsFolder: MIGRATIONS })).db;
	await db.execute('analyze');
	try {
		const random = seeded(Number(process.env.FENGHUO_SEED ?? 7));
		const end = FIRST + DAYS * DAY;
		const someT = () => FIRST + Math.floor(random() * (end - FIRST));
		const emit = (scenario: string, metric: string, value: number, extra = {}) =>
			rows.push(ctx.emit({ scenario, metric, value: round(value), unit: 'ms', ...extra }));

		// Cold: no snapshots, a fold from seq 0 (it writes snapshots on its way).
		for (const region of ['national', REGION]) {
			const times: number[] = [];
			const load = startLoadSample();
			for (let i = 0; i < COLD_SEEKS; i++) {
				await db.delete(pictureSnapshots);
				const t = someT();
				times.push((await time(() => review.pictureAt(NATIONAL, region, new Date(t))))[1]);
			}
			times.sort((a, b) => a - b);
			emit(`review_seek_cold_${region}`, 'seek_p50_ms', percentile(times, 50), {
				max_ms: round(times.at(-1)!),
				seeks: COLD_SEEKS,
				events: gen.events,
				...load()
			});
		}
		// Baseline: the whole log through the process (the pre-snapshot seek; 'occurred' mode).
		{
			const load = startLoadSample();
			const [, ms] = await time(() =>
				review.pictureAt(NATIONAL, 'national', new Date(end), 'occurred')
			);
			emit('review_seek_full_read', 'seek_ms', ms, { events: gen.events, ...load() });
		}
		// Snapshots over the whole log (what the first seeks after a deploy leave behind).
		await db.delete(pictureSnapshots);
		for (const region of ['national', REGION]) {
			const [, ms] = await time(() => review.pictureAt(NATIONAL, region, new Date(end)));
			emit(`review_snapshot_build_${region}`, 'fold_ms', ms, { events: gen.events });
		}
		const snapshots = (await db.select({ seq: pictureSnapshots.seq }).from(pictureSnapshots))
			.length;

		// Warm: random T with snapshots.
		for (const region of ['national', REGION]) {
			const times: number[] = [];
			const load = startLoadSample();
			for (let i = 0; i < WARM_SEEKS; i++) {
				const t = someT();
				times.push((await time(() => review.pictureAt(NATIONAL, region, new Date(t))))[1]);
			}
			times.sort((a, b) => a - b);
			const sample = load();
			emit(`review_seek_warm_${region}`, 'seek_p50_ms', percentile(times, 50), {
				p99_ms: round(percentile(times, 99)),
				max_ms: round(times.at(-1)!),
				seeks: WARM_SEEKS,
				snapshots,
				...sample
			});
		}

		// A 24 h window (reviewData): base from a snapshot, then the window's rows.
		for (const region of ['national', REGION]) {
			const times: number[] = [];
			let rowsSent = 0;
			let truncated = false;
			const load = startLoadSample();
			for (let i = 0; i < WINDOWS; i++) {
				const to = FIRST + DAY + Math.floor(random() * (end - FIRST - DAY));
				const [data, ms] = await time(() =>
					review.reviewData(NATIONAL, {
						region,
						to: new Date(to).toISOString(),
						mode: 'recorded'
					})
				);
				times.push(ms);
				rowsSent = Math.max(rowsSent, data!.events.length);
				truncated ||= data!.truncated;
			}
			times.sort((a, b) => a - b);
			emit(`review_window_24h_${region}`, 'load_p50_ms', percentile(times, 50), {
				max_ms: round(times.at(-1)!),
				windows: WINDOWS,
				rows_max: rowsSent,
				truncated,
				...load()
			});
		}
	} finally {
		await closeDatabase();
	}
	return rows;
}

function summary(rows: Row[]): SummaryLine[] {
	const get = (s: string) => rows.find((r) => r.scenario === s);
	const ms = (x: unknown) => `${round(Number(x), 0)} ms`;
	const lines: SummaryLine[] = [];
	const full = get('review_seek_full_read');
	const gen = get('review_generate');
	if (gen)
		lines.push({
			metric: `generate ${gen.events} rows (1M est. ${gen.est_seconds_for_1m} s)`,
			fenghuo: `${gen.value} ev/s`,
			baseline: '-',
			ratio: '-',
			target: '-'
		});
	for (const region of ['national', REGION]) {
		const cold = get(`review_seek_cold_${region}`);
		const warm = get(`review_seek_warm_${region}`);
		if (cold && warm) {
			lines.push({
				metric: `seek ${region}: warm p50 vs cold p50`,
				fenghuo: ms(warm.value),
				baseline: ms(cold.value),
				ratio: `${round(cold.value / Math.max(warm.value, 0.01), 1)}×`,
				target: '< 1000 ms'
			});
			lines.push({
				metric: `seek ${region}: warm p99`,
				fenghuo: ms(warm.p99_ms),
				baseline: '-',
				ratio: '-',
				target: '< 1000 ms'
			});
		}
		if (cold)
			lines.push({
				metric: `seek ${region}: cold max (${cold.seeks} seeks)`,
				fenghuo: ms(cold.max_ms),
				baseline: full ? ms(full.value) : '-',
				ratio: full ? `${round(full.value / Math.max(Number(cold.max_ms), 0.01), 1)}×` : '-',
				target: '< 1000 ms'
			});
		const win = get(`review_window_24h_${region}`);
		if (win)
			lines.push({
				metric: `24 h window ${region} (${win.rows_max} rows${win.truncated ? ', cut' : ''})`,
				fenghuo: ms(win.value),
				baseline: '-',
				ratio: '-',
				target: '-'
			});
	}
	return lines;
}

export const reviewBench: BenchModule = { name: 'review', run, summary };

if (isMain(import.meta.url)) {
	runBenches([reviewBench], 'review').then(
		() => process.exit(0),
		(err: unknown) => {
			console.error(err);
			process.exit(1);
		}
	);
}
