/**
 * Wall soak (`npm run soak`): the production server on a fresh PostgreSQL database, a headless
 * national wall (Debian's Chromium) paired as a display, and 20,000 events appended through
 * the command layer in bursts. Prints JS heap and DOM node count before and after, the wall's
 * redraws per second under load, and whether the wall ended equal to a fresh load. Figures,
 * not pass/fail; exits non-zero only when the run itself breaks.
 *
 * SOAK_EVENTS (default 20000), SOAK_RATE events/s (default 500), FENGHUO_TEST_PG_URL.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import postgres from 'postgres';
import { chromium } from '@playwright/test';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { dutyLogAggregate, incidentAggregate } from '../../src/lib/server/commands/aggregates';
import { execute } from '../../src/lib/server/commands/execute';
import { AuthService } from '../../src/lib/server/auth/service';
import { cookieNames } from '../../src/lib/server/auth/cookies';
import { openDatabase } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events/store';
import { PROJECTORS } from '../../src/lib/server/projections';
import { REGIONS } from '../../src/lib/domain/regions';

const TOTAL = Number(process.env.SOAK_EVENTS ?? 20_000);
const RATE = Number(process.env.SOAK_RATE ?? 500);
const adminUrl = process.env.FENGHUO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function log(line: Record<string, unknown>) {
	console.log(JSON.stringify(line));
}

async function main() {
	if (!existsSync('build/handler.js'))
		throw new Error('run `npm run build` first (npm run soak does)');
	const name = `fh_soak_${Date.now().toString(36)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const port = 4900 + (process.pid % 90);
	const key = randomBytes(32).toString('hex');
	const env = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_URL: url.toString(),
		FENGHUO_CHAIN_KEY: key,
		FENGHUO_DEMO: 'off',
		LOG_LEVEL: 'warn',
		NODE_ENV: 'production'
	};
	const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env,
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const origin = `http://127.0.0.1:${port}`;
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
	});
	const database = await openDatabase({ url: url.toString(), max: 4 });
	try {
		for (let i = 0; ; i++) {
			try {
				if ((await fetch(`${origin}/healthz`)).ok) break;
			} catch {
				// not up yet
			}
			if (i > 300) throw new Error('server did not start');
			await new Promise((r) => setTimeout(r, 100));
		}
		const store = new EventStore(database, {
			catalog: EVENT_CATALOG,
			chainKey: Buffer.from(key, 'hex'),
			projectors: PROJECTORS
		});
		const auth = new AuthService(database.db, store);
		const display = await auth.createDisplay({ name: 'soak wall', region: 'national' }, 'soak');
		if (!display.ok) throw new Error('display refused');
		const paired = await auth.pair(display.value.code);
		if (!paired) throw new Error('pairing failed');

		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		await context.addCookies([
			{ name: cookieNames(origin).display, value: paired.token, url: origin, httpOnly: true }
		]);
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
		await page.goto(`${origin}/wall/national`);
		await page.waitForSelector('[data-digest]');
		const cdp = await context.newCDPSession(page);
		const sample = async () => {
			await cdp.send('HeapProfiler.collectGarbage');
			const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
			const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
			const perChart = await page.evaluate(() =>
				[...document.querySelectorAll('[data-draws]')].map((el) =>
					Number(el.getAttribute('data-draws') ?? 0)
				)
			);
			const draws = perChart.reduce((a, b) => a + b, 0);
			return { heapMB: +(heap.usedSize / 1048576).toFixed(2), domNodes: dom, draws, perChart };
		};
		await page.waitForTimeout(2000);
		const before = await sample();
		log({ phase: 'before', ...before });

		// Feed at RATE events/s: mostly duty-log entries (ticker only), and every tenth step an
		// incident reported and self-graded somewhere (map, distribution and clocks change).
		const regions = REGIONS.filter((r) => r.regulated && r.sectors.includes('industrial')).map(
			(r) => r.code
		);
		const started = performance.now();
		const writers = 4;
		let next = 0;
		const actor = { id: 'soak', role: 'ministry' as const };
		// Each step may append more than one event; TOTAL counts steps.
		await Promise.all(
			Array.from({ length: writers }, async () => {
				for (;;) {
					const i = next++;
					if (i >= TOTAL) return;
					const due = started + (i / RATE) * 1000;
					const wait = due - performance.now();
					if (wait > 0) await new Promise((r) => setTimeout(r, wait));
					const region = regions[i % regions.length]!;
					if (i % 10 !== 0) {
						await execute(
							store,
							dutyLogAggregate,
							`soak-${i}`,
							{ type: 'RecordDutyLogEntry', text: `浸泡测试 #${i}` },
							{ actor }
						);
						continue;
					}
					const id = `soak-inc-${i}`;
					const org = { orgId: `soak-org-${i}`, name: `浸泡测试单位 ${i}` };
					const processor = {
						id: `u-${org.orgId}`,
						role: 'processor' as const,
						orgId: org.orgId,
						region
					};
					await execute(
						store,
						incidentAggregate,
						id,
						{
							type: 'ReportIncident',
							data: {
								incidentId: id,
								report: {
									reportingUnit: { name: org.name, contact: '测试', mobile: '13800000000' },
									occurredAt: 'unknown',
									discoveredAt: new Date().toISOString(),
									howLearned: { kind: 'own_monitoring' },
									organisation: org,
									region,
									sector: 'industrial',
									systems: 'unknown',
									cause: 'unknown',
									data: { types: 'unknown', grade: 'unknown' },
									impact: { organisations: 'unknown', regionsSectors: 'unknown' },
									handling: {
										measuresTaken: 'unknown',
										furtherMeasures: 'unknown',
										supportRequested: []
									},
									signedOff: true,
									drill: false
								}
							}
						},
						{ actor: processor }
					);
					await execute(
						store,
						incidentAggregate,
						id,
						{
							type: 'SelfGrade',
							data: {
								level: i % 20 === 0 ? 'relatively_large' : 'general',
								ruleSetVersion: 'national-2024.1',
								firedCriteria: ['soak']
							}
						},
						{ actor: processor }
					);
				}
			})
		);
		const feedS = (performance.now() - started) / 1000;
		const head = await store.headSeq();
		// Wait for the wall to reach the head.
		const t0 = performance.now();
		await page.waitForFunction(
			(seq) => Number(document.querySelector('[data-seq]')?.getAttribute('data-seq')) >= seq,
			head,
			{ timeout: 120_000 }
		);
		const catchUpMs = performance.now() - t0;
		const after = await sample();
		const seconds = feedS + catchUpMs / 1000;
		const redrawsPerS = (after.draws - before.draws) / seconds;
		const maxChartRedrawsPerS = Math.max(
			...after.perChart.map((d, i) => (d - (before.perChart[i] ?? 0)) / seconds)
		);
		if (process.env.SOAK_SCREENSHOT) await page.screenshot({ path: process.env.SOAK_SCREENSHOT });
		const liveDigest = await page.getAttribute('[data-digest]', 'data-digest');
		const fresh = await context.newPage();
		await fresh.goto(`${origin}/wall/national`);
		await fresh.waitForSelector('[data-digest]');
		const freshDigest = await fresh.getAttribute('[data-digest]', 'data-digest');
		log({
			phase: 'after',
			...after,
			events: TOTAL,
			feedS: +feedS.toFixed(1),
			eventsPerS: +(TOTAL / feedS).toFixed(0),
			catchUpMs: Math.round(catchUpMs),
			redrawsPerS: +redrawsPerS.toFixed(2),
			maxChartRedrawsPerS: +maxChartRedrawsPerS.toFixed(2),
			consoleErrors: errors.length,
			equalToFreshLoad: liveDigest === freshDigest
		});
		console.log('\nmetric | before | after | ratio');
		console.log('--- | --- | --- | ---');
		console.log(
			`JS heap MB | ${before.heapMB} | ${after.heapMB} | ${(after.heapMB / before.heapMB).toFixed(2)}`
		);
		console.log(
			`DOM nodes | ${before.domNodes} | ${after.domNodes} | ${(after.domNodes / before.domNodes).toFixed(2)}`
		);
		console.log(
			`chart redraws/s, all ${after.perChart.length} charts | | ${redrawsPerS.toFixed(2)} |`
		);
		console.log(
			`redraws/s of the busiest chart under ${Math.round(TOTAL / feedS)} steps/s | | ${maxChartRedrawsPerS.toFixed(2)} | target ≤ 4`
		);
		console.log(
			`\nenv: ${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}, load ${os
				.loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}`
		);
	} finally {
		await browser.close();
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
		await database.close();
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
		await admin.end();
	}
}

main().catch((err: unknown) => {
	console.error(err);
	process.exit(1);
});
