import { addDuration, workingDayDeadline, type HolidayCalendar } from '../calendar';
import type { Role } from '../actor';
import { atLeast, type Level, type Sector } from '../levels';
import type { Incident, IncidentState, LevelHistoryEntry } from '../incident';
import type { Anchor, DeadlineSpec, Policy, Span } from '../policy';

export const DUTIES = [
	'report_local',
	'ministry_phone',
	'ministry_written',
	'leading_group_phone',
	'leading_group_written',
	'progress',
	'processor_summary',
	'regulator_summary',
	'agency_acceptance',
	'agency_arrival',
	'zero_report'
] as const;
export type Duty = (typeof DUTIES)[number];

/**
 * running / due_soon / overdue: still owed. met: fulfilled by the due time. missed: the due time
 * passed unfulfilled and the duty is settled: either fulfilled late (`metAt` then says when) or
 * no longer owed (level lowered, response ended, incident withdrawn) after it fell due.
 */
export type ClockStatus = 'running' | 'due_soon' | 'overdue' | 'met' | 'missed';

/** The statuses of a clock still owed (not yet met or missed). */
export const OWED_STATUSES = [
	'running',
	'due_soon',
	'overdue'
] as const satisfies readonly ClockStatus[];
export type OwedStatus = (typeof OWED_STATUSES)[number];

export interface OwedBy {
	party: 'processor' | 'regulator' | 'ministry' | 'agency';
	orgId?: string;
	region?: string;
	sector?: Sector;
	agencyId?: string;
}

export interface ClockReason {
	code:
		| 'graded'
		| 'level_change'
		| 'response_started'
		| 'progress_reported'
		| 'response_ended'
		| 'agency_assigned'
		| 'agency_accepted'
		| 'watch_day';
	at: string;
	level?: Level;
	from?: Level | null;
	/** The reason given for a level change, so a recomputed clock explains itself. */
	note?: string;
}

export interface Clock {
	id: string;
	duty: Duty;
	owedBy: OwedBy;
	startedAt: string;
	dueAt: string;
	status: ClockStatus;
	/** When the duty was discharged; on a 'missed' clock it means "late". */
	metAt?: string;
	/** `${policy.id}@${policy.version}`: the version carries any watch-period override tag. */
	policyVersion: string;
	reason: ClockReason;
	/**
	 * Set when `dueAt` counted working days through a year the holiday calendar has no State
	 * Council notice for (Monday–Friday were assumed there). The deadline becomes final once an
	 * administrator enters that year; until then every screen marks it provisional.
	 */
	provisional?: Provisional;
}

export interface Provisional {
	reason: 'calendar_not_covered';
	years: number[];
	calendarVersion: string;
}

/** The slice of an agency assignment clocks need (see ../agency). */
export interface AssignmentTimes {
	assignmentId: string;
	agencyId: string;
	assignedAt: string;
	acceptedAt?: string;
	declinedAt?: string;
	arrivedAt?: string;
	releasedAt?: string;
}

const ms = (iso: string) => Date.parse(iso);
const earliest = (...xs: (string | undefined)[]): string | undefined =>
	xs.filter((x): x is string => x !== undefined).sort((a, b) => ms(a) - ms(b))[0];

/** A due time, with the provisional mark when a working-day count ran past the calendar. */
export interface Due {
	dueAt: string;
	provisional?: Provisional;
}

export function addSpan(from: string, span: Span, calendar: HolidayCalendar): Due {
	switch (span.unit) {
		case 'minutes':
			return { dueAt: addDuration(from, span.amount) };
		case 'days':
			return { dueAt: addDuration(from, span.amount * 1440) };
		case 'working_days': {
			const { at, uncoveredYears } = workingDayDeadline(from, span.amount, calendar);
			return uncoveredYears.length
				? {
						dueAt: at,
						provisional: {
							reason: 'calendar_not_covered',
							years: uncoveredYears,
							calendarVersion: calendar.version
						}
					}
				: { dueAt: at };
		}
	}
}

/** Status of a clock still owed at `now`. */
export function openStatus(
	startedAt: string,
	dueAt: string,
	now: string,
	dueSoon: Policy['dueSoon']
): ClockStatus {
	const remaining = ms(dueAt) - ms(now);
	if (remaining < 0) return 'overdue';
	const window = Math.max((ms(dueAt) - ms(startedAt)) * dueSoon.fraction, dueSoon.minutes * 60_000);
	return remaining <= window ? 'due_soon' : 'running';
}

