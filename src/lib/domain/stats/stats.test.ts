import { describe, expect, it } from 'vitest';
import * as agency from '../agency';
import type { Actor } from '../actor';
import { actors, at, paths, report, run, T0, type Step } from '../incident/fixtures';
import type { IncidentCommand, IncidentReportForm } from '../incident';
import { emptyPicture, type Picture } from '../picture';
import { DEMO_AGENCIES } from '../scenario';
import { computeStats, csvCell, periodOf, statsCsv, type StatsOptions } from '.';

const shift = (iso: string, minutes: number) =>
	new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** A fixture path as incident `id`, moved `offset` minutes later (report times included). */
function incident(
	id: string,
	steps: (r: IncidentReportForm) => Step[],
	overrides: Partial<IncidentReportForm>,
	offset = 0,
	extra: Step[] = []
) {
	const base = report(overrides);
	const r: IncidentReportForm = {
		...base,
		discoveredAt: shift(base.discoveredAt, offset),
		occurredAt: base.occurredAt === 'unknown' ? 'unknown' : shift(base.occurredAt, offset)
	};
	const all = [...steps(r), ...extra].map((s) => ({
		...s,
		now: shift(s.now, offset),
		command:
			s.command.type === 'ReportIncident'
				? ({ ...s.command, data: { ...s.command.data, incidentId: id } } as IncidentCommand)
				: s.command
	}));
	return run(all).state;
}

const AG = DEMO_AGENCIES.find((a) => a.id === 'ag-nat-01')!;
const agencyActor: Actor = { id: 'u-ag', role: 'agency', agencyId: AG.id };

function agencyState(): agency.AgencyState {
	let s = agency.initialState;
	const steps: [agency.AgencyCommand, Actor, string][] = [
		[{ type: 'RegisterAgency', data: { agency: AG } }, actors.ministry, at(-100)],
		[
			{
				type: 'AssignAgency',
				data: {
					assignmentId: 'as-a',
					incidentId: 'a',
					incidentRegion: '440300',
					incidentSector: 'industrial',
					incidentStatus: 'response',
					capability: 'tracing'
				}
			},
			actors.ministry,
			at(31)
		],
		[{ type: 'AcceptAssignment', data: { assignmentId: 'as-a' } }, agencyActor, at(43)]
	];
	for (const [command, actor, now] of steps)
		for (const e of agency.decide(command, s, { now, actor })) s = agency.evolve(s, e);
	return s;
}

const OCT = 20 * 1440; // 2026-10-08

/**
 * a: 重大 in 深圳 (Sept), reported locally 3 min after discovery, confirmed 2 min later; agency
 *    assigned at +31, accepted at +43.
 * b: 较大 drill in 深圳 (Sept): reported at +3, confirmed at +20.
 * c: 一般 in 北京 (Oct), cause 弱口令.
 * d: withdrawn (a false report): never counted.
 */
function picture(): Picture {
	const p = emptyPicture();
	p.incidents.a = incident('a', paths.major, {});
	p.incidents.b = incident('b', paths.relativelyLarge, { drill: true });
	p.incidents.c = incident('c', paths.general, { region: '110000', cause: '弱口令' }, OCT);
	p.incidents.d = incident('d', paths.reported, {}, 0, [
		paths.step({ type: 'WithdrawIncident', data: { reason: '误报' } }, actors.processor, at(4))
	]);
	p.agencies[AG.id] = agencyState();
	return p;
}

const NOW = shift(T0, OCT + 60);
const opts = (o: Partial<StatsOptions> = {}): StatsOptions => ({
	granularity: 'month',
	drills: 'exclude',
	...o
});

