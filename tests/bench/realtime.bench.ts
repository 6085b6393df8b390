/**
 * Realtime bench: Fenghuo's live path against a raw `ws` fan-out doing the same work.
 * `npm run bench -- realtime` (or `npx tsx tests/bench/realtime.bench.ts`).
 *
 * Fenghuo (system "fenghuo"): the server is a forked child (realtime.server.ts) running the
 * production startRealtime() + Hub (default HubOptions: 50 ms batches) on 127.0.0.1 over a fresh
 * PostgreSQL database. This process appends through the real EventStore (EVENT_CATALOG,
 * HMAC-SM3 chain, production PROJECTORS) on its own Database handle, so the hub is woken by
 * NOTIFY, reads the rows and fans them out: the multi-node path. Clients are socket.io-client
 * (transports ['websocket'], Origin header = the server's ORIGIN, which access.ts allows, and,
 * once accounts exist, the Cookie of one national display credential the server provisions,
 * see realtime.server.ts) and use the wire protocol of src/lib/shared/socket.ts: emit
 * 'subscribe' {room, since} with an ack, then receive 'events' batches.
 * Latency = receipt of the event by a client (after parsing) − the moment append() resolved,
 * both on performance.now() of this process (monotonic, same clock).
 *
 * Fenghuo, same node (system "fenghuo_local"): as above, but the appends run inside the server
 * process through getEventStore(), as the SvelteKit handler's do in production, so the hub is
 * woken locally, without NOTIFY. This process sends each tick's AppendRequest over IPC; the
 * child answers with performance.timeOrigin + now() at the moment append() resolved, moved to
 * this process's clock by the offset measured with IPC pings (error ≤ RTT/2, printed as
 * clock_offset_ms / clock_rtt_ms). Its server CPU includes the appends, so the CPU and RSS
 * rows of the closing table use "fenghuo".
 *
 * Baseline (system "raw"): the same child script in raw mode, a `ws` server. This process
 * sends every writer tick's events (the same WireEvent JSON the hub sends, seq from a counter)
 * to the child over IPC; the child encodes one batch per room once and writes it to every
 * socket of the room at once, with no batching delay and no database. Clients are `ws`
 * clients. Latency = receipt − the moment this process handed the events to IPC.
 *
 * Both systems: the writer issues one append / one publish per 10 ms tick carrying the events
 * due at the target rate (open loop); event regions cycle over the 34 province-level units;
 * one client subscribes to one room. Measured events are those issued in the measurement
 * window; "delivered" = (client, event) receipts of those / subscribers of their rooms, waiting
 * after the window until all arrived, nothing arrived for 3 s, or 20 s passed. Server CPU =
 * process.cpuUsage() of the child over the window, per delivered (client, event) pair; RSS per
 * connection = child RSS (after gc) with every client subscribed minus before any connected,
 * / clients.
 *
 * Load: box CPU is accounted as this process + the child + the PostgreSQL backends of the
 * bench database vs. everything else ("external"). A scenario is marked inconclusive when this
 * process (the clients and the writer, one JS thread) used > 90% of a core, the box was
 * saturated (> 95% busy), other processes used > 0.35 core, or loadavg1 > 1.5 × cores. An idle
 * probe before each run prints what the box was doing without us.
 *
 * File descriptors: one per client socket in this process and one per connection in the child
 * (5,000 each at full size, plus PostgreSQL connections). Run with `ulimit -n` ≥ 12,000
 * (`ulimit -n 20000`); the default 1,024 fails the province scenario at connect time.
 *
 * Client capacity: the clients decode every batch as a wall does (socket.io-parser / JSON.parse)
 * in this one JS thread. The full national scenario is 1,000 × 1,000 = 1M event deliveries/s
 * (~0.4 GB/s of JSON): more than one core decodes, so on a small box this process saturates
 * and the run is marked inconclusive: its latencies then measure the load generator. Scale it
 * down (BENCH_SCALE=0.1: 100 clients, still 1,000 events/s) for figures about the server.
 *
 * Size: BENCH_SCALE (default 1) multiplies client counts (5,000 province, 1,000 national);
 * rates stay 100 and 1,000 events/s. BENCH_WARMUP_MS / BENCH_DURATION_MS as for every bench;
 * BENCH_REALTIME_SCENARIOS=province (or national) runs one scenario only.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { io as ioClient, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { REGIONS } from '../../src/lib/domain/regions';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { roomsForEvent } from '../../src/lib/server/realtime/rooms';
import {
	regionRoom,
	ROOM_NATIONAL,
	type ClientToServerEvents,
	type EventBatch,
	type Room,
	type ServerToClientEvents,
	type WireEvent
} from '../../src/lib/shared/socket';
import {
	ADMIN_URL,
	boxTimes,
	idleProbe,
	isMain,
	procCpuMs,
	round,
	runBenches,
	sleep,
	startLoadSample,
	type BenchContext,
	type BenchModule,
	type Row,
	type SummaryLine
} from './lib';
import type {
	AppendMessage,
	ChildRequest,
	CommittedMessage,
	PublishMessage,
	SampleReply,
	ServerMode
} from './realtime.server';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const SERVER_SCRIPT = path.join(HERE, 'realtime.server.ts');

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PROVINCES = REGIONS.filter((r) => r.kind === 'province').map((r) => r.code);
const PROVINCE_CLIENTS = Math.max(PROVINCES.length, Math.round(5000 * SCALE));
const PROVINCE_RATE = 100;
const NATIONAL_CLIENTS = Math.max(1, Math.round(1000 * SCALE));
const NATIONAL_RATE = 1000;
/** Writer tick: one append (Fenghuo) or one publish (raw) per tick with the events due. */
const TICK_MS = 10;
/** Hub batch interval: startRealtime() runs the Hub with its default batchMs. */
const HUB_BATCH_MS = 50;
const CONNECT_CONCURRENCY = 100;
const DRAIN_STALL_MS = 3000;
/** The writer skips events this far overdue (see the writing loop). */
const MAX_BEHIND_S = 0.25;
const DRAIN_MAX_MS = 20_000;
const EXTERNAL_LIMIT_CORES = 0.35;
const BOX_BUSY_LIMIT = 0.95;