interface Draft {
	id: string;
	duty: Duty;
	owedBy: OwedBy;
	startedAt: string;
	dueAt: string;
	provisional?: Provisional;
	reason: ClockReason;
}

/**
 * Settles a clock: fulfilled at `fulfilledAt` (if it happened by `now` and before the duty
 * lapsed at `lapsedAt`), otherwise open or, if lapsed after falling due, missed. Returns null for
 * a duty that lapsed before it ever fell due: nobody owed it.
 */
function settle(
	d: Draft,
	fulfilledAt: string | undefined,
	lapsedAt: string | undefined,
	now: string,
	policy: Policy
): Clock | null {
	const base = { ...d, policyVersion: `${policy.id}@${policy.version}` };
	const lapsed = lapsedAt !== undefined && ms(lapsedAt) <= ms(now) ? lapsedAt : undefined;
	if (
		fulfilledAt !== undefined &&
		ms(fulfilledAt) <= ms(now) &&
		(lapsed === undefined || ms(fulfilledAt) <= ms(lapsed))
	)
		return {
			...base,
			status: ms(fulfilledAt) <= ms(d.dueAt) ? 'met' : 'missed',
			metAt: fulfilledAt
		};
	if (lapsed !== undefined) return ms(lapsed) > ms(d.dueAt) ? { ...base, status: 'missed' } : null;
	return { ...base, status: openStatus(d.startedAt, d.dueAt, now, policy.dueSoon) };
}

function owed(s: Incident, party: OwedBy['party']): OwedBy {
	if (party === 'processor') return { party, orgId: s.orgId };
	if (party === 'regulator') return { party, region: s.regulatorRegion, sector: s.sector };
	return { party };
}

function anchorTime(s: Incident, anchor: Anchor): string | undefined {
	const m = s.milestones;
	switch (anchor) {
		case 'discovered':
			return m.discoveredAt;
		case 'self_graded':
			return m.selfGradedAt;
		case 'reported_local':
			return m.reportedLocalAt;
		case 'reported_ministry':
			return earliest(m.reportedMinistryAt.phone, m.reportedMinistryAt.written);
		case 'response_started':
			return m.responseStartedAt;
		case 'response_ended':
			return m.responseEndedAt;
	}
}

/** When the incident stopped owing anything (withdrawn, merged, closed). */
function terminalAt(s: Incident): string | undefined {
	const m = s.milestones;
	return earliest(m.withdrawnAt, m.mergedAt, m.closedAt);
}

interface ReportingDuty {
	duty: Duty;
	key:
		| 'reportLocal'
		| 'ministryPhone'
		| 'ministryWritten'
		| 'leadingGroupPhone'
		| 'leadingGroupWritten';
	party: OwedBy['party'];
	fulfilledAt: (s: Incident) => string | undefined;
	/** Roles that receive the report: a level decided by them needs no report to them. */
	recipients: readonly Role[];
}

const REPORTING_DUTIES: readonly ReportingDuty[] = [
	{
		duty: 'report_local',
		key: 'reportLocal',
		party: 'processor',
		fulfilledAt: (s) => s.milestones.reportedLocalAt,
		recipients: ['regulator', 'ministry']
	},
	{
		duty: 'ministry_phone',
		key: 'ministryPhone',
		party: 'regulator',
		// A written report tells the ministry at least as much as a call.
		fulfilledAt: (s) =>
			earliest(s.milestones.reportedMinistryAt.phone, s.milestones.reportedMinistryAt.written),
		recipients: ['ministry']
	},
	{
		duty: 'ministry_written',
		key: 'ministryWritten',
		party: 'regulator',
		fulfilledAt: (s) => s.milestones.reportedMinistryAt.written,
		recipients: ['ministry']
	},
	{
		duty: 'leading_group_phone',
		key: 'leadingGroupPhone',
		party: 'ministry',
		fulfilledAt: (s) =>
			earliest(
				s.milestones.reportedLeadingGroupAt.phone,
				s.milestones.reportedLeadingGroupAt.written
			),
		recipients: []
	},
	{
		duty: 'leading_group_written',
		key: 'leadingGroupWritten',
		party: 'ministry',
		fulfilledAt: (s) => s.milestones.reportedLeadingGroupAt.written,
		recipients: []
	}
];