describe('statistics', () => {
	it('periods are China-time months and quarters', () => {
		expect(periodOf('2026-09-30T16:00:00.000Z', 'month')).toBe('2026-10');
		expect(periodOf('2026-09-30T15:59:00.000Z', 'month')).toBe('2026-09');
		expect(periodOf('2026-09-30T16:00:00.000Z', 'quarter')).toBe('2026-Q4');
		expect(periodOf('2026-03-31T15:59:00.000Z', 'quarter')).toBe('2026-Q1');
	});

	it('counts by region, level, sector and cause per month, without drills or withdrawn reports', () => {
		const s = computeStats(picture(), NOW, opts());
		expect(s.incidents).toBe(2);
		expect(s.periods).toEqual(['2026-09', '2026-10']);
		expect(s.counts).toEqual([
			{ period: '2026-09', dimension: 'region', key: '440300', count: 1 },
			{ period: '2026-09', dimension: 'level', key: 'major', count: 1 },
			{ period: '2026-09', dimension: 'sector', key: 'industrial', count: 1 },
			{ period: '2026-09', dimension: 'cause', key: 'unknown', count: 1 },
			{ period: '2026-10', dimension: 'region', key: '110000', count: 1 },
			{ period: '2026-10', dimension: 'level', key: 'general', count: 1 },
			{ period: '2026-10', dimension: 'sector', key: 'industrial', count: 1 },
			{ period: '2026-10', dimension: 'cause', key: '弱口令', count: 1 }
		]);
	});

	it('includes drills on request, and scores only drills with ?drills=only', () => {
		const all = computeStats(picture(), NOW, opts({ drills: 'include', granularity: 'quarter' }));
		expect(all.incidents).toBe(3);
		expect(all.counts.filter((r) => r.period === '2026-Q3' && r.dimension === 'level')).toEqual([
			{ period: '2026-Q3', dimension: 'level', key: 'major', count: 1 },
			{ period: '2026-Q3', dimension: 'level', key: 'relatively_large', count: 1 }
		]);
		expect(all.counts.find((r) => r.dimension === 'region' && r.key === '440300')!.count).toBe(2);
		const drills = computeStats(picture(), NOW, opts({ drills: 'only' }));
		expect(drills.incidents).toBe(1);
		// Drill b: reported 3 min after discovery, confirmed 17 min after the report.
		expect(drills.means).toEqual([
			{ measure: 'discovery_to_report', count: 1, meanMinutes: 3 },
			{ measure: 'report_to_confirmation', count: 1, meanMinutes: 17 },
			{ measure: 'assignment_to_acceptance', count: 0, meanMinutes: null }
		]);
		// Both: (3 + 3) / 2 and (2 + 17) / 2.
		expect(all.means.map((m) => m.meanMinutes)).toEqual([3, 9.5, 12]);
	});

	it('mean times and the share of duties met on time, per region and per duty', () => {
		const s = computeStats(picture(), NOW, opts());
		expect(s.means).toEqual([
			{ measure: 'discovery_to_report', count: 1, meanMinutes: 3 },
			{ measure: 'report_to_confirmation', count: 1, meanMinutes: 2 },
			{ measure: 'assignment_to_acceptance', count: 1, meanMinutes: 12 }
		]);
		// a at NOW: met = report_local (+3), ministry phone (+8 ≤ 10), written (+25 ≤ 30), agency
		// acceptance (12 ≤ 30 min); late = leading-group phone and written (never made), the first
		// progress report (due 2 h after the response started) and the agency's arrival (4 h).
		expect(s.dutyByRegion).toEqual([{ key: '440300', met: 4, late: 4, share: 0.5 }]);
		expect(s.dutyByDuty).toEqual([
			{ key: 'agency_acceptance', met: 1, late: 0, share: 1 },
			{ key: 'agency_arrival', met: 0, late: 1, share: 0 },
			{ key: 'leading_group_phone', met: 0, late: 1, share: 0 },
			{ key: 'leading_group_written', met: 0, late: 1, share: 0 },
			{ key: 'ministry_phone', met: 1, late: 0, share: 1 },
			{ key: 'ministry_written', met: 1, late: 0, share: 1 },
			{ key: 'progress', met: 0, late: 1, share: 0 },
			{ key: 'report_local', met: 1, late: 0, share: 1 }
		]);
	});

	it('filters by discovery window and region', () => {
		const oct = computeStats(
			picture(),
			NOW,
			opts({ from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' })
		);
		expect(oct.incidents).toBe(1);
		expect(oct.periods).toEqual(['2026-10']);
		expect(computeStats(picture(), NOW, opts({ regions: ['440300'] })).incidents).toBe(1);
	});

	it('writes CSV with a BOM, quoted cells, and defused formulas', () => {
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(null)).toBe('');
		const csv = statsCsv(computeStats(picture(), NOW, opts()));
		const lines = csv.slice(1).trim().split('\r\n');
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(lines[0]).toBe(
			'section,period,dimension,key,count,met,late,share,mean_minutes,provisional'
		);
		expect(lines).toContain('count,2026-10,cause,弱口令,1,,,,,');
		expect(lines).toContain('duty_by_region,,region,440300,8,4,4,0.5,,0');
		expect(lines).toContain('mean_time,,measure,assignment_to_acceptance,1,,,,12,');
	});
});

describe('statistics past the holiday calendar', () => {
	it('counts a summary clock whose deadline runs into an unentered year as provisional', () => {
		const { state } = run([
			...paths.major(),
			paths.step({ type: 'EndResponse', data: {} }, actors.ministry, '2026-12-28T02:00:00.000Z')
		]);
		const p = emptyPicture();
		if (state.status !== 'none') p.incidents[state.incidentId] = state;
		// 2027-01-10: the processor's summary (due Mon 2027-01-04, provisional) is overdue.
		const s = computeStats(p, '2027-01-10T02:00:00.000Z', opts());
		expect(s.dutyByDuty.find((r) => r.key === 'processor_summary')).toEqual({
			key: 'processor_summary',
			met: 0,
			late: 1,
			share: 0,
			provisional: 1
		});
		expect(s.dutyByDuty.find((r) => r.key === 'ministry_phone')).not.toHaveProperty('provisional');
		const row = statsCsv(s)
			.split('\r\n')
			.find((l) => l.startsWith('duty_by_duty,,duty,processor_summary'));
		expect(row?.split(',').at(-1)).toBe('1');
	});
});
