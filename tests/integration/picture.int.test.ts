import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { paths } from '../../src/lib/domain/incident/fixtures';
import {
	applyEvents,
	calendarOf,
	canonicalPicture,
	emptyPicture
} from '../../src/lib/domain/picture';
import {
	calendarAggregate,
	incidentAggregate,
	warningAggregate
} from '../../src/lib/server/commands/aggregates';
import { execute } from '../../src/lib/server/commands/execute';
import type { Database } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { toWire } from '../../src/lib/server/realtime/hub';
import { roomsForEvent } from '../../src/lib/server/realtime/rooms';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

let store: EventStore;
let db: Database;
let t: TestDatabase;

// pictureFor() uses the process's store; point it at this test's database.
vi.mock('../../src/lib/server/events/app', () => ({ getEventStore: () => Promise.resolve(store) }));
const { pictureFor } = await import('../../src/lib/server/queries/picture');

describe(`the command picture (${TEST_DB})`, () => {
	beforeAll(async () => {
		t = await freshDatabase();
		db = await t.open();
		store = new EventStore(db, {
			catalog: EVENT_CATALOG,
			chainKey: CHAIN_KEY,
			projectors: PROJECTORS
		});
		const withId = (id: string, region: string) =>
			paths.major().map((s) =>
				s.command.type === 'ReportIncident'
					? {
							...s,
							command: {
								...s.command,
								data: { incidentId: id, report: { ...s.command.data.report, region } }
							}
						}
					: s
			);
		// Shenzhen's industrial regulator confirms 深圳 incidents; 广东's its own.
		for (const s of withId('sz-1', '440300')) {
			await execute(store, incidentAggregate, 'sz-1', s.command, {
				actor: s.actor,
				now: new Date(s.now)
			});
		}
		const now = new Date('2026-09-18T10:00:00.000Z');
		await execute(
			store,
			warningAggregate,
			'w-gx',
			{
				type: 'IssueWarning',
				warningId: 'w-gx',
				colour: 'orange',
				scope: { regions: ['450000', '440000'], sectors: ['telecom'] },
				validFrom: now.toISOString(),
				validUntil: new Date(now.getTime() + 3_600_000).toISOString(),
				title: '风险预警',
				likelyHarm: '数据泄露',
				requiredActions: ['排查']
			},
			{ actor: { id: 'm', role: 'ministry' }, now }
		);
		await execute(
			store,
			calendarAggregate,
			'cn',
			{
				type: 'AmendCalendar',
				data: {
					reason: '2027 年节假日安排',
					extension: {
						version: 'cn-2027',
						timeZone: 'Asia/Shanghai',
						holidays: ['2027-01-01'],
						workdays: []
					}
				}
			},
			{ actor: { id: 'admin', role: 'admin' }, now }
		);
	});
	afterAll(async () => {
		await t.close();
	});

	for (const room of [
		'national',
		'region:440000',
		'region:440300',
		'region:450000',
		'region:110000'
	]) {
		it(`from projections equals folding the room's events (${room})`, async () => {
			const all = await store.read(0, 10_000);
			const live = applyEvents(
				emptyPicture(),
				all.filter((e) => roomsForEvent(e).includes(room)).map(toWire)
			);
			live.seq = all.at(-1)!.seq;
			const snapshot = await pictureFor(room);
			expect(canonicalPicture(snapshot)).toEqual(canonicalPicture(live));
		});
	}

	it('scopes rooms: 广西 sees the warning but not 深圳 incidents; 北京 sees neither', async () => {
		const gx = await pictureFor('region:450000');
		expect(Object.keys(gx.warnings)).toEqual(['w-gx']);
		expect(Object.keys(gx.incidents)).toEqual([]);
		const gd = await pictureFor('region:440000');
		expect(Object.keys(gd.incidents)).toEqual(['sz-1']);
		const bj = await pictureFor('region:110000');
		expect(Object.keys(bj.incidents).length + Object.keys(bj.warnings).length).toBe(0);
		// Calendar amendments reach every wall: their clocks use the same working days.
		expect(calendarOf(bj).holidays).toContain('2027-01-01');
	});
});