interface Segment {
	start: LevelHistoryEntry;
	end?: string;
}

/** Stretches of the level history during which the incident was at least `min`. */
function segmentsAtLeast(s: Incident, min: Level): Segment[] {
	const out: Segment[] = [];
	let open: Segment | undefined;
	for (const e of s.levelHistory) {
		const inside = atLeast(e.level, min);
		if (inside && !open) {
			open = { start: e };
			out.push(open);
		} else if (!inside && open) {
			open.end = e.at;
			open = undefined;
		}
	}
	const t = terminalAt(s);
	if (open && t) open.end = t;
	return out;
}

function reportingClocks(
	s: Incident,
	policy: Policy,
	now: string,
	calendar: HolidayCalendar
): Clock[] {
	const out: Clock[] = [];
	for (const rd of REPORTING_DUTIES) {
		const spec: DeadlineSpec | null = policy.deadlines[rd.key];
		if (!spec) continue;
		const anchor = anchorTime(s, spec.anchor);
		if (!anchor) continue;
		const span = s.cii && spec.withinForCii ? spec.withinForCii : spec.within;
		let n = 0;
		for (const seg of segmentsAtLeast(s, spec.minLevel)) {
			const e = seg.start;
			// The first grading counts from the anchor (discovery): a late self-grade must not
			// move the deadline. A later level change counts from the change.
			const graded = e.source === 'self_graded';
			const startedAt = graded || ms(anchor) > ms(e.at) ? anchor : e.at;
			const decidedByRecipient = !graded && rd.recipients.includes(e.role) ? e.at : undefined;
			const clock = settle(
				{
					id: n === 0 ? rd.duty : `${rd.duty}#${n}`,
					duty: rd.duty,
					owedBy: owed(s, rd.party),
					startedAt,
					...addSpan(startedAt, span, calendar),
					reason: graded
						? { code: 'graded', at: e.at, level: e.level }
						: {
								code: 'level_change',
								at: e.at,
								level: e.level,
								from: e.from,
								...(e.reason !== undefined ? { note: e.reason } : {})
							}
				},
				earliest(rd.fulfilledAt(s), decidedByRecipient),
				seg.end,
				now,
				policy
			);
			if (!clock) continue;
			out.push(clock);
			n++;
			if (clock.metAt !== undefined) break;
		}
	}
	return out;
}

/** The level in force at instant `t`. */
function levelAt(s: Incident, t: string): Level | null {
	let level: Level | null = null;
	for (const e of s.levelHistory) if (ms(e.at) <= ms(t)) level = e.level;
	return level;
}

const PROGRESS_ROLES: readonly Role[] = ['processor', 'system'];

function progressClocks(s: Incident, policy: Policy, now: string): Clock[] {
	const started = s.milestones.responseStartedAt;
	if (!started) return [];
	const end = earliest(s.milestones.responseEndedAt, terminalAt(s));
	const reports = s.progress
		.filter((p) => PROGRESS_ROLES.includes(p.role) && ms(p.at) > ms(started))
		.map((p) => p.at);
	const changes = s.levelHistory.filter((e) => e.source === 'changed' && ms(e.at) > ms(started));
	const intervals = policy.deadlines.progress.intervalMinutes;
	const out: Clock[] = [];
	let anchor = started;
	let reason: ClockReason = {
		code: 'response_started',
		at: started,
		level: s.responseLevel ?? undefined
	};
	for (let guard = 0; guard < 10_000; guard++) {
		const level = levelAt(s, anchor);
		const interval = level ? intervals[level] : null;
		const report = reports.find((r) => ms(r) > ms(anchor));
		const change = changes.find((c) => ms(c.at) > ms(anchor));
		const id = `progress#${out.length + 1}`;
		const dueAt = interval != null ? addDuration(anchor, interval) : undefined;
		// Whatever comes first settles the current interval: a report, a level change, the end.
		const next = [
			report !== undefined ? { kind: 'report' as const, at: report } : undefined,
			change ? { kind: 'change' as const, at: change.at } : undefined,
			end !== undefined ? { kind: 'end' as const, at: end } : undefined
		]
			.filter((x) => x !== undefined && ms(x.at) <= ms(now))
			.sort((a, b) => ms(a!.at) - ms(b!.at))[0];
		if (dueAt !== undefined) {
			const draft: Draft = {
				id,
				duty: 'progress',
				owedBy: owed(s, 'processor'),
				startedAt: anchor,
				dueAt,
				reason
			};
			const clock = settle(
				draft,
				next?.kind === 'report' ? next.at : undefined,
				next && next.kind !== 'report' ? next.at : undefined,
				now,
				policy
			);
			if (clock) out.push(clock);
		}
		if (!next || next.kind === 'end') break;
		anchor = next.at;
		reason =
			next.kind === 'report'
				? { code: 'progress_reported', at: next.at }
				: {
						code: 'level_change',
						at: next.at,
						level: change!.level,
						from: change!.from,
						...(change!.reason !== undefined ? { note: change!.reason } : {})
					};
	}
	return out;
}