const TYPE = 'DutyLogEntryRecorded';
const ACTOR = 'user-bench-officer';
const PAYLOAD = {
	at: '2025-03-01T08:00:00.000Z',
	by: ACTOR,
	text: '交接班：夜间接报两起工业数据泄露线索，已通知属地监管部门核实，待早班跟进。Shift hand-over note.'
};

type System = 'fenghuo' | 'fenghuo_local' | 'raw';
type Phase = 'warmup' | 'measure' | 'stop';

interface Spec {
	name: 'province' | 'national';
	clients: number;
	rate: number;
	/** Room of client i. */
	roomOf(i: number): Room;
	rooms: number;
}

const SPECS: Record<Spec['name'], Spec> = {
	province: {
		name: 'province',
		clients: PROVINCE_CLIENTS,
		rate: PROVINCE_RATE,
		roomOf: (i) => regionRoom(PROVINCES[i % PROVINCES.length]!),
		rooms: PROVINCES.length
	},
	national: {
		name: 'national',
		clients: NATIONAL_CLIENTS,
		rate: NATIONAL_RATE,
		roomOf: () => ROOM_NATIONAL,
		rooms: 1
	}
};

// ---------------------------------------------------------------------------------------------
// The forked server

class ServerProcess {
	private nextId = 1;
	private readonly pending = new Map<
		number,
		{ resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }
	>();
	private exited = false;
	onCommitted: (m: CommittedMessage) => void = () => {};

	private constructor(
		readonly child: ChildProcess,
		readonly origin: string,
		/** Cookie header for Fenghuo sockets (a display credential), if the server needs one. */
		readonly cookie: string | undefined
	) {
		child.on('message', (m: { id?: number; type?: string }) => {
			if (m.type === 'committed') this.onCommitted(m as CommittedMessage);
			if (m.id === undefined) return;
			const p = this.pending.get(m.id);
			this.pending.delete(m.id);
			p?.resolve(m as Record<string, unknown>);
		});
		child.on('exit', (code) => {
			this.exited = true;
			for (const p of this.pending.values()) p.reject(new Error(`bench server exited (${code})`));
			this.pending.clear();
		});
	}

