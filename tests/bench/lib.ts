/**
 * Shared bench plumbing: fresh PostgreSQL databases, environment, load-generator health, result
 * rows, the closing table and the bench-results/*.jsonl file. Each bench module exports
 * `run(ctx): Promise<Row[]>` and, optionally, `summary(rows)` for the closing table.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/lib/server/db/client';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MIGRATIONS = path.join(ROOT, 'drizzle');
export const ADMIN_URL =
	process.env.FENGHUO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One JSON line of output. */
export interface Row {
	scenario: string;
	metric: string;
	value: number;
	unit: string;
	inconclusive?: boolean;
	[extra: string]: unknown;
}

/** One line of the closing table. */
export interface SummaryLine {
	metric: string;
	fenghuo: string;
	baseline: string;
	ratio: string;
	target: string;
}

export interface BenchContext {
	/** Creates a fresh database (dropped by the runner at the end); returns its URL. */
	freshDatabase(): Promise<string>;
	/** Opens a Fenghuo database handle (another "node"); closed by the runner at the end. */
	open(url: string, max?: number): Promise<Database>;
	/** Prints a row as one JSON line and records it for the .jsonl file. */
	emit(row: Row): Row;
	warmupMs: number;
	durationMs: number;
}

export interface BenchModule {
	name: string;
	run(ctx: BenchContext): Promise<Row[]>;
	summary?(rows: Row[]): SummaryLine[];
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i]!;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/*
 * Load-generator health. The bench process is one Node thread driving PostgreSQL on the same
 * 2-core box, so a figure says little about the system under test when either
 *   - the bench process used > 90% of one core over the window (its single JS thread is the
 *     bottleneck: for a baseline that caps the baseline; for Fenghuo the store runs in this
 *     process too, so it is a real per-node limit, but still not a database limit), or
 *   - loadavg1 > 1.5 × cores at the end of the window (runnable threads queue for CPU: the
 *     server, the client and anything else on the box are time-sliced, so latency and
 *     throughput measure the scheduler). loadavg1 is a 1-minute average, so it lags: it can
 *     carry load over from the previous scenario, which errs on the side of "inconclusive".
 * Either one marks the scenario `"inconclusive": true`; the numbers are printed regardless.
 */
export const CPU_PROC_LIMIT = 0.9;
export const LOAD_LIMIT = 1.5;

export interface LoadSample {
	proc_cpu_pct: number;
	box_cpu_pct: number;
	loadavg1: number;
	inconclusive: boolean;
	inconclusive_reason?: string;
}

export function startLoadSample(): () => LoadSample {
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	const box0 = boxTimes();
	return () => {
		const wallUs = (performance.now() - t0) * 1000;
		const cpu = process.cpuUsage(cpu0);
		const box1 = boxTimes();
		const proc = (cpu.user + cpu.system) / wallUs;
		const box = 1 - (box1.idle - box0.idle) / Math.max(1, box1.total - box0.total);
		const load = os.loadavg()[0]!;
		const cores = os.cpus().length;
		const reasons: string[] = [];
		if (proc > CPU_PROC_LIMIT)
			reasons.push(`bench process at ${Math.round(proc * 100)}% of a core`);
		if (load > cores * LOAD_LIMIT)
			reasons.push(`loadavg1 ${load.toFixed(2)} > ${cores}×${LOAD_LIMIT}`);
		return {
			proc_cpu_pct: round(proc * 100, 1),
			box_cpu_pct: round(box * 100, 1),
			loadavg1: round(load),
			inconclusive: reasons.length > 0,
			...(reasons.length > 0 ? { inconclusive_reason: reasons.join('; ') } : {})
		};
	};
}

/** Idle and total CPU time of the whole box so far (ms, summed over cores). */
export function boxTimes(): { idle: number; total: number } {
	let idle = 0;
	let total = 0;
	for (const c of os.cpus()) {
		idle += c.times.idle;
		total += c.times.user + c.times.nice + c.times.sys + c.times.idle + c.times.irq;
	}
	return { idle, total };
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every mainstream Linux build). */
const CLK_TCK = 100;

/** CPU time (ms, all threads) a process has used so far, from /proc; NaN if unavailable. */
export function procCpuMs(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after "(comm)": state is field 3, utime 14, stime 15.
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
	} catch {
		return NaN;
	}
}

function allProcesses(): Map<number, { comm: string; ms: number }> {
	const out = new Map<number, { comm: string; ms: number }>();
	let entries: string[] = [];
	try {
		entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
	} catch {
		return out;
	}
	for (const d of entries) {
		try {
			const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
			const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			out.set(Number(d), { comm, ms: ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK });
		} catch {
			// exited meanwhile
		}
	}
	return out;
}

