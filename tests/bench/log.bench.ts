/**
 * Event-log bench: EventStore.append against raw postgres.js INSERTs into a table with the same
 * columns and indexes, plus commit → delivery lag of subscriptions. One fresh database per
 * scenario (created from `test`, dropped at the end). `npm run bench:log`.
 *
 * Fenghuo runs as a node does (src/lib/server/events/app.ts): EVENT_CATALOG, HMAC-SM3 chain,
 * the production PROJECTORS (each appends' transaction upserts their checkpoints even when no
 * projector cares about the event type), default pool of 10. Baselines write `raw_events`
 * (`like events including all`: same columns, defaults, checks, indexes; no triggers, and the
 * events triggers only fire on UPDATE/DELETE/TRUNCATE) with seq from a counter and constant
 * hashes, i.e. only the INSERT and its commit.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import type { Database } from '../../src/lib/server/db/client';
import { EventStore, type AppendRequest, type StoredEvent } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import {
	isMain,
	percentile,
	round,
	runBenches,
	sleep,
	startLoadSample,
	type BenchContext,
	type BenchModule,
	type LoadSample,
	type Row,
	type SummaryLine
} from './lib';

const TYPE = 'DutyLogEntryRecorded';
const ACTOR = 'user-bench-officer';
const REGION = '110000';
const PAYLOAD = {
	at: '2025-03-01T08:00:00.000Z',
	by: ACTOR,
	text: '交接班：夜间接报两起工业数据泄露线索，已通知属地监管部门核实，待早班跟进。Shift hand-over note.'
};
const HASH = 'f'.repeat(64);
const BATCH = 100;
/** Steady writer rate for the lag scenarios (events/s). */
const LAG_RATE = Number(process.env.BENCH_LAG_RATE ?? 500);

const COLUMNS = [
	'seq',
	'stream_id',
	'stream_version',
	'type',
	'payload',
	'actor',
	'region',
	'regions',
	'drill',
	'occurred_at',
	'recorded_at',
	'idempotency_key',
	'hash_alg',
	'prev_hash',
	'hash'
] as const;

function newStore(database: Database): EventStore {
	return new EventStore(database, {
		catalog: EVENT_CATALOG,
		chainKey: randomBytes(32),
		chainAlg: 'hmac-sm3',
		projectors: PROJECTORS
	});
}

function request(streamId: string, n: number): AppendRequest {
	return {
		streamId,
		expectedVersion: 'any',
		actor: ACTOR,
		events: Array.from({ length: n }, () => ({ type: TYPE, payload: PAYLOAD, region: REGION }))
	};
}

/** A few streams: one per caller, like one duty log per room (`dutylog-<id>`). */
const stream = (scenario: string, worker: number) => `dutylog-bench_${scenario}_${worker}`;

/** A fresh database with the Fenghuo schema (migrated) and the baseline table. */
async function setup(ctx: BenchContext): Promise<{ url: string; db: Database }> {
	const url = await ctx.freshDatabase();
	const db = await ctx.open(url);
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await admin`create table raw_events (like events including all)`;
		await admin`checkpoint`;
	} finally {
		await admin.end();
	}
	return { url, db };
}

interface OpOutcome {
	events: number;
	/** Identity of the transaction that carried it (to count commits), if known. */
	tx?: object;
}

interface LoopResult {
	events: number;
	ops: number;
	commits: number;
	seconds: number;
	latencies: number[];
	load: LoadSample;
}

/**
 * `workers` callers, each awaiting its previous op (closed loop). Warm-up, then ops completing
 * within the measured window are counted.
 */