function summaryClocks(
	s: Incident,
	policy: Policy,
	now: string,
	calendar: HolidayCalendar
): Clock[] {
	const duties = [
		{
			duty: 'processor_summary' as const,
			spec: policy.deadlines.processorSummary,
			party: 'processor' as const,
			fulfilledAt: s.milestones.processorSummaryAt
		},
		{
			duty: 'regulator_summary' as const,
			spec: policy.deadlines.regulatorSummary,
			party: 'regulator' as const,
			fulfilledAt: s.milestones.regulatorSummaryAt
		}
	];
	const out: Clock[] = [];
	const ended = s.milestones.responseEndedAt;
	const level = s.level;
	for (const d of duties) {
		if (!d.spec || !ended || !level || !atLeast(level, d.spec.minLevel)) continue;
		const startedAt = anchorTime(s, d.spec.anchor);
		if (!startedAt) continue;
		const clock = settle(
			{
				id: d.duty,
				duty: d.duty,
				owedBy: owed(s, d.party),
				startedAt,
				...addSpan(startedAt, d.spec.within, calendar),
				reason: { code: 'response_ended', at: ended, level }
			},
			d.fulfilledAt,
			earliest(s.milestones.withdrawnAt, s.milestones.mergedAt),
			now,
			policy
		);
		if (clock) out.push(clock);
	}
	return out;
}

/** Acceptance (answer to the assignment) and arrival clocks of support agencies. */
export function agencyClocks(
	assignments: readonly AssignmentTimes[],
	policy: Policy,
	now: string
): Clock[] {
	const out: Clock[] = [];
	const { agencyAcceptance, agencyArrival } = policy.deadlines;
	for (const a of assignments) {
		const owedBy: OwedBy = { party: 'agency', agencyId: a.agencyId };
		const acceptance = settle(
			{
				id: `agency_acceptance:${a.assignmentId}`,
				duty: 'agency_acceptance',
				owedBy,
				startedAt: a.assignedAt,
				dueAt: addDuration(a.assignedAt, agencyAcceptance.minutes),
				reason: { code: 'agency_assigned', at: a.assignedAt }
			},
			earliest(a.acceptedAt, a.declinedAt),
			a.releasedAt,
			now,
			policy
		);
		if (acceptance) out.push(acceptance);
		if (a.acceptedAt && ms(a.acceptedAt) <= ms(now)) {
			const arrival = settle(
				{
					id: `agency_arrival:${a.assignmentId}`,
					duty: 'agency_arrival',
					owedBy,
					startedAt: a.acceptedAt,
					dueAt: addDuration(a.acceptedAt, agencyArrival.minutes),
					reason: { code: 'agency_accepted', at: a.acceptedAt }
				},
				a.arrivedAt,
				a.releasedAt,
				now,
				policy
			);
			if (arrival) out.push(arrival);
		}
	}
	return out;
}

/**
 * Every clock of an incident at `now`, open and settled, computed from state (never pushed as
 * ticks): the wall, the console and a replay of the past all call this with their own `now`.
 */
export function clocks(
	state: IncidentState,
	policy: Policy,
	now: string,
	calendar: HolidayCalendar,
	options: { assignments?: readonly AssignmentTimes[] } = {}
): Clock[] {
	if (state.status === 'none') return [];
	return [
		...reportingClocks(state, policy, now, calendar),
		...progressClocks(state, policy, now),
		...summaryClocks(state, policy, now, calendar),
		...agencyClocks(options.assignments ?? [], policy, now)
	];
}
