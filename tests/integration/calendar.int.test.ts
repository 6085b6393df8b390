import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/lib/domain/actor';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { calendarCoverage, workingDayDeadline } from '../../src/lib/domain/calendar';
import { actors } from '../../src/lib/domain/incident/fixtures';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { amendCalendarAction, readCalendar } from '../../src/lib/server/ops/calendar';
import { calendarOf } from '../../src/lib/domain/picture';
import type { FormFields, OpsResult } from '../../src/lib/server/ops/result';
import { CHAIN_KEY, freshDatabase, TEST_DB, type TestDatabase } from './helpers';

let store: EventStore;
// pictureFor() uses the process's store; point it at this test's database.
vi.mock('../../src/lib/server/events/app', () => ({ getEventStore: () => Promise.resolve(store) }));
const { pictureFor } = await import('../../src/lib/server/queries/picture');

/** An administrator enters next year's State Council holiday notice through the log. */
describe(`holiday calendar amendments (${TEST_DB})`, () => {
	let t: TestDatabase;
	const admin: Actor = { id: 'u-admin', role: 'admin' };
	const now = new Date('2026-12-03T02:00:00.000Z');
	const deps = () => ({ store, now });

	const notice2027 = (overrides: FormFields = {}): FormFields => ({
		year: '2027',
		notice: '国办发明电〔2026〕X号',
		holidays: '2027-01-01 ~ 2027-01-03\n2027-02-06 ~ 2027-02-14',
		workdays: '2027-02-20',
		...overrides
	});

	const refused = (r: OpsResult, status: number) => {
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.status).toBe(status);
		return r.ok ? {} : r.errors;
	};

	beforeAll(async () => {
		t = await freshDatabase();
		store = new EventStore(await t.open(), {
			catalog: EVENT_CATALOG,
			chainKey: CHAIN_KEY,
			projectors: PROJECTORS
		});
	});
	afterAll(async () => {
		await t.close();
	});

	it('refuses malformed notices field by field and appends nothing', async () => {
		const before = await store.headSeq();
		const cases: [FormFields, Record<string, string>][] = [
			[{ year: '27' }, { year: 'calendar.bad_year' }],
			[{ notice: '' }, { notice: 'required' }],
			[{ holidays: '' }, { holidays: 'required' }],
			[{ holidays: '2027-02-30' }, { holidays: 'calendar.bad_date' }],
			[{ holidays: '2027-02-14 ~ 2027-02-06' }, { holidays: 'calendar.bad_range' }],
			[{ holidays: '2028-01-01' }, { holidays: 'calendar.outside_year' }],
			// A make-up working day must be a weekend day (2027-02-22 is a Monday).
			[{ workdays: '2027-02-22' }, { workdays: 'calendar.invalid' }]
		];
		for (const [fields, errors] of cases)
			// Invalid input: 422 on every surface (src/lib/server/refusal.ts).
			expect(refused(await amendCalendarAction(deps(), admin, notice2027(fields)), 422)).toEqual(
				errors
			);
		expect(await store.headSeq()).toBe(before);
	});

	it('lets only an administrator or the ministry amend it', async () => {
		const before = await store.headSeq();
		refused(await amendCalendarAction(deps(), actors.regulator, notice2027()), 403);
		expect(await store.headSeq()).toBe(before);
	});

	it('makes next year covered: its deadlines are final, and every picture has it', async () => {
		const shipped = (await readCalendar(store)).calendar;
		expect(calendarCoverage(shipped, now.toISOString())).toMatchObject({
			coveredUntil: '2026-12-31',
			daysLeft: 28,
			expiring: true
		});
		expect(workingDayDeadline('2026-12-31T02:00:00.000Z', 1, shipped).uncoveredYears).toEqual([
			2027
		]);

		const ok = await amendCalendarAction(deps(), admin, { ...notice2027(), key: 'cal-2027-once' });
		expect(ok).toMatchObject({ ok: true });
		// A double submit of the same form appends nothing more.
		const head = await store.headSeq();
		await amendCalendarAction(deps(), admin, { ...notice2027(), key: 'cal-2027-once' });
		expect(await store.headSeq()).toBe(head);

		const state = await readCalendar(store);
		expect(state.amendments).toEqual([
			{
				at: now.toISOString(),
				by: 'u-admin',
				reason: '国办发明电〔2026〕X号',
				version: 'cn-2027:国办发明电〔2026〕X号'
			}
		]);
		expect(calendarCoverage(state.calendar, now.toISOString())).toMatchObject({
			coveredUntil: '2027-12-31',
			expiring: false
		});
		// 元旦 2027 is now a day off: Thu 31 Dec + 1 working day is Mon 4 Jan, and final.
		expect(workingDayDeadline('2026-12-31T02:00:00.000Z', 1, state.calendar)).toEqual({
			at: '2027-01-04T15:59:59.999Z',
			uncoveredYears: []
		});
		for (const room of ['national', 'region:440300'] as const)
			expect(calendarOf(await pictureFor(room)).holidays).toContain('2027-02-10');
	});
});