function commandLine(pid: number): string | undefined {
	try {
		const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
		return cmd ? cmd.replace(/\/\S*node_modules\/(\.bin\/)?/g, '').slice(0, 80) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * What the box does without us: busy cores over `ms` while this bench is idle, and the
 * processes that used most of it. Printed before a scenario so that a loaded box shows.
 */
export async function idleProbe(
	ms = 1000
): Promise<{ busy_cores: number; top: { pid: number; comm: string; cores: number }[] }> {
	const box0 = boxTimes();
	const p0 = allProcesses();
	const t0 = performance.now();
	await sleep(ms);
	const wall = performance.now() - t0;
	const box1 = boxTimes();
	const p1 = allProcesses();
	const cores = os.cpus().length;
	const busy = (1 - (box1.idle - box0.idle) / Math.max(1, box1.total - box0.total)) * cores;
	const top = [...p1]
		.map(([pid, p]) => ({ pid, comm: p.comm, cores: (p.ms - (p0.get(pid)?.ms ?? 0)) / wall }))
		.filter((p) => p.cores >= 0.05)
		.sort((a, b) => b.cores - a.cores)
		.slice(0, 4)
		.map((p) => ({ ...p, comm: commandLine(p.pid) ?? p.comm, cores: round(p.cores) }));
	return { busy_cores: round(busy), top };
}

/** Environment line: CPU, Node, PostgreSQL and its durability settings. */
export async function environment(): Promise<Record<string, unknown>> {
	const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
	try {
		const show = async (name: string) =>
			(await admin.unsafe<Record<string, string>[]>(`show ${name}`))[0]![name];
		const [{ version }] = (await admin`select version()`) as unknown as [{ version: string }];
		const cpus = os.cpus();
		return {
			scenario: 'environment',
			cpu_model: cpus[0]?.model ?? 'unknown',
			cpu_count: cpus.length,
			total_mem_gib: round(os.totalmem() / 2 ** 30, 1),
			node: process.version,
			postgres: version,
			fsync: await show('fsync'),
			synchronous_commit: await show('synchronous_commit'),
			wal_sync_method: await show('wal_sync_method'),
			commit_delay: await show('commit_delay'),
			loadavg: os.loadavg().map((x) => round(x)),
			warmup_ms: 0,
			duration_ms: 0
		};
	} finally {
		await admin.end();
	}
}

function pad(s: string, n: number, right = false) {
	return right ? s.padStart(n) : s.padEnd(n);
}

export function formatTable(lines: SummaryLine[]): string {
	const head: SummaryLine = {
		metric: 'metric',
		fenghuo: 'fenghuo',
		baseline: 'baseline',
		ratio: 'ratio',
		target: 'target'
	};
	const cols = ['metric', 'fenghuo', 'baseline', 'ratio', 'target'] as const;
	const all = [head, ...lines];
	const w = cols.map((c) => Math.max(...all.map((l) => l[c].length)));
	const fmt = (l: SummaryLine) =>
		cols.map((c, i) => pad(l[c], w[i]!, i > 0 && l !== head)).join(' | ');
	const rule = w.map((n) => '-'.repeat(n)).join('-|-');
	return [fmt(head), rule, ...lines.map(fmt)].join('\n');
}

/** Runs the modules one after another against fresh databases; prints rows, table, file. */
export async function runBenches(modules: readonly BenchModule[], label: string): Promise<void> {
	const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 1000);
	const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5000);
	const started = new Date();
	const all: Row[] = [];
	const lines: string[] = [];
	const probe = await idleProbe(1000);
	const env = {
		...(await environment()),
		warmup_ms: warmupMs,
		duration_ms: durationMs,
		// Other work on the box before we start (other builds and tests): busy cores, top users.
		idle_probe_busy_cores: probe.busy_cores,
		idle_probe_top: probe.top
	};
	lines.push(JSON.stringify(env));
	console.log(lines[0]);

	const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
	const prefix = `fh_bench_${started.getTime().toString(36)}_${process.pid}`;
	const created: string[] = [];
	const handles: Database[] = [];
	const ctx: BenchContext = {
		warmupMs,
		durationMs,
		async freshDatabase() {
			const name = `${prefix}_${created.length + 1}`;
			await admin.unsafe(`create database "${name}"`);
			created.push(name);
			const url = new URL(ADMIN_URL);
			url.pathname = `/${name}`;
			return url.toString();
		},
		async open(url, max) {
			const db = await openDatabase({ url, max, migrationsFolder: MIGRATIONS });
			handles.push(db);
			return db;
		},
		emit(row) {
			const line = JSON.stringify(row);
			lines.push(line);
			all.push(row);
			console.log(line);
			return row;
		}
	};

	const tables: string[] = [];
	try {
		for (const m of modules) {
			const rows = await m.run(ctx);
			await Promise.all(handles.splice(0).map((h) => h.close()));
			if (m.summary) tables.push(`${m.name}\n${formatTable(m.summary(rows))}`);
		}
	} finally {
		await Promise.all(handles.splice(0).map((h) => h.close().catch(() => {})));
		for (const name of created) {
			await admin.unsafe(`drop database if exists "${name}" with (force)`).catch((e: unknown) => {
				console.error(`could not drop ${name}: ${String(e)}`);
			});
		}
		await admin.end();
	}

	console.log('');
	for (const t of tables) console.log(t + '\n');
	if (all.some((r) => r.inconclusive))
		console.log(
			"* inconclusive: see the row's inconclusive_reason (load on the box or the bench process)\n"
		);
	const dir = path.join(ROOT, 'bench-results');
	mkdirSync(dir, { recursive: true });
	const stamp = started.toISOString().replace(/[:.]/g, '-');
	const file = path.join(dir, `${label}-${stamp}.jsonl`);
	writeFileSync(file, lines.join('\n') + '\n');
	console.log(`rows written to ${path.relative(ROOT, file)}`);
}

/** True when `import.meta.url` is the script node was started with. */
export function isMain(metaUrl: string): boolean {
	return !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(metaUrl);
}
