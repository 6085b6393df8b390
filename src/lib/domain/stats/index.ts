import { assignmentTimes, type AgencyState } from '../agency';
import { CHINA_OFFSET_MS } from '../calendar/calendar';
import { clocks, type AssignmentTimes, type Clock, type Duty } from '../clocks';
import type { Incident } from '../incident';
import { isKnown } from '../levels';
import { calendarOf, type Picture } from '../picture';
import { MIIT_2024_POLICY, type Policy } from '../policy';
import { effectivePolicy } from '../watch';

/**
 * Post-event statistics: pure functions of a command picture and `now`, using the same clock
 * function as the wall and the reports, so "met on time" means the same thing everywhere.
 */

export type Granularity = 'month' | 'quarter';
/** Drills are left out unless asked for; `only` scores drills against the same clocks. */
export type DrillMode = 'exclude' | 'include' | 'only';
export type Dimension = 'region' | 'level' | 'sector' | 'cause';
export const DIMENSIONS: readonly Dimension[] = ['region', 'level', 'sector', 'cause'];
export type Measure = 'discovery_to_report' | 'report_to_confirmation' | 'assignment_to_acceptance';

export interface StatsOptions {
	granularity: Granularity;
	drills: DrillMode;
	/** Discovery at or after (ISO instant); default: no bound. */
	from?: string;
	/** Discovery before (ISO instant); default: no bound. */
	to?: string;
	/** Only incidents whose region is one of these (null/undefined: all). */
	regions?: readonly string[] | null;
	/** Base policy (watch periods at discovery tighten it as on the wall). */
	policy?: Policy;
}

export interface CountRow {
	period: string;
	dimension: Dimension;
	key: string;
	count: number;
}

export interface DutyShare {
	key: string;
	met: number;
	/** Settled late, or still owed past due. */
	late: number;
	/** met / (met + late); null when no duty fell due. */
	share: number | null;
	/**
	 * Of the counted clocks, how many have a provisional deadline (counted through a year whose
	 * holiday notice is not entered): their met/late verdict may change once it is. Absent if 0.
	 */
	provisional?: number;
}

export interface MeanTime {
	measure: Measure;
	count: number;
	meanMinutes: number | null;
}

export interface Stats {
	periods: string[];
	incidents: number;
	counts: CountRow[];
	dutyByRegion: DutyShare[];
	dutyByDuty: DutyShare[];
	means: MeanTime[];
}

