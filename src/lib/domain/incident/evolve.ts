import type { Level, Maybe, Sector } from '../levels';
import type { Role } from '../actor';
import type { IncidentEvent, IncidentReportForm, ReportChannel, SummaryReport } from './events';

export const INCIDENT_STATUSES = [
	'discovered',
	'first_handling',
	'self_graded',
	'reported_local',
	'regulator_graded',
	'reported_ministry',
	'response',
	'response_ended',
	'summary_by_processor',
	'summary_by_regulator',
	'closed',
	'withdrawn',
	'merged'
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Closed, withdrawn or merged: nothing more happens to the incident. */
export const TERMINAL_STATUSES: readonly IncidentStatus[] = ['closed', 'withdrawn', 'merged'];

/** Not terminal: progress notes, withdrawal and merging are still possible. */
export const OPEN_STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES.filter(
	(s) => !TERMINAL_STATUSES.includes(s)
);

/**
 * Still being handled: from discovery until the response ends (the summary phase and the
 * terminal statuses are not). Walls show these as open; agencies are called in only to these.
 */
export const HANDLING_STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES.slice(
	0,
	INCIDENT_STATUSES.indexOf('response_ended')
);

export function isOpen(state: { status: string }): state is Incident {
	return OPEN_STATUSES.includes(state.status as IncidentStatus);
}

export function isHandling(state: { status: string }): state is Incident {
	return HANDLING_STATUSES.includes(state.status as IncidentStatus);
}

export interface LevelHistoryEntry {
	level: Level;
	from: Level | null;
	at: string;
	by: string;
	role: Role;
	source: 'self_graded' | 'confirmed' | 'changed';
	reason?: string;
	ruleSetVersion?: string;
	firedCriteria?: string[];
}

/** Every instant a clock may count from or be met by. Absent = has not happened. */
export interface IncidentMilestones {
	recordedAt: string;
	occurredAt: Maybe<string>;
	discoveredAt: string;
	firstHandlingAt?: string;
	selfGradedAt?: string;
	reportedLocalAt?: string;
	regulatorGradedAt?: string;
	reportedMinistryAt: Partial<Record<ReportChannel, string>>;
	reportedLeadingGroupAt: Partial<Record<ReportChannel, string>>;
	responseStartedAt?: string;
	responseEndedAt?: string;
	processorSummaryAt?: string;
	regulatorSummaryAt?: string;
	closedAt?: string;
	withdrawnAt?: string;
	mergedAt?: string;
}

export interface ProgressEntry {
	at: string;
	by: string;
	role: Role;
	note: string;
}

export interface Incident {
	status: IncidentStatus;
	incidentId: string;
	report: IncidentReportForm;
	orgId: string;
	region: string;
	sector: Sector;
	/** Region of the local regulator in charge (regulatorRegion(region, sector)). */
	regulatorRegion: string;
	drill: boolean;
	cii: boolean;
	warningId: string | null;
	/** Current level (self-graded, then confirmed, then changed). */
	level: Level | null;
	selfGradedLevel: Level | null;
	ruleSetVersion: string | null;
	firedCriteria: string[];
	signedOff: boolean;
	levelHistory: LevelHistoryEntry[];
	/** Level the response was started at; `level` follows later changes. */
	responseLevel: Level | null;
	milestones: IncidentMilestones;
	progress: ProgressEntry[];
	lastProgressAt: string | null;
	pendingLevelRequest: { level: Level; reason: string; at: string; by: string } | null;
	summary: SummaryReport | null;
	regulatorSummary: SummaryReport | null;
	withdrawal: { reason: string; at: string; by: string } | null;
	mergedInto: { incidentId: string; reason: string; at: string; by: string } | null;
}

export type IncidentState = { status: 'none' } | Incident;

export const initialState: IncidentState = { status: 'none' };

export function evolve(state: IncidentState, event: IncidentEvent): IncidentState {
	if (event.type === 'IncidentReported') {
		if (state.status !== 'none') return state;
		const { report, at, incidentId, regulatorRegion } = event.data;
		return {
			status: 'discovered',
			incidentId,
			report,
			orgId: report.organisation.orgId,
			region: report.region,
			sector: report.sector,
			regulatorRegion,
			drill: report.drill,
			cii: report.cii ?? false,
			warningId: report.warningId ?? null,
			level: null,
			selfGradedLevel: null,
			ruleSetVersion: null,
			firedCriteria: [],
			signedOff: report.signedOff,
			levelHistory: [],
			responseLevel: null,
			milestones: {
				recordedAt: at,
				occurredAt: report.occurredAt,
				discoveredAt: report.discoveredAt,
				reportedMinistryAt: {},
				reportedLeadingGroupAt: {}
			},
			progress: [],
			lastProgressAt: null,
			pendingLevelRequest: null,
			summary: null,
			regulatorSummary: null,
			withdrawal: null,
			mergedInto: null
		};
	}
	if (state.status === 'none') return state;
	const s = state;
	const m = s.milestones;
	switch (event.type) {
		case 'FirstHandlingStarted':
			return {
				...s,
				status: 'first_handling',
				milestones: { ...m, firstHandlingAt: event.data.at }
			};
		case 'IncidentSelfGraded': {
			const d = event.data;
			return {
				...s,
				status: 'self_graded',
				level: d.level,
				selfGradedLevel: d.level,
				ruleSetVersion: d.ruleSetVersion,
				firedCriteria: d.firedCriteria,
				signedOff: s.signedOff || d.signedOff,
				levelHistory: [
					...s.levelHistory,
					{
						level: d.level,
						from: s.level,
						at: d.at,
						by: d.by,
						role: 'processor',
						source: 'self_graded',
						ruleSetVersion: d.ruleSetVersion,
						firedCriteria: d.firedCriteria
					}
				],
				milestones: { ...m, selfGradedAt: d.at }
			};
		}
		case 'IncidentReportedLocal':
			return {
				...s,
				status: 'reported_local',
				milestones: { ...m, reportedLocalAt: m.reportedLocalAt ?? event.data.at }
			};
		case 'LevelConfirmed': {
			const d = event.data;
			const entry: LevelHistoryEntry = {
				level: d.level,
				from: d.previousLevel,
				at: d.at,
				by: d.by,
				role: 'regulator',
				source: 'confirmed',
				...(d.reason !== undefined ? { reason: d.reason } : {}),
				...(d.ruleSetVersion !== undefined ? { ruleSetVersion: d.ruleSetVersion } : {}),
				...(d.firedCriteria !== undefined ? { firedCriteria: d.firedCriteria } : {})
			};
			return {
				...s,
				status: 'regulator_graded',
				level: d.level,
				ruleSetVersion: d.ruleSetVersion ?? s.ruleSetVersion,
				firedCriteria: d.firedCriteria ?? s.firedCriteria,
				levelHistory: [...s.levelHistory, entry],
				milestones: { ...m, regulatorGradedAt: d.at }
			};
		}
		case 'IncidentReportedMinistry': {
			const { channel, at } = event.data;
			return {
				...s,
				status: s.status === 'regulator_graded' ? 'reported_ministry' : s.status,
				milestones: {
					...m,
					reportedMinistryAt: {
						...m.reportedMinistryAt,
						[channel]: m.reportedMinistryAt[channel] ?? at
					}
				}
			};
		}
		case 'IncidentReportedLeadingGroup': {
			const { channel, at } = event.data;
			const prev = m.reportedLeadingGroupAt;
			return {
				...s,
				milestones: { ...m, reportedLeadingGroupAt: { ...prev, [channel]: prev[channel] ?? at } }
			};
		}
		case 'ResponseStarted':
			return {
				...s,
				status: 'response',
				responseLevel: event.data.level,
				milestones: { ...m, responseStartedAt: event.data.at }
			};
		case 'ProgressRecorded': {
			const { at, by, role, note } = event.data;
			return {
				...s,
				progress: [...s.progress, { at, by, role, note }],
				lastProgressAt: at
			};
		}
		case 'LevelChangeRequested': {
			const { to, reason, at, by } = event.data;
			return { ...s, pendingLevelRequest: { level: to, reason, at, by } };
		}
		case 'LevelChanged': {
			const d = event.data;
			return {
				...s,
				level: d.to,
				pendingLevelRequest: null,
				levelHistory: [
					...s.levelHistory,
					{
						level: d.to,
						from: d.from,
						at: d.at,
						by: d.by,
						role: d.role,
						source: 'changed',
						reason: d.reason
					}
				]
			};
		}
		case 'ResponseEnded':
			return {
				...s,
				status: 'response_ended',
				pendingLevelRequest: null,
				milestones: { ...m, responseEndedAt: event.data.at }
			};
		case 'SummarySubmitted':
			return {
				...s,
				status: 'summary_by_processor',
				summary: event.data.summary,
				milestones: { ...m, processorSummaryAt: event.data.at }
			};
		case 'RegulatorSummarySubmitted':
			return {
				...s,
				status: 'summary_by_regulator',
				regulatorSummary: event.data.summary,
				milestones: { ...m, regulatorSummaryAt: event.data.at }
			};
		case 'IncidentClosed':
			return { ...s, status: 'closed', milestones: { ...m, closedAt: event.data.at } };
		case 'IncidentWithdrawn': {
			const { reason, at, by } = event.data;
			return {
				...s,
				status: 'withdrawn',
				withdrawal: { reason, at, by },
				milestones: { ...m, withdrawnAt: at }
			};
		}
		case 'IncidentMerged': {
			const { intoIncidentId, reason, at, by } = event.data;
			return {
				...s,
				status: 'merged',
				mergedInto: { incidentId: intoIncidentId, reason, at, by },
				milestones: { ...m, mergedAt: at }
			};
		}
	}
}

export function fold(events: readonly IncidentEvent[], from: IncidentState = initialState) {
	return events.reduce(evolve, from);
}