async function closedLoop(
	ctx: BenchContext,
	workers: number,
	op: (worker: number, i: number) => Promise<OpOutcome>
): Promise<LoopResult> {
	let phase = 'warmup' as 'warmup' | 'measure' | 'stop';
	let events = 0;
	let ops = 0;
	const txs = new Set<object>();
	let untracked = 0;
	const latencies: number[] = [];
	const worker = async (w: number) => {
		for (let i = 0; phase !== 'stop'; i++) {
			const t0 = performance.now();
			const out = await op(w, i);
			const t1 = performance.now();
			if (phase !== 'measure') continue;
			events += out.events;
			ops += 1;
			if (out.tx) txs.add(out.tx);
			else untracked += 1;
			latencies.push(t1 - t0);
		}
	};
	const running = Array.from({ length: workers }, (_, w) => worker(w));
	await sleep(ctx.warmupMs);
	phase = 'measure';
	const sample = startLoadSample();
	const t0 = performance.now();
	await sleep(ctx.durationMs);
	const seconds = (performance.now() - t0) / 1000;
	const snapshot = { events, ops, commits: txs.size + untracked };
	phase = 'stop';
	const load = sample();
	await Promise.all(running);
	latencies.sort((a, b) => a - b);
	return { ...snapshot, seconds, latencies, load };
}

function throughputRow(scenario: string, r: LoopResult, extra: Record<string, unknown> = {}): Row {
	return {
		scenario,
		metric: 'events_per_s',
		value: round(r.events / r.seconds, 0),
		unit: 'events/s',
		commits_per_s: round(r.commits / r.seconds, 0),
		events_per_commit: round(r.events / Math.max(1, r.commits)),
		op_p50_ms: round(percentile(r.latencies, 50), 3),
		op_p99_ms: round(percentile(r.latencies, 99), 3),
		ops: r.ops,
		seconds: round(r.seconds, 3),
		...extra,
		...r.load
	};
}

/** Fenghuo: `callers` concurrent callers, `nodes` EventStore+Database instances (1 or = callers). */
async function fenghuoAppend(
	ctx: BenchContext,
	scenario: string,
	callers: number,
	nodes: number,
	perAppend: number
): Promise<Row> {
	const { url, db } = await setup(ctx);
	const stores = [newStore(db)];
	for (let i = 1; i < nodes; i++) stores.push(newStore(await ctx.open(url)));
	const r = await closedLoop(ctx, callers, async (w) => {
		const res = await stores[w % nodes]!.append(request(stream(scenario, w), perAppend));
		// The rows of one transaction share one recordedAt Date object: count transactions by it.
		return { events: res.events.length, tx: res.events[0]!.recordedAt };
	});
	return ctx.emit(
		throughputRow(scenario, r, {
			system: 'fenghuo',
			callers,
			nodes,
			events_per_append: perAppend,
			chain: 'hmac-sm3',
			projectors: PROJECTORS.length
		})
	);
}

/** Baseline: `conns` connections, each running sequential autocommit INSERTs of `rows` rows. */
async function rawInsert(
	ctx: BenchContext,
	scenario: string,
	conns: number,
	rows: number
): Promise<Row> {
	const { url } = await setup(ctx);
	const sql = postgres(url, { max: conns, onnotice: () => {} });
	try {
		const reserved = await Promise.all(Array.from({ length: conns }, () => sql.reserve()));
		let seq = 0;
		const version = new Map<number, number>();
		const r = await closedLoop(ctx, conns, async (w) => {
			const conn = reserved[w]!;
			const streamId = stream(scenario, w);
			const now = new Date();
			let v = version.get(w) ?? 0;
			if (rows === 1) {
				seq += 1;
				v += 1;
				version.set(w, v);
				await conn`
					insert into raw_events (seq, stream_id, stream_version, type, payload, actor, region,
						regions, drill, occurred_at, recorded_at, idempotency_key, hash_alg, prev_hash, hash)
					values (${seq}, ${streamId}, ${v}, ${TYPE}, ${conn.json(PAYLOAD)}, ${ACTOR},
						${REGION}, ${[REGION]}, false, ${now}, ${now}, null, 'hmac-sm3', ${HASH}, ${HASH})`;
			} else {
				const batch = Array.from({ length: rows }, () => ({
					seq: ++seq,
					stream_id: streamId,
					stream_version: ++v,
					type: TYPE,
					payload: conn.json(PAYLOAD),
					actor: ACTOR,
					region: REGION,
					regions: [REGION],
					drill: false,
					occurred_at: now,
					recorded_at: now,
					idempotency_key: null,
					hash_alg: 'hmac-sm3',
					prev_hash: HASH,
					hash: HASH
				}));
				version.set(w, v);
				await conn`insert into raw_events ${conn(batch, ...COLUMNS)}`;
			}
			return { events: rows };
		});
		for (const c of reserved) c.release();
		const [check] = await sql<{ n: number; objects: number }[]>`
			select count(*)::int as n, count(*) filter (where jsonb_typeof(payload) = 'object')::int as objects
			from raw_events`;
		if (!check || check.n === 0 || check.n !== check.objects) {
			throw new Error(`baseline wrote bad rows: ${JSON.stringify(check)}`);
		}
		return ctx.emit(
			throughputRow(scenario, r, {
				system: 'postgres.js',
				connections: conns,
				rows_per_insert: rows
			})
		);
	} finally {
		await sql.end({ timeout: 5 });
	}
}

