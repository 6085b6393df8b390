import fc from 'fast-check';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { DomainError, isDomainError } from '../../src/lib/domain/errors';
import { fold, type IncidentState } from '../../src/lib/domain/incident';
import { actors, at, paths, play, report, scriptArb } from '../../src/lib/domain/incident/fixtures';
import { incidentAggregate, warningAggregate } from '../../src/lib/server/commands/aggregates';
import { execute, toDomain } from '../../src/lib/server/commands/execute';
import type { Database } from '../../src/lib/server/db/client';
import { incidentCurrent, regionSummary, warningCurrent } from '../../src/lib/server/db/schema';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

describe(`commands and projections (${TEST_DB})`, () => {
	let t: TestDatabase;
	let db: Database;
	let store: EventStore;

	beforeAll(async () => {
		t = await freshDatabase();
		db = await t.open();
		store = new EventStore(db, {
			catalog: EVENT_CATALOG,
			chainKey: CHAIN_KEY,
			projectors: PROJECTORS
		});
	});
	afterAll(async () => {
		await t.close();
	});

	const withId = <C extends { type: string; data: object }>(command: C, id: string): C =>
		command.type === 'ReportIncident'
			? { ...command, data: { ...command.data, incidentId: id } }
			: command;
	const runSteps = async (id: string, steps: ReturnType<typeof paths.major>) => {
		for (const s of steps) {
			await execute(store, incidentAggregate, id, withId(s.command, id), {
				actor: s.actor,
				now: new Date(s.now)
			});
		}
	};

	it('runs a 重大 incident through the handlers into the projections', async () => {
		await runSteps('inc-major', paths.major());
		const [row] = await db.db.select().from(incidentCurrent);
		expect(row).toMatchObject({
			incidentId: 'inc-major',
			status: 'response',
			level: 'major',
			region: '440300',
			regulatorRegion: '440300',
			sector: 'industrial',
			orgName: '深圳某制造有限公司',
			open: true,
			drill: false,
			streamVersion: 8
		});
		const stream = await store.readStream('incident-inc-major');
		expect(stream.map((e) => e.type)).toEqual([
			'IncidentReported',
			'FirstHandlingStarted',
			'IncidentSelfGraded',
			'IncidentReportedLocal',
			'LevelConfirmed',
			'IncidentReportedMinistry',
			'IncidentReportedMinistry',
			'ResponseStarted'
		]);
		// occurred_at is the domain's own time, recorded_at ours.
		expect(stream[0]!.occurredAt.toISOString()).toBe(at(1));
		expect(stream.every((e) => e.region === '440300' && e.regions.includes('440300'))).toBe(true);
		expect(row!.state).toEqual(fold(stream.map((e) => toDomain(e))));
		expect(await db.db.select().from(regionSummary)).toEqual([
			{ region: '440300', drill: false, level: 'major', open: 1, lastSeq: row!.lastSeq }
		]);
	});

	it('refuses a command whose id does not match its stream', async () => {
		const err = await execute(
			store,
			incidentAggregate,
			'inc-x',
			{ type: 'ReportIncident', data: { incidentId: 'inc-y', report: report() } },
			{ actor: actors.processor }
		).catch((e: unknown) => e);
		expect(err).toMatchObject({ code: 'command.id_mismatch' });
	});

	it('refuses a command the domain forbids and appends nothing', async () => {
		const before = await store.headSeq();
		const err = await execute(
			store,
			incidentAggregate,
			'inc-major',
			{ type: 'ChangeLevel', data: { level: 'general', reason: '降级' } },
			{ actor: actors.otherProcessor, now: new Date(at(60)) }
		).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(await store.headSeq()).toBe(before);
	});

	it('returns the original result for a retried idempotency key', async () => {
		const cmd = {
			type: 'ReportIncident' as const,
			data: { incidentId: 'inc-idem', report: report() }
		};
		const ctx = { actor: actors.processor, now: new Date(at(1)), idempotencyKey: 'org-sz-1:r-1' };
		const first = await execute(store, incidentAggregate, 'inc-idem', cmd, ctx);
		const again = await execute(store, incidentAggregate, 'inc-idem', cmd, ctx);
		expect(again.duplicate).toBe(true);
		expect(again.seq).toBe(first.seq);
		expect(await store.readStream('incident-inc-idem')).toHaveLength(1);
	});

	it('retries a command that lost a race on the stream version', async () => {
		await runSteps('inc-race', paths.major());
		const progress = (note: string) =>
			execute(
				store,
				incidentAggregate,
				'inc-race',
				{ type: 'RecordProgress', data: { note } },
				{
					actor: actors.processor,
					now: new Date(at(40))
				}
			);
		const results = await Promise.all([progress('a'), progress('b'), progress('c')]);
		expect(new Set(results.map((r) => r.seq)).size).toBe(3);
		const notes = (await store.readStream('incident-inc-race'))
			.filter((e) => e.type === 'ProgressRecorded')
			.map((e) => e.payload.note);
		expect(notes.sort()).toEqual(['a', 'b', 'c']);
	});

	it('flags everything a drill causes', async () => {
		await execute(
			store,
			incidentAggregate,
			'inc-drill',
			{
				type: 'ReportIncident',
				data: { incidentId: 'inc-drill', report: report({ drill: true }) }
			},
			{ actor: actors.processor, now: new Date(at(1)), drill: true }
		);
		const [e] = await store.readStream('incident-inc-drill');
		expect(e!.drill).toBe(true);
		const rows = await db.db.select().from(regionSummary);
		expect(rows.find((r) => r.drill)).toMatchObject({
			region: '440300',
			level: 'ungraded',
			open: 1
		});
	});

	it('projects warnings with their scope and delivers them to every region in scope', async () => {
		const now = new Date('2026-11-25T02:00:00.000Z');
		await execute(
			store,
			warningAggregate,
			'w-1',
			{
				type: 'IssueWarning',
				warningId: 'w-1',
				colour: 'orange',
				scope: { regions: ['440000', '450000'], sectors: ['telecom'] },
				validFrom: now.toISOString(),
				validUntil: new Date(now.getTime() + 86_400_000).toISOString(),
				title: '勒索软件攻击风险',
				likelyHarm: '核心网数据被加密',
				requiredActions: ['加强监测']
			},
			{ actor: actors.ministry, now }
		);
		const [w] = await db.db.select().from(warningCurrent);
		expect(w).toMatchObject({
			warningId: 'w-1',
			colour: 'orange',
			status: 'issued',
			regions: ['440000', '450000']
		});
		const [e] = await store.readStream('warning-w-1');
		expect(e!.regions).toEqual(['440000', '450000']);
	});

	it('gives the same projection as folding the log, for random command scripts (property)', async () => {
		const seed = Date.now() % 2 ** 31;
		console.log(`[seed] commands property: FENGHUO_SEED=${seed}`);
		let n = 0;
		await fc.assert(
			fc.asyncProperty(scriptArb, async (script) => {
				const id = `prop-${++n}`;
				let minute = 1;
				for (const step of script) {
					minute += step.gap;
					try {
						await execute(store, incidentAggregate, id, withId(step.command, id), {
							actor: step.actor,
							now: new Date(at(minute))
						});
					} catch (e) {
						if (!isDomainError(e)) throw e;
					}
				}
				const expected = play(script.map((s) => ({ ...s, command: withId(s.command, id) }))).state;
				const stream = await store.readStream(`incident-${id}`);
				const folded: IncidentState = fold(stream.map((e) => toDomain(e)));
				expect(folded).toEqual(expected);
				const rows = await db.db.select().from(incidentCurrent);
				const row = rows.find((r) => r.incidentId === id);
				if (expected.status === 'none') expect(row).toBeUndefined();
				else expect(row?.state).toEqual(expected);
			}),
			{ seed, numRuns: TEST_DB === 'postgres' ? 25 : 12 }
		);
	});

	it('rebuilds every projection from the log into exactly the incremental result', async () => {
		const snapshot = async () => ({
			incidents: await db.db
				.select()
				.from(incidentCurrent)
				.orderBy(asc(incidentCurrent.incidentId)),
			warnings: await db.db.select().from(warningCurrent).orderBy(asc(warningCurrent.warningId)),
			regions: (await db.db.select().from(regionSummary)).sort((a, b) =>
				`${a.region}${a.drill}${a.level}`.localeCompare(`${b.region}${b.drill}${b.level}`)
			)
		});
		const incremental = await snapshot();
		expect(incremental.incidents.length).toBeGreaterThan(3);
		const { events } = await store.rebuildProjections(50);
		expect(events).toBe(await store.headSeq());
		const rebuilt = await snapshot();
		// lastSeq of region_summary rows depends on batch boundaries; compare the counts.
		const strip = (s: typeof incremental) => ({
			...s,
			regions: s.regions.map(({ lastSeq: _l, ...r }) => r)
		});
		expect(strip(rebuilt)).toEqual(strip(incremental));
	});
});