	static start(mode: ServerMode, env: Record<string, string>): Promise<ServerProcess> {
		const child = fork(SERVER_SCRIPT, [mode], {
			cwd: ROOT,
			execArgv: ['--import', 'tsx', '--expose-gc'],
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'inherit', 'ipc']
		});
		// Server logs (warnings and errors only) go to stderr; stdout stays JSON lines.
		child.stdout?.pipe(process.stderr);
		return new Promise((resolve, reject) => {
			const onExit = (code: number | null) =>
				reject(new Error(`bench server (${mode}) exited with ${code} before it was ready`));
			child.once('exit', onExit);
			child.once('message', (m: { type: string; origin: string; cookie?: string }) => {
				child.off('exit', onExit);
				if (m.type !== 'ready') reject(new Error(`unexpected first message ${JSON.stringify(m)}`));
				else resolve(new ServerProcess(child, m.origin, m.cookie));
			});
		});
	}

	get pid(): number {
		return this.child.pid!;
	}

	request<T>(type: ChildRequest['type']): Promise<T> {
		if (this.exited) return Promise.reject(new Error('bench server is not running'));
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: (m) => resolve(m as T), reject });
			this.child.send({ id, type } satisfies ChildRequest);
		});
	}

	publish(events: WireEvent[]): void {
		this.child.send({ type: 'publish', events } satisfies PublishMessage);
	}

	append(message: AppendMessage): void {
		this.child.send(message);
	}

	/**
	 * Offset of the child's performance.timeOrigin + now() from ours, from the IPC round trip
	 * with the smallest RTT (error ≤ RTT/2). Converts the child's commit times to our clock.
	 */
	async clockOffset(samples = 30): Promise<{ offset: number; rtt: number }> {
		let best = { offset: 0, rtt: Infinity };
		for (let i = 0; i < samples; i++) {
			const t0 = performance.now();
			const { at } = await this.request<{ at: number }>('clock');
			const t1 = performance.now();
			if (t1 - t0 < best.rtt)
				best = { offset: at - (performance.timeOrigin + (t0 + t1) / 2), rtt: t1 - t0 };
		}
		return best;
	}

	async stop(): Promise<void> {
		if (this.exited) return;
		const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
		await Promise.race([this.request('stop').catch(() => {}), sleep(10_000)]);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
	}
}

// ---------------------------------------------------------------------------------------------
// Delivery tracking

/** Latency histogram: 0.01 ms buckets up to 2 s, exact values above. */
const RES_MS = 0.01;
const BUCKETS = 200_000;

class Tracker {
	private committed = new Float64Array(1 << 14).fill(NaN);
	private measuredFlag = new Uint8Array(1 << 14);
	private readonly last: Float64Array;
	private readonly early = new Map<number, number[]>();
	private readonly hist = new Uint32Array(BUCKETS);
	private readonly overflow: number[] = [];
	samples = 0;
	expected = 0;
	received = 0;
	duplicates = 0;
	beforeCommit = 0;
	measuredEvents = 0;
	maxMs = 0;

	constructor(clients: number) {
		this.last = new Float64Array(clients);
	}

	private ensure(seq: number): void {
		if (seq < this.committed.length) return;
		let n = this.committed.length;
		while (n <= seq) n *= 2;
		const c = new Float64Array(n).fill(NaN);
		c.set(this.committed);
		this.committed = c;
		const m = new Uint8Array(n);
		m.set(this.measuredFlag);
		this.measuredFlag = m;
	}

	/** An event is committed (Fenghuo) / handed to the server (raw) at `t`. */
	commit(seq: number, t: number, measured: boolean, fanout: number): void {
		this.ensure(seq);
		this.committed[seq] = t;
		this.measuredFlag[seq] = measured ? 1 : 0;
		if (measured) {
			this.expected += fanout;
			this.measuredEvents += 1;
		}
		const early = this.early.get(seq);
		if (early) {
			this.early.delete(seq);
			for (const r of early) this.count(seq, r - t);
		}
	}