/**
 * Commit → delivery lag at a steady open-loop write rate. `cross`: the subscriber has its own
 * Database handle (another node, woken by NOTIFY); `same`: it shares the writer's handle (local
 * wake-up). Commit = when append() resolved; delivery = when the handler got the page; both on
 * performance.now() in this process.
 */
async function subscriberLag(
	ctx: BenchContext,
	scenario: string,
	mode: 'cross' | 'same'
): Promise<Row> {
	const { url, db } = await setup(ctx);
	const writer = newStore(db);
	const reader = mode === 'same' ? writer : newStore(await ctx.open(url));
	const committedAt = new Map<number, number>();
	const deliveredAt = new Map<number, number>();
	const sub = reader.subscribe(await reader.headSeq(), (page: StoredEvent[]) => {
		const t = performance.now();
		for (const e of page) deliveredAt.set(e.seq, t);
	});
	const measured: number[] = [];
	let phase = 'warmup' as 'warmup' | 'measure' | 'stop';
	let errors = 0;
	const inflight = new Set<Promise<void>>();
	const interval = 1000 / LAG_RATE;
	const writing = (async () => {
		let next = performance.now();
		let i = 0;
		while (phase !== 'stop') {
			const now = performance.now();
			while (next <= now) {
				next += interval;
				const inMeasure = phase === 'measure';
				const p = writer
					.append(request(stream(scenario, i++ % 4), 1))
					.then((res) => {
						const t = performance.now();
						for (const e of res.events) {
							committedAt.set(e.seq, t);
							if (inMeasure) measured.push(e.seq);
						}
					})
					.catch(() => void (errors += 1))
					.finally(() => inflight.delete(p));
				inflight.add(p);
			}
			await sleep(Math.max(0, next - performance.now()));
		}
	})();
	await sleep(ctx.warmupMs);
	phase = 'measure';
	const sample = startLoadSample();
	const t0 = performance.now();
	await sleep(ctx.durationMs);
	const seconds = (performance.now() - t0) / 1000;
	phase = 'stop';
	const load = sample();
	await writing;
	await Promise.all([...inflight]);
	// Let the subscriber catch up (its 2 s safety poll would cover a lost NOTIFY).
	const deadline = performance.now() + 5000;
	while (performance.now() < deadline && measured.some((s) => !deliveredAt.has(s))) await sleep(10);
	sub.close();

	const lags: number[] = [];
	let missing = 0;
	let beforeAck = 0;
	for (const s of measured) {
		const d = deliveredAt.get(s);
		if (d === undefined) {
			missing += 1;
			continue;
		}
		const lag = d - committedAt.get(s)!;
		if (lag < 0) beforeAck += 1;
		lags.push(lag);
	}
	lags.sort((a, b) => a - b);
	return ctx.emit({
		scenario,
		metric: 'lag_p50',
		value: round(percentile(lags, 50), 3),
		unit: 'ms',
		p90_ms: round(percentile(lags, 90), 3),
		p99_ms: round(percentile(lags, 99), 3),
		max_ms: round(lags[lags.length - 1] ?? NaN, 3),
		events: lags.length,
		missing,
		delivered_before_ack: beforeAck,
		append_errors: errors,
		target_rate: LAG_RATE,
		achieved_rate: round(measured.length / seconds, 0),
		subscriber: mode === 'cross' ? 'other node (NOTIFY)' : 'same node (local wake-up)',
		...load
	});
}

