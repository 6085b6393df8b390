import { describe, expect, it } from 'vitest';
import { calendarAggregate } from '$lib/domain/calendar';
import { actors, paths, run } from '$lib/domain/incident/fixtures';
import { clockBoard } from './clock-board';
import { ago, makeAgency, makeIncident, makeWatch, NOW, pictureOf } from './fixtures';

describe('clockBoard', () => {
	it('lists every owed clock, most overdue first, with who owes it', () => {
		// 重大 in Shenzhen discovered 25 min ago: phone to the ministry (10 min) and to the
		// leading group (20 min, owed by the ministry) are overdue, the written ones still run.
		const picture = pictureOf({
			incidents: [
				makeIncident({
					id: 'm',
					orgName: '深圳某制造',
					region: '440300',
					level: 'major',
					discoveredAgo: 25
				}),
				makeIncident({ id: 'g', region: '110000', level: 'relatively_large', discoveredAgo: 1 })
			]
		});
		const board = clockBoard(picture, NOW, 'zh');
		const first = board.rows[0]!;
		expect(first).toMatchObject({
			incidentId: 'm',
			duty: 'ministry_phone',
			status: 'overdue',
			dutyLabel: '电话报部',
			subject: '深圳某制造',
			party: '深圳市工业监管部门',
			leftText: '−0:15:00'
		});
		const lefts = board.rows.map((r) => r.leftMs);
		expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
		expect(board.rows.find((r) => r.duty === 'leading_group_phone')!.party).toBe(
			'工信部数据安全机制'
		);
		// 较大, 1 minute in: report to the local regulator is already filed by the self-grade.
		expect(board.rows.some((r) => r.incidentId === 'g' && r.duty === 'report_local')).toBe(false);
		expect(board.counts.overdue).toBe(board.rows.filter((r) => r.status === 'overdue').length);
		expect(board.counts.overdue).toBeGreaterThanOrEqual(2);
	});

	it('ticks from deadlines: the same picture later has less time left', () => {
		const picture = pictureOf({
			incidents: [makeIncident({ id: 'm', level: 'major', discoveredAgo: 2 })]
		});
		const a = clockBoard(picture, NOW, 'zh').rows.find((r) => r.duty === 'ministry_phone')!;
		const b = clockBoard(picture, new Date(Date.parse(NOW) + 1000).toISOString(), 'zh').rows.find(
			(r) => r.duty === 'ministry_phone'
		)!;
		expect(a.leftMs - b.leftMs).toBe(1000);
		// Inside the policy's last 10 minutes: due soon.
		expect(a.status).toBe('due_soon');
		expect(a.leftText).toBe('0:08:00');
	});

	it("applies a watch period's stricter deadlines, and lists them first in watch layout", () => {
		const watches = [
			makeWatch({
				id: 'w',
				regions: ['440000'],
				processors: [],
				overrides: { ministryPhone: 5 },
				startsAt: ago(120)
			})
		];
		const picture = pictureOf({
			incidents: [
				makeIncident({ id: 'gd', region: '440000', level: 'major', discoveredAgo: 2 }),
				makeIncident({ id: 'bj', region: '110000', level: 'major', discoveredAgo: 9 })
			],
			watches
		});
		const board = clockBoard(picture, NOW, 'zh', { watchFirst: true });
		const gdPhone = board.rows.find((r) => r.incidentId === 'gd' && r.duty === 'ministry_phone')!;
		expect(gdPhone).toMatchObject({ watchRule: true, leftText: '0:03:00' });
		expect(board.rows.find((r) => r.incidentId === 'bj')!.watchRule).toBe(false);
		// bj's phone clock has less time left (1 min) but the watch's clocks come first.
		expect(board.rows[0]!.incidentId).toBe('gd');
		expect(clockBoard(picture, NOW, 'zh').rows[0]!.incidentId).toBe('bj');
	});

	it('names the agency that owes an acceptance', () => {
		const picture = pictureOf({
			incidents: [makeIncident({ id: 'i', level: 'relatively_large', discoveredAgo: 1 })],
			agencies: [
				makeAgency({
					id: 'ag',
					name: '广东支撑中心',
					assignments: [{ id: 'as', incidentId: 'i', region: '440000', at: ago(1) }]
				})
			]
		});
		const row = clockBoard(picture, NOW, 'en').rows.find((r) => r.duty === 'agency_acceptance')!;
		expect(row).toMatchObject({ party: '广东支撑中心', dutyLabel: 'Agency acceptance' });
	});

	it('marks drill clocks', () => {
		const picture = pictureOf({
			incidents: [makeIncident({ id: 'd', level: 'major', drill: true })]
		});
		const rows = clockBoard(picture, NOW, 'zh').rows;
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.drill)).toBe(true);
	});
});

describe('clockBoard past the holiday calendar', () => {
	it('marks a working-day deadline in a year without a notice provisional, final once entered', () => {
		// A 重大 response ends on Mon 2026-12-28: the processor's summary (5 working days) runs
		// into 2027, whose State Council notice the shipped calendar does not have.
		const { state } = run([
			...paths.major(),
			paths.step({ type: 'EndResponse', data: {} }, actors.ministry, '2026-12-28T02:00:00.000Z')
		]);
		const picture = pictureOf({ incidents: [state] });
		const now = '2026-12-28T03:00:00.000Z';
		const summary = () =>
			clockBoard(picture, now, 'zh').rows.find((r) => r.duty === 'processor_summary')!;
		// Tue 29, Wed 30, Thu 31, Fri 1 (元旦, not known yet), Mon 4: due Mon 2027-01-04.
		expect(summary()).toMatchObject({
			provisionalYears: [2027],
			dueAt: '2027-01-04T15:59:59.999Z'
		});

		picture.calendars.cn = calendarAggregate.evolve(calendarAggregate.initialState, {
			type: 'CalendarAmended',
			data: {
				at: now,
				by: 'u-admin',
				reason: '国办发明电〔2026〕X号',
				extension: {
					version: 'cn-2027',
					timeZone: 'Asia/Shanghai',
					holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
					workdays: []
				}
			}
		});
		// 元旦 is now a day off: the fifth working day is Tue 2027-01-05, and final.
		expect(summary().provisionalYears).toBeUndefined();
		expect(summary().dueAt).toBe('2027-01-05T15:59:59.999Z');
	});
});