	/** A client got a batch at `t`. */
	batch(client: number, events: readonly { seq: number }[], t: number): void {
		for (const e of events) {
			const seq = e.seq;
			if (seq <= this.last[client]!) {
				this.duplicates += 1;
				continue;
			}
			this.last[client] = seq;
			const c = seq < this.committed.length ? this.committed[seq]! : NaN;
			if (Number.isNaN(c)) {
				// Delivered before append() resolved here: settled when it does.
				let list = this.early.get(seq);
				if (!list) this.early.set(seq, (list = []));
				list.push(t);
			} else this.count(seq, t - c);
		}
	}

	private count(seq: number, latency: number): void {
		if (this.measuredFlag[seq] !== 1) return;
		this.received += 1;
		if (latency < 0) {
			this.beforeCommit += 1;
			latency = 0;
		}
		if (latency > this.maxMs) this.maxMs = latency;
		const b = Math.floor(latency / RES_MS);
		if (b < BUCKETS) this.hist[b]! += 1;
		else this.overflow.push(latency);
		this.samples += 1;
	}

	percentile(p: number): number {
		if (this.samples === 0) return NaN;
		const target = Math.max(1, Math.ceil((p / 100) * this.samples));
		let cum = 0;
		for (let i = 0; i < BUCKETS; i++) {
			cum += this.hist[i]!;
			if (cum >= target) return (i + 1) * RES_MS;
		}
		this.overflow.sort((a, b) => a - b);
		return this.overflow[target - cum - 1] ?? NaN;
	}
}

// ---------------------------------------------------------------------------------------------
// Clients

interface Fleet {
	close(): void;
	/** Clients the server dropped (e.g. missed pongs while this process was starved), by reason. */
	lost: Map<string, number>;
}

const lose = (fleet: Fleet, reason: string) =>
	fleet.lost.set(reason, (fleet.lost.get(reason) ?? 0) + 1);

async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(n, concurrency) }, async () => {
			while (next < n) await fn(next++);
		})
	);
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function socketIoFleet(
	server: ServerProcess,
	spec: Spec,
	since: number,
	tracker: Tracker
): Promise<Fleet> {
	const sockets: ClientSocket[] = [];
	let closing = false;
	const fleet: Fleet = {
		lost: new Map(),
		close: () => {
			closing = true;
			sockets.forEach((s) => s.disconnect());
		}
	};
	try {
		await pool(spec.clients, CONNECT_CONCURRENCY, async (i) => {
			const s: ClientSocket = ioClient(server.origin, {
				transports: ['websocket'],
				extraHeaders: {
					origin: server.origin,
					...(server.cookie ? { cookie: server.cookie } : {})
				},
				reconnection: false,
				forceNew: true,
				timeout: 60_000
			});
			sockets.push(s);
			s.on('disconnect', (reason) => {
				if (!closing) lose(fleet, reason);
			});
			await new Promise<void>((resolve, reject) => {
				s.once('connect', resolve);
				s.once('connect_error', reject);
			});
			s.on('events', (batch) => tracker.batch(i, batch.events, performance.now()));
			const ack = await s.timeout(60_000).emitWithAck('subscribe', { room: spec.roomOf(i), since });
			if (!ack.ok) throw new Error(`subscribe refused: ${ack.error.code} ${ack.error.message}`);
			tracker.batch(i, ack.batch.events, performance.now());
		});
	} catch (err) {
		fleet.close();
		throw err;
	}
	return fleet;
}