export const name = 'log';

export async function run(ctx: BenchContext): Promise<Row[]> {
	return [
		await rawInsert(ctx, 'raw_insert_c1', 1, 1),
		await fenghuoAppend(ctx, 'fenghuo_append_c1', 1, 1, 1),
		await rawInsert(ctx, 'raw_insert_c4', 4, 1),
		await fenghuoAppend(ctx, 'fenghuo_append_c4_1node', 4, 1, 1),
		await fenghuoAppend(ctx, 'fenghuo_append_c4_4nodes', 4, 4, 1),
		await rawInsert(ctx, 'raw_insert_batch100', 1, BATCH),
		await fenghuoAppend(ctx, 'fenghuo_append_batch100', 1, 1, BATCH),
		await subscriberLag(ctx, 'fenghuo_lag_cross_node', 'cross'),
		await subscriberLag(ctx, 'fenghuo_lag_same_node', 'same')
	];
}

export function summary(rows: Row[]): SummaryLine[] {
	const by = new Map(rows.map((r) => [r.scenario, r]));
	const cell = (r: Row | undefined, field: 'value' | 'p99_ms' = 'value') => {
		if (!r) return 'n/a';
		const v = r[field] as number;
		return `${field === 'value' && r.unit === 'events/s' ? Math.round(v) : v.toFixed(2)}${r.inconclusive ? '*' : ''}`;
	};
	const ratio = (a?: Row, b?: Row) => (a && b ? (a.value / b.value).toFixed(2) : 'n/a');
	const pair = (metric: string, f: string, b: string, target: string): SummaryLine => ({
		metric,
		fenghuo: cell(by.get(f)),
		baseline: cell(by.get(b)),
		ratio: ratio(by.get(f), by.get(b)),
		target
	});
	const lag = (metric: string, s: string, field: 'value' | 'p99_ms'): SummaryLine => ({
		metric,
		fenghuo: cell(by.get(s), field),
		baseline: '-',
		ratio: '-',
		target: '-'
	});
	return [
		pair('append c=1 (events/s)', 'fenghuo_append_c1', 'raw_insert_c1', '-'),
		pair('append c=4, 1 node (events/s)', 'fenghuo_append_c4_1node', 'raw_insert_c4', '≥ 0.70'),
		pair('append c=4, 4 nodes (events/s)', 'fenghuo_append_c4_4nodes', 'raw_insert_c4', '≥ 0.70'),
		pair('append 100/call (events/s)', 'fenghuo_append_batch100', 'raw_insert_batch100', '≥ 0.80'),
		lag('lag p50, other node (ms)', 'fenghuo_lag_cross_node', 'value'),
		lag('lag p99, other node (ms)', 'fenghuo_lag_cross_node', 'p99_ms'),
		lag('lag p50, same node (ms)', 'fenghuo_lag_same_node', 'value'),
		lag('lag p99, same node (ms)', 'fenghuo_lag_same_node', 'p99_ms')
	];
}

export const logBench: BenchModule = { name, run, summary };

if (isMain(import.meta.url)) {
	runBenches([logBench], 'log').then(
		() => process.exit(0),
		(err: unknown) => {
			console.error(err);
			process.exit(1);
		}
	);
}
