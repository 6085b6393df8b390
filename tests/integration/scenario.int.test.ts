import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { paths, report } from '../../src/lib/domain/incident/fixtures';
import { demoDay, demoRegistry, DRILL_SCRIPTS, drillSeed } from '../../src/lib/domain/scenario';
import { startDrill, stopDrill } from '../../src/lib/server/scenario';
import type { Scenario } from '../../src/lib/domain/scenario/types';
import { incidentCurrent } from '../../src/lib/server/db/schema';
import type { Database } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { play } from '../../src/lib/server/scenario/runner';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

/** The 重大 path of the fixtures as a scenario: one inject a minute. */
function majorScenario(id: string, drill = false): Scenario {
	const steps = paths.major(report({ drill }));
	return {
		id: `test-${id}`,
		name: { zh: '测试', en: 'test' },
		durationMs: steps.length * 60_000,
		injects: steps.map((s, i) => ({
			offsetMs: i * 60_000,
			aggregate: 'incident' as const,
			id,
			command:
				s.command.type === 'ReportIncident'
					? { ...s.command, data: { ...s.command.data, incidentId: id } }
					: s.command,
			actor: s.actor,
			label: s.command.type
		}))
	};
}

describe(`scenario runner (${TEST_DB})`, () => {
	let t: TestDatabase;
	let db: Database;
	let store: EventStore;
	// Scenario time: the fixtures' Friday 2026-09-18 17:50 China time.
	const start = Date.parse('2026-09-18T09:51:00.000Z') - 60_000;

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

	it('plays due injects through the handlers at their scheduled time, and replays as no-ops', async () => {
		const scenario = majorScenario('sc-1');
		const clock = () => start + scenario.durationMs;
		const first = await play(store, scenario, {
			startMs: start,
			keyPrefix: 'test:sc-1',
			now: clock
		}).done;
		// 7 commands; self-grading at 重大 also files the local report (8 events).
		expect(first).toEqual({ executed: 7, duplicates: 0, refused: [], skipped: 0, stopped: false });
		const stream = await store.readStream('incident-sc-1');
		expect(stream).toHaveLength(8);
		expect([...new Set(stream.map((e) => e.occurredAt.getTime()))]).toEqual(
			scenario.injects.map((i) => start + i.offsetMs)
		);
		const head = await store.headSeq();
		const again = await play(store, scenario, {
			startMs: start,
			keyPrefix: 'test:sc-1',
			now: clock
		}).done;
		expect(again).toMatchObject({ executed: 0, duplicates: 7, stopped: false });
		expect(await store.headSeq()).toBe(head);
	});

	it('flags every event of a drill', async () => {
		const scenario = majorScenario('sc-drill', true);
		await play(store, scenario, {
			startMs: start,
			keyPrefix: 'test:sc-drill',
			drill: true,
			now: () => start + scenario.durationMs
		}).done;
		const stream = await store.readStream('incident-sc-drill');
		expect(stream).toHaveLength(8);
		expect(stream.every((e) => e.drill)).toBe(true);
	});

	it('waits for future injects and stops when asked', async () => {
		const scenario = majorScenario('sc-stop');
		// Real clock: the first two injects are due now, the rest a minute apart in the future.
		const playback = play(store, scenario, {
			startMs: Date.now() - 60_000,
			keyPrefix: 'test:sc-stop'
		});
		await expect.poll(async () => (await store.readStream('incident-sc-stop')).length).toBe(2);
		playback.stop();
		expect(await playback.done).toMatchObject({ executed: 2, stopped: true });
	});

	it('reports a refused inject and plays the rest', async () => {
		const scenario = majorScenario('sc-refused');
		// The phone report is scripted twice (as if someone had called first): the second is refused.
		const dup = scenario.injects[4]!;
		scenario.injects.splice(5, 0, { ...dup, offsetMs: dup.offsetMs + 1 });
		const result = await play(store, scenario, {
			startMs: start,
			keyPrefix: 'test:sc-refused',
			now: () => start + scenario.durationMs * 2
		}).done;
		expect(result.executed).toBe(7);
		expect(result.refused).toEqual([
			{ index: 5, label: 'EscalateToMinistry', code: 'incident.already_reported' }
		]);
	});

	it('plays two demo days through the handlers and projections without a refusal; replay adds nothing', async () => {
		const first = Date.parse('2026-11-19T16:00:00.000Z'); // 2026-11-20 00:00 China time
		const end = first + 2 * 86_400_000;
		const clock = () => end;
		const firstDayIso = new Date(first).toISOString();
		const days = [0, 1].map((d) => {
			const dayIso = new Date(first + d * 86_400_000).toISOString();
			return { startMs: first + d * 86_400_000, scenario: demoDay(2024, dayIso, { firstDayIso }) };
		});
		const registry = await play(
			store,
			{ id: 'reg', name: { zh: '名录', en: 'registry' }, durationMs: 0, injects: demoRegistry() },
			{ startMs: first, keyPrefix: 'demo:registry', now: clock }
		).done;
		expect(registry.refused).toEqual([]);
		for (const { startMs, scenario } of days) {
			const r = await play(store, scenario, { startMs, keyPrefix: 'demo', now: clock }).done;
			expect(r.refused).toEqual([]);
			expect(r.executed).toBe(scenario.injects.length);
		}
		const head = await store.headSeq();
		const open = await db.db.select().from(incidentCurrent);
		expect(open.length).toBeGreaterThan(20);
		// A restart replays the same days: every inject is recognised by its key.
		for (const { startMs, scenario } of days) {
			const r = await play(store, scenario, { startMs, keyPrefix: 'demo', now: clock }).done;
			expect(r).toMatchObject({ executed: 0, duplicates: scenario.injects.length, refused: [] });
		}
		expect(await store.headSeq()).toBe(head);
	});

	it('starts a drill from its script, plays what is due, and stops it at any time', async () => {
		const ministry = { id: 'u-min', role: 'ministry' } as const;
		const start = Date.parse('2026-11-20T06:00:00.000Z');
		// The first reading of the clock starts the drill; from then on it is 12 minutes later,
		// so the injects of the first 12 minutes are due at once and the rest wait.
		let readings = 0;
		const now = () => (readings++ === 0 ? start : start + 12 * 60_000);
		const drillId = await startDrill(
			ministry,
			{ scenarioId: 'ransomware-major', regions: ['520000'] },
			{ store, now }
		);
		const script = DRILL_SCRIPTS['ransomware-major']!.build({
			drillId,
			regions: ['520000'],
			seed: drillSeed(drillId),
			startIso: new Date(start).toISOString()
		});
		const due = script.injects.filter((i) => i.offsetMs <= 12 * 60_000);
		const later = script.injects.filter((i) => i.offsetMs > 12 * 60_000);
		expect(due.length).toBeGreaterThan(2);
		await expect
			.poll(async () => (await store.findIdempotent(due.at(-1)!.key!)) !== undefined)
			.toBe(true);
		await stopDrill(ministry, drillId, '演练提前结束', { store, now });

		const drillStream = await store.readStream(`drill-${drillId}`);
		expect(drillStream.map((e) => e.type)).toEqual(['DrillStarted', 'DrillStopped']);
		for (const i of later) expect(await store.findIdempotent(i.key!)).toBeUndefined();
		const incident = await store.readStream(`incident-${drillId}-i1`);
		expect(incident.length).toBeGreaterThanOrEqual(due.length);
		expect(incident.every((e) => e.drill)).toBe(true);
		// Stopped is final: nothing of the drill is applied afterwards.
		const head = await store.headSeq();
		await new Promise((r) => setTimeout(r, 300));
		expect(await store.headSeq()).toBe(head);
	});

	it('refuses an unknown drill script with a field error', async () => {
		await expect(
			startDrill(
				{ id: 'u-min', role: 'ministry' },
				{ scenarioId: 'nope', regions: ['520000'] },
				{ store }
			)
		).rejects.toMatchObject({ code: 'drill.unknown_scenario', field: 'scenarioId' });
	});
});