async function wsFleet(server: ServerProcess, spec: Spec, tracker: Tracker): Promise<Fleet> {
	const sockets: WebSocket[] = [];
	let closing = false;
	const fleet: Fleet = {
		lost: new Map(),
		close: () => {
			closing = true;
			sockets.forEach((s) => s.close());
		}
	};
	const url = server.origin.replace(/^http/, 'ws') + '/';
	try {
		await pool(spec.clients, CONNECT_CONCURRENCY, async (i) => {
			const ws = new WebSocket(url, { origin: server.origin, perMessageDeflate: false });
			sockets.push(ws);
			ws.on('close', (code) => {
				if (!closing) lose(fleet, `close ${code}`);
			});
			await new Promise<void>((resolve, reject) => {
				ws.once('open', () => resolve());
				ws.once('error', reject);
			});
			await new Promise<void>((resolve, reject) => {
				ws.once('message', (data: Buffer) => {
					const ack = JSON.parse(data.toString()) as { ok: boolean };
					if (ack.ok) resolve();
					else reject(new Error('raw subscribe refused'));
				});
				ws.send(JSON.stringify({ room: spec.roomOf(i) }));
			});
			ws.on('message', (data: Buffer) => {
				const batch = JSON.parse(data.toString()) as EventBatch;
				tracker.batch(i, batch.events, performance.now());
			});
		});
	} catch (err) {
		fleet.close();
		throw err;
	}
	return fleet;
}

// ---------------------------------------------------------------------------------------------
// Load accounting

async function dbBackendPids(admin: postgres.Sql, database: string | undefined): Promise<number[]> {
	if (!database) return [];
	const rows = await admin<{ pid: number }[]>`
		select pid from pg_stat_activity where datname = ${database}`;
	return rows.map((r) => r.pid);
}

/** CPU of "us" (given pids) vs the whole box over a window. */
async function startCpuAccounting(pids: () => Promise<number[]>) {
	const t0 = performance.now();
	const box0 = boxTimes();
	const before = new Map((await pids()).map((p) => [p, procCpuMs(p)]));
	return async () => {
		const wall = performance.now() - t0;
		const box1 = boxTimes();
		const now = await pids();
		let ours = 0;
		for (const p of new Set([...before.keys(), ...now])) {
			const end = procCpuMs(p);
			const start = before.get(p) ?? 0; // born in the window: all of it counts
			if (Number.isFinite(end) && Number.isFinite(start)) ours += end - start;
		}
		const cores = os.cpus().length;
		const busy = 1 - (box1.idle - box0.idle) / Math.max(1, box1.total - box0.total);
		const busyCores = busy * cores;
		return {
			box_busy_cores: round(busyCores),
			ours_cores: round(ours / wall),
			external_cores: round(Math.max(0, busyCores - ours / wall)),
			box_busy: busy
		};
	};
}

// ---------------------------------------------------------------------------------------------
// One run

function newStore(
	database: Awaited<ReturnType<BenchContext['open']>>,
	chainKey: Buffer
): EventStore {
	return new EventStore(database, {
		catalog: EVENT_CATALOG,
		chainKey,
		chainAlg: 'hmac-sm3',
		projectors: PROJECTORS
	});
}