/** The China-time month ('2026-09') or quarter ('2026-Q3') of an instant. */
export function periodOf(iso: string, granularity: Granularity): string {
	const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS);
	const y = d.getUTCFullYear();
	const m = d.getUTCMonth() + 1;
	return granularity === 'month'
		? `${y}-${String(m).padStart(2, '0')}`
		: `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The cause an incident is counted under: the summary's finding, else the report's, else unknown. */
export function causeOf(incident: Incident): string {
	const filed = incident.regulatorSummary ?? incident.summary;
	if (filed) return filed.basicFacts.cause.trim();
	return isKnown(incident.report.cause) ? incident.report.cause.trim() : 'unknown';
}

const ms = (iso: string) => Date.parse(iso);
const minutesBetween = (a: string, b: string) => (ms(b) - ms(a)) / 60_000;

/** Incidents the statistics count: not withdrawn (false reports) nor merged (duplicates). */
export function countedIncidents(picture: Picture, options: StatsOptions): Incident[] {
	return Object.values(picture.incidents)
		.filter((s): s is Incident => s.status !== 'none')
		.filter((s) => s.status !== 'withdrawn' && s.status !== 'merged')
		.filter((s) =>
			options.drills === 'only' ? s.drill : options.drills === 'include' ? true : !s.drill
		)
		.filter((s) => !options.from || ms(s.milestones.discoveredAt) >= ms(options.from))
		.filter((s) => !options.to || ms(s.milestones.discoveredAt) < ms(options.to))
		.filter((s) => !options.regions || options.regions.includes(s.region))
		.sort((a, b) => a.incidentId.localeCompare(b.incidentId));
}

function share(clocksOf: readonly Clock[]): Omit<DutyShare, 'key'> {
	let met = 0;
	let late = 0;
	let provisional = 0;
	for (const c of clocksOf) {
		if (c.status === 'met') met++;
		else if (c.status === 'missed' || c.status === 'overdue') late++;
		else continue;
		if (c.provisional) provisional++;
	}
	return {
		met,
		late,
		share: met + late === 0 ? null : met / (met + late),
		...(provisional > 0 ? { provisional } : {})
	};
}

function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function computeStats(picture: Picture, now: string, options: StatsOptions): Stats {
	const incidents = countedIncidents(picture, options);
	const agencies: AgencyState[] = Object.values(picture.agencies);
	const calendar = calendarOf(picture);
	const watches = Object.values(picture.watches);

	const counts = new Map<string, CountRow>();
	const periods = new Set<string>();
	const bump = (period: string, dimension: Dimension, key: string) => {
		const id = `${period}\u0000${dimension}\u0000${key}`;
		const row = counts.get(id) ?? { period, dimension, key, count: 0 };
		row.count++;
		counts.set(id, row);
	};

	const byRegion = new Map<string, Clock[]>();
	const byDuty = new Map<Duty, Clock[]>();
	const toReport: number[] = [];
	const toConfirm: number[] = [];
	const toAccept: number[] = [];

	for (const s of incidents) {
		const period = periodOf(s.milestones.discoveredAt, options.granularity);
		periods.add(period);
		bump(period, 'region', s.region);
		bump(period, 'level', s.level ?? 'ungraded');
		bump(period, 'sector', s.sector);
		bump(period, 'cause', causeOf(s));

		const policy = effectivePolicy(
			options.policy ?? MIIT_2024_POLICY,
			{ region: s.region, discoveredAt: s.milestones.discoveredAt },
			watches
		);
		const assignments: AssignmentTimes[] = agencies.flatMap((a) =>
			assignmentTimes(a, s.incidentId)
		);
		for (const c of clocks(s, policy, now, calendar, { assignments })) {
			byRegion.set(s.region, [...(byRegion.get(s.region) ?? []), c]);
			byDuty.set(c.duty, [...(byDuty.get(c.duty) ?? []), c]);
		}

		const m = s.milestones;
		if (m.reportedLocalAt) {
			toReport.push(minutesBetween(m.discoveredAt, m.reportedLocalAt));
			if (m.regulatorGradedAt && ms(m.regulatorGradedAt) >= ms(m.reportedLocalAt))
				toConfirm.push(minutesBetween(m.reportedLocalAt, m.regulatorGradedAt));
		}
		for (const a of assignments)
			if (a.acceptedAt && ms(a.acceptedAt) <= ms(now))
				toAccept.push(minutesBetween(a.assignedAt, a.acceptedAt));
	}

	const sortedCounts = [...counts.values()].sort(
		(a, b) =>
			a.period.localeCompare(b.period) ||
			DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) ||
			b.count - a.count ||
			a.key.localeCompare(b.key)
	);
	return {
		periods: [...periods].sort(),
		incidents: incidents.length,
		counts: sortedCounts,
		dutyByRegion: [...byRegion.entries()]
			.map(([key, cs]) => ({ key, ...share(cs) }))
			.sort((a, b) => a.key.localeCompare(b.key)),
		dutyByDuty: [...byDuty.entries()]
			.map(([key, cs]) => ({ key, ...share(cs) }))
			.sort((a, b) => a.key.localeCompare(b.key)),
		means: [
			{ measure: 'discovery_to_report', count: toReport.length, meanMinutes: mean(toReport) },
			{ measure: 'report_to_confirmation', count: toConfirm.length, meanMinutes: mean(toConfirm) },
			{ measure: 'assignment_to_acceptance', count: toAccept.length, meanMinutes: mean(toAccept) }
		]
	};
}

/**
 * A spreadsheet cell: quoted when needed, and defused when it starts like a formula (data text
 * such as a cause must never run as a formula in Excel or WPS).
 */
export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	let s = String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV of every table: section, period, dimension, key, count, met, late, share, mean, provisional. */
export function statsCsv(stats: Stats): string {
	const head = [
		'section',
		'period',
		'dimension',
		'key',
		'count',
		'met',
		'late',
		'share',
		'mean_minutes',
		'provisional'
	];
	const rows: (string | number | null)[][] = [
		...stats.counts.map((r) => [
			'count',
			r.period,
			r.dimension,
			r.key,
			r.count,
			null,
			null,
			null,
			null,
			null
		]),
		...stats.dutyByRegion.map((r) => [
			'duty_by_region',
			null,
			'region',
			r.key,
			r.met + r.late,
			r.met,
			r.late,
			r.share === null ? null : Number(r.share.toFixed(4)),
			null,
			r.provisional ?? 0
		]),
		...stats.dutyByDuty.map((r) => [
			'duty_by_duty',
			null,
			'duty',
			r.key,
			r.met + r.late,
			r.met,
			r.late,
			r.share === null ? null : Number(r.share.toFixed(4)),
			null,
			r.provisional ?? 0
		]),
		...stats.means.map((m) => [
			'mean_time',
			null,
			'measure',
			m.measure,
			m.count,
			null,
			null,
			null,
			m.meanMinutes === null ? null : Number(m.meanMinutes.toFixed(2)),
			null
		])
	];
	// BOM: Excel opens UTF-8 Chinese text correctly only with it.
	return '\uFEFF' + [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