async function runOne(ctx: BenchContext, spec: Spec, system: System): Promise<Row> {
	const scenario = `realtime_${spec.name}_${system}`;
	const preflight = await idleProbe(1000);

	const roomSize = new Map<Room, number>();
	for (let i = 0; i < spec.clients; i++) {
		const r = spec.roomOf(i);
		roomSize.set(r, (roomSize.get(r) ?? 0) + 1);
	}
	const fanout = (regions: string[]) =>
		roomsForEvent({ regions }).reduce((n, room) => n + (roomSize.get(room) ?? 0), 0);

	let store: EventStore | undefined;
	let dbName: string | undefined;
	const env: Record<string, string> = { LOG_LEVEL: 'warn', NODE_ENV: 'production' };
	if (system !== 'raw') {
		const url = await ctx.freshDatabase();
		dbName = new URL(url).pathname.slice(1);
		// One chain key for both writers (this process and the server's audit/same-node appends).
		const chainKey = randomBytes(32);
		store = newStore(await ctx.open(url), chainKey);
		Object.assign(env, {
			DATABASE_URL: url,
			FENGHUO_CHAIN_KEY: chainKey.toString('hex'),
			FENGHUO_DEMO: 'off',
			FENGHUO_DATA_DIR: path.join(os.tmpdir(), `fh-bench-${process.pid}`)
		});
	}

	const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
	const server = await ServerProcess.start(system === 'raw' ? 'raw' : 'fenghuo', env);
	let fleet: Fleet | undefined;
	try {
		const rssIdle = (await server.request<{ rss: number }>('rss')).rss;
		const tracker = new Tracker(spec.clients);
		const tc = performance.now();
		fleet =
			system === 'raw'
				? await wsFleet(server, spec, tracker)
				: await socketIoFleet(server, spec, await store!.headSeq(), tracker);
		const connectS = (performance.now() - tc) / 1000;
		await sleep(500);
		const rssConnected = (await server.request<{ rss: number }>('rss')).rss;

		const state = { phase: 'warmup' as Phase };
		let appendErrors = 0;
		let writerSkipped = 0;
		let rawSeq = 0;
		let n = 0;
		const inflight = new Set<Promise<void>>();
		// Same-node writer: appends travel to the server process, commit times come back.
		const clock = system === 'fenghuo_local' ? await server.clockOffset() : undefined;
		let tag = 0;
		const remote = new Map<number, { regions: string[]; measured: boolean }>();
		server.onCommitted = (m) => {
			const sent = remote.get(m.tag);
			remote.delete(m.tag);
			if (!sent) return;
			if (m.error) appendErrors += 1;
			const t = m.at - clock!.offset - performance.timeOrigin;
			m.seqs.forEach((seq, i) => tracker.commit(seq, t, sent.measured, fanout([sent.regions[i]!])));
		};
		const nextEvents = (count: number) =>
			Array.from({ length: count }, () => PROVINCES[n++ % PROVINCES.length]!);

		const issue = (count: number) => {
			const measured = state.phase === 'measure';
			const regions = nextEvents(count);
			if (system === 'raw') {
				const at = new Date().toISOString();
				const events: WireEvent[] = regions.map((region) => ({
					seq: ++rawSeq,
					streamId: `dutylog-bench_rt_${rawSeq % 4}`,
					streamVersion: rawSeq,
					type: TYPE,
					payload: PAYLOAD,
					actor: ACTOR,
					region,
					regions: [region],
					drill: false,
					occurredAt: at,
					recordedAt: at
				}));
				const t = performance.now();
				for (const e of events) tracker.commit(e.seq, t, measured, fanout(e.regions));
				server.publish(events);
				return;
			}
			const request = {
				streamId: `dutylog-bench_rt_${n % 4}`,
				expectedVersion: 'any' as const,
				actor: ACTOR,
				events: regions.map((region) => ({ type: TYPE, payload: PAYLOAD, region }))
			};
			if (system === 'fenghuo_local') {
				remote.set(++tag, { regions, measured });
				server.append({ type: 'append', tag, request });
				return;
			}
			const p = store!
				.append(request)
				.then((res) => {
					const t = performance.now();
					for (const e of res.events) tracker.commit(e.seq, t, measured, fanout(e.regions));
				})
				.catch(() => void (appendErrors += 1))
				.finally(() => inflight.delete(p));
			inflight.add(p);
		};

		// Open loop: every tick, one append/publish with all events due at the target rate.
		const writing = (async () => {
			const start = performance.now();
			let issued = 0;
			while (state.phase !== 'stop') {
				const due = Math.floor(((performance.now() - start) * spec.rate) / 1000);
				// A stalled event loop (this process saturated) would release a burst: events more
				// than MAX_BEHIND_S overdue are skipped and reported instead.
				const skip = Math.max(0, due - issued - Math.ceil(spec.rate * MAX_BEHIND_S));
				if (skip > 0 && state.phase === 'measure') writerSkipped += skip;
				issued += skip;
				for (let k = due - issued; k > 0; k -= 1000) issue(Math.min(k, 1000));
				issued = due;
				await sleep(TICK_MS);
			}
		})();

		await sleep(ctx.warmupMs);
		state.phase = 'measure';
		const serverSample = server.request('sample-start');
		const load = startLoadSample();
		const cpu = await startCpuAccounting(async () => [
			process.pid,
			server.pid,
			...(await dbBackendPids(admin, dbName))
		]);
		await serverSample;
		const t0 = performance.now();
		await sleep(ctx.durationMs);
		const seconds = (performance.now() - t0) / 1000;
		state.phase = 'stop';
		const serverCpu = await server.request<SampleReply>('sample-end');
		const loadSample = load();
		const box = await cpu();
		await writing;
		await Promise.all([...inflight]);
		for (let i = 0; i < 500 && remote.size > 0; i++) await sleep(20);

		// Drain: until every expected delivery arrived, or nothing arrived for DRAIN_STALL_MS (a
		// loss), or DRAIN_MAX_MS (a client backlog that is still being worked off).
		const drainStart = performance.now();
		let progressAt = drainStart;
		let seen = tracker.received;
		while (tracker.received < tracker.expected) {
			const now = performance.now();
			if (tracker.received > seen) [seen, progressAt] = [tracker.received, now];
			if (now - progressAt > DRAIN_STALL_MS || now - drainStart > DRAIN_MAX_MS) break;
			await sleep(20);
		}
		const drainedS = (performance.now() - drainStart) / 1000;

		const reasons = loadSample.inconclusive_reason ? [loadSample.inconclusive_reason] : [];
		if (box.box_busy > BOX_BUSY_LIMIT)
			reasons.push(`box saturated (${Math.round(box.box_busy * 100)}% busy)`);
		if (writerSkipped > 0)
			reasons.push(`writer stalled: skipped ${writerSkipped} overdue events in the window`);
		if (box.external_cores > EXTERNAL_LIMIT_CORES)
			reasons.push(`other processes used ${box.external_cores} cores`);
		const serverCores = serverCpu.cpu_us / 1000 / serverCpu.wall_ms;

		return ctx.emit({
			scenario,
			metric: 'latency_p50',
			value: round(tracker.percentile(50), 3),
			unit: 'ms',
			system,
			clients: spec.clients,
			rooms: spec.rooms,
			clients_per_room: round(spec.clients / spec.rooms, 1),
			transport: system === 'raw' ? 'ws' : 'socket.io-client websocket',
			writer: {
				raw: 'bench process → IPC → server fan-out',
				fenghuo: 'EventStore in bench process → NOTIFY → hub (other node)',
				fenghuo_local: 'EventStore in server process → local wake-up → hub (same node)'
			}[system],
			hub_batch_ms: system === 'raw' ? 0 : HUB_BATCH_MS,
			tick_ms: TICK_MS,
			target_rate: spec.rate,
			achieved_rate: round(tracker.measuredEvents / seconds, 0),
			events: tracker.measuredEvents,
			p90_ms: round(tracker.percentile(90), 3),
			p99_ms: round(tracker.percentile(99), 3),
			max_ms: round(tracker.maxMs, 3),
			delivered_pct: round((100 * tracker.received) / Math.max(1, tracker.expected), 3),
			expected_deliveries: tracker.expected,
			received: tracker.received,
			duplicates: tracker.duplicates,
			delivered_before_commit: tracker.beforeCommit,
			append_errors: appendErrors,
			writer_skipped: writerSkipped,
			clients_lost: [...fleet.lost.values()].reduce((a, b) => a + b, 0),
			clients_lost_by_reason: Object.fromEntries(fleet.lost),
			drain_s: round(drainedS, 2),
			server_cpu_pct: round(serverCores * 100, 1),
			server_cpu_includes_appends: system === 'fenghuo_local',
			server_cpu_us_per_delivery: round(serverCpu.cpu_us / Math.max(1, tracker.received), 3),
			server_messages: serverCpu.batches,
			server_rss_idle_mib: round(rssIdle / 2 ** 20, 1),
			server_rss_connected_mib: round(rssConnected / 2 ** 20, 1),
			rss_per_conn_kib: round((rssConnected - rssIdle) / 1024 / spec.clients, 2),
			connect_s: round(connectS, 2),
			...(clock
				? { clock_offset_ms: round(clock.offset, 3), clock_rtt_ms: round(clock.rtt, 3) }
				: {}),
			seconds: round(seconds, 3),
			preflight_busy_cores: preflight.busy_cores,
			preflight_top: preflight.top,
			box_busy_cores: box.box_busy_cores,
			ours_cores: box.ours_cores,
			external_cores: box.external_cores,
			...loadSample,
			inconclusive: reasons.length > 0,
			...(reasons.length > 0 ? { inconclusive_reason: reasons.join('; ') } : {})
		});
	} finally {
		fleet?.close();
		await sleep(200);
		await server.stop();
		await admin.end();
	}
}

// ---------------------------------------------------------------------------------------------

export const name = 'realtime';

export async function run(ctx: BenchContext): Promise<Row[]> {
	const rows: Row[] = [];
	const only = (process.env.BENCH_REALTIME_SCENARIOS ?? 'province,national').split(',');
	for (const spec of [SPECS.province, SPECS.national].filter((s) => only.includes(s.name))) {
		for (const system of ['raw', 'fenghuo', 'fenghuo_local'] as const)
			rows.push(await runOne(ctx, spec, system));
	}
	return rows;
}

export function summary(rows: Row[]): SummaryLine[] {
	const by = new Map(rows.map((r) => [r.scenario, r]));
	const get = (spec: string, system: System) => by.get(`realtime_${spec}_${system}`);
	const num = (r: Row | undefined, field: string) =>
		r && typeof r[field] === 'number' ? (r[field] as number) : NaN;
	const cell = (r: Row | undefined, field: string, digits = 2) =>
		r ? `${num(r, field).toFixed(digits)}${r.inconclusive ? '*' : ''}` : 'n/a';
	const line = (
		metric: string,
		spec: string,
		field: string,
		target: string,
		digits = 2,
		system: System = 'fenghuo'
	): SummaryLine => {
		const f = get(spec, system);
		const b = get(spec, 'raw');
		const ratio = num(f, field) / num(b, field);
		return {
			metric,
			fenghuo: cell(f, field, digits),
			baseline: cell(b, field, digits),
			ratio: Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a',
			target
		};
	};
	const rawP99 = num(get('national', 'raw'), 'p99_ms');
	const natTarget = Number.isFinite(rawP99)
		? `≤ ${(rawP99 + HUB_BATCH_MS + 10).toFixed(1)} ms (raw + ${HUB_BATCH_MS} + 10)`
		: `≤ raw + ${HUB_BATCH_MS} + 10 ms`;
	const p = SPECS.province;
	const nat = SPECS.national;
	return [
		line(
			`province ${p.clients}/${p.rooms} rooms delivered (%)`,
			'province',
			'delivered_pct',
			'-',
			3
		),
		line('province latency p50 (ms)', 'province', 'value', '≤ 2× and ≤ 25 ms'),
		line('province latency p99 (ms)', 'province', 'p99_ms', '≤ 2× and ≤ 25 ms'),
		line(
			'  same-node writer: p50 (ms)',
			'province',
			'value',
			'≤ 2× and ≤ 25 ms',
			2,
			'fenghuo_local'
		),
		line(
			'  same-node writer: p99 (ms)',
			'province',
			'p99_ms',
			'≤ 2× and ≤ 25 ms',
			2,
			'fenghuo_local'
		),
		line(`national ${nat.clients} clients delivered (%)`, 'national', 'delivered_pct', '-', 3),
		line('national latency p50 (ms)', 'national', 'value', '-'),
		line('national latency p99 (ms)', 'national', 'p99_ms', natTarget),
		line('  same-node writer: p99 (ms)', 'national', 'p99_ms', natTarget, 2, 'fenghuo_local'),
		line(
			'server CPU/delivery, province (µs)',
			'province',
			'server_cpu_us_per_delivery',
			'≤ 1.5×',
			3
		),
		line(
			'server CPU/delivery, national (µs)',
			'national',
			'server_cpu_us_per_delivery',
			'≤ 1.5×',
			3
		),
		line(
			`server RSS/connection, ${p.clients} conns (KiB)`,
			'province',
			'rss_per_conn_kib',
			'≤ 2.5×'
		),
		line(
			`server RSS/connection, ${nat.clients} conns (KiB)`,
			'national',
			'rss_per_conn_kib',
			'≤ 2.5×'
		)
	];
}

export const realtimeBench: BenchModule = { name, run, summary };

if (isMain(import.meta.url)) {
	runBenches([realtimeBench], 'realtime').then(
		() => process.exit(0),
		(err: unknown) => {
			console.error(err);
			process.exit(1);
		}
	);
}
