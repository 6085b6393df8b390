import type { Actor } from '../actor';
import { DomainError } from '../errors';
import { atLeast, type Level } from '../levels';
import { regulatorRegion } from '../regions';
import type { IncidentCommand } from './commands';
import {
	incidentEventSchemas,
	type IncidentEvent,
	type IncidentEventOf,
	type IncidentEventType
} from './events';
import { type Incident, type IncidentState, type IncidentStatus } from './evolve';
import { authorize } from './permissions';

export interface DecideContext {
	now: string;
	actor: Actor;
}

function fail(code: string, message: string, field?: string, details?: Record<string, unknown>) {
	return new DomainError(`incident.${code}`, message, {
		...(field !== undefined ? { field } : {}),
		...(details !== undefined ? { details } : {})
	});
}

/** Every event leaves decide already valid against the schema the store will check. */
function emit<K extends IncidentEventType>(
	type: K,
	data: IncidentEventOf<K>['data']
): IncidentEventOf<K> {
	const parsed = incidentEventSchemas[type].safeParse(data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw fail('invalid_payload', issue?.message ?? 'invalid payload', issue?.path.join('.'), {
			issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
		});
	}
	return { type, data: parsed.data } as IncidentEventOf<K>;
}

function requireStatus(s: Incident, allowed: readonly IncidentStatus[], command: string) {
	if (!allowed.includes(s.status))
		throw fail(
			'invalid_transition',
			`${command} is not possible in status ${s.status}`,
			undefined,
			{
				status: s.status,
				command
			}
		);
}

function requireReason(reason: string | undefined): string {
	if (reason === undefined || reason.trim() === '')
		throw fail('reason_required', 'a reason is required', 'reason');
	return reason;
}

const ms = (iso: string) => Date.parse(iso);

/** An occurrence time given with a command: not before discovery, not in the future. */
function occurredAt(s: Incident, at: string | undefined, now: string): string {
	if (at === undefined) return now;
	if (Number.isNaN(ms(at)) || ms(at) > ms(now) || ms(at) < ms(s.milestones.discoveredAt))
		throw fail('invalid_time', 'time must lie between discovery and now', 'at');
	return at;
}

/** Statuses in which an incident is still open (progress, withdrawal and merging allowed). */
export const OPEN_STATUSES: readonly IncidentStatus[] = [
	'discovered',
	'first_handling',
	'self_graded',
	'reported_local',
	'regulator_graded',
	'reported_ministry',
	'response',
	'response_ended',
	'summary_by_processor',
	'summary_by_regulator'
];

/**
 * Where a response may start, and at which levels (the plan's flow chart): IV straight after
 * self-grading, III or IV after the regulator grades, II/I only once the ministry knows.
 */
export const RESPONSE_ENTRY: Partial<Record<IncidentStatus, readonly Level[]>> = {
	self_graded: ['general'],
	regulator_graded: ['general', 'relatively_large'],
	reported_ministry: ['major', 'especially_major']
};

// Structural thresholds of the plan's flow (not deadlines, so not policy data): who must be
// told, and whether a summary report is owed before closing.
const REPORT_LOCAL_FROM: Level = 'relatively_large';
const MINISTRY_FROM: Level = 'major';
const SUMMARY_FROM: Level = 'major';
const NEEDS_APPROVAL: Level = 'especially_major';
const SIGNOFF_FROM: Level = 'major';

export function decide(
	command: IncidentCommand,
	state: IncidentState,
	ctx: DecideContext
): IncidentEvent[] {
	const { now, actor } = ctx;
	const by = actor.id;

	if (command.type === 'ReportIncident') {
		if (state.status !== 'none')
			throw fail('already_exists', 'incident already reported', 'incidentId');
		const { report, incidentId } = command.data;
		const region = regulatorRegion(report.region, report.sector);
		if (!region)
			throw fail(
				'invalid_region',
				`no ${report.sector} regulator for ${report.region}`,
				'report.region'
			);
		authorize(actor, command, state);
		if (ms(report.discoveredAt) > ms(now))
			throw fail('invalid_time', 'discovery cannot be in the future', 'report.discoveredAt');
		if (report.occurredAt !== 'unknown' && ms(report.occurredAt) > ms(report.discoveredAt))
			throw fail('invalid_time', 'occurrence cannot follow discovery', 'report.occurredAt');
		return [emit('IncidentReported', { at: now, by, incidentId, report, regulatorRegion: region })];
	}

	if (state.status === 'none') throw fail('not_found', 'no such incident');
	const s = state;
	authorize(actor, command, s);

	switch (command.type) {
		case 'StartFirstHandling':
			requireStatus(s, ['discovered'], command.type);
			return [emit('FirstHandlingStarted', { at: now, by, measures: command.data.measures })];

		case 'SelfGrade': {
			requireStatus(s, ['discovered', 'first_handling'], command.type);
			const { level, ruleSetVersion, firedCriteria } = command.data;
			const signedOff = s.signedOff || command.data.signedOff === true;
			if (atLeast(level, SIGNOFF_FROM) && !signedOff)
				throw fail('signoff_required', 'a 重大+ report must be signed or sealed', 'signedOff');
			const events: IncidentEvent[] = [
				emit('IncidentSelfGraded', { at: now, by, level, ruleSetVersion, firedCriteria, signedOff })
			];
			// Filing a 较大+ grade in Fenghuo is the report: the regulator sees it at once.
			if (atLeast(level, REPORT_LOCAL_FROM))
				events.push(
					emit('IncidentReportedLocal', { at: now, by, regulatorRegion: s.regulatorRegion })
				);
			return events;
		}

		case 'ConfirmLevel': {
			requireStatus(s, ['reported_local'], command.type);
			const { level, reason, ruleSetVersion, firedCriteria } = command.data;
			const previousLevel = s.level as Level;
			if (level !== previousLevel) requireReason(reason);
			return [
				emit('LevelConfirmed', {
					at: now,
					by,
					level,
					previousLevel,
					...(reason !== undefined ? { reason } : {}),
					...(ruleSetVersion !== undefined ? { ruleSetVersion } : {}),
					...(firedCriteria !== undefined ? { firedCriteria } : {})
				})
			];
		}

		case 'EscalateToMinistry': {
			requireStatus(s, ['regulator_graded', 'reported_ministry', 'response'], command.type);
			requireAtLeast(s, MINISTRY_FROM, command.type);
			const { channel } = command.data;
			if (s.milestones.reportedMinistryAt[channel])
				throw fail('already_reported', `already reported to the ministry by ${channel}`, 'channel');
			return [
				emit('IncidentReportedMinistry', {
					at: occurredAt(s, command.data.at, now),
					by,
					channel
				})
			];
		}

		case 'ReportToLeadingGroup': {
			requireStatus(s, ['reported_ministry', 'response'], command.type);
			requireAtLeast(s, MINISTRY_FROM, command.type);
			const { channel } = command.data;
			if (s.milestones.reportedLeadingGroupAt[channel])
				throw fail(
					'already_reported',
					`already reported to the leading group by ${channel}`,
					'channel'
				);
			return [
				emit('IncidentReportedLeadingGroup', {
					at: occurredAt(s, command.data.at, now),
					by,
					channel
				})
			];
		}

		case 'StartResponse': {
			const { level, approval } = command.data;
			const entry = RESPONSE_ENTRY[s.status];
			if (!entry || !s.level || !entry.includes(s.level))
				throw fail('invalid_transition', `no ${level} response from ${s.status}`, undefined, {
					status: s.status,
					level: s.level
				});
			if (level !== s.level)
				throw fail(
					'level_mismatch',
					`response level must equal the graded level ${s.level}`,
					'level'
				);
			if (level === NEEDS_APPROVAL && !approval?.trim())
				throw fail('approval_required', 'an I-level response needs the leading group', 'approval');
			return [emit('ResponseStarted', { at: now, by, level, ...(approval ? { approval } : {}) })];
		}

		case 'RecordProgress':
			requireStatus(s, OPEN_STATUSES, command.type);
			return [emit('ProgressRecorded', { at: now, by, note: command.data.note, role: actor.role })];

		case 'RequestLevelChange': {
			requireStatus(s, ['response'], command.type);
			const { level } = command.data;
			const reason = requireReason(command.data.reason);
			const from = s.level as Level;
			if (level === from) throw fail('level_unchanged', `already ${from}`, 'level');
			return [emit('LevelChangeRequested', { at: now, by, from, to: level, reason })];
		}

		case 'ChangeLevel': {
			requireStatus(s, ['response'], command.type);
			const { level } = command.data;
			const reason = requireReason(command.data.reason);
			const from = s.level as Level;
			if (level === from) throw fail('level_unchanged', `already ${from}`, 'level');
			return [emit('LevelChanged', { at: now, by, from, to: level, reason, role: actor.role })];
		}

		case 'EndResponse': {
			requireStatus(s, ['response'], command.type);
			const level = s.level as Level;
			const { approval } = command.data;
			if (level === NEEDS_APPROVAL && !approval?.trim())
				throw fail(
					'approval_required',
					'ending an I-level response needs the leading group',
					'approval'
				);
			return [emit('ResponseEnded', { at: now, by, level, ...(approval ? { approval } : {}) })];
		}

		case 'SubmitSummary':
			requireStatus(s, ['response_ended'], command.type);
			return [emit('SummarySubmitted', { at: now, by, summary: command.data.summary })];

		case 'SubmitRegulatorSummary':
			requireStatus(s, ['summary_by_processor'], command.type);
			return [emit('RegulatorSummarySubmitted', { at: now, by, summary: command.data.summary })];

		case 'CloseIncident': {
			const summaryOwed = s.level !== null && atLeast(s.level, SUMMARY_FROM);
			requireStatus(
				s,
				summaryOwed
					? ['response_ended', 'summary_by_processor', 'summary_by_regulator']
					: ['response_ended', 'summary_by_processor'],
				command.type
			);
			if (summaryOwed && s.status !== 'summary_by_regulator')
				throw fail('summary_required', 'a 重大+ incident closes after both summary reports');
			const { note } = command.data;
			return [emit('IncidentClosed', { at: now, by, ...(note !== undefined ? { note } : {}) })];
		}

		case 'WithdrawIncident': {
			requireStatus(s, OPEN_STATUSES, command.type);
			const reason = requireReason(command.data.reason);
			return [emit('IncidentWithdrawn', { at: now, by, reason })];
		}

		case 'MergeIncident': {
			requireStatus(s, OPEN_STATUSES, command.type);
			const reason = requireReason(command.data.reason);
			const { intoIncidentId } = command.data;
			if (intoIncidentId === s.incidentId)
				throw fail('invalid_merge', 'an incident cannot be merged into itself', 'intoIncidentId');
			return [emit('IncidentMerged', { at: now, by, intoIncidentId, reason })];
		}
	}
}

function requireAtLeast(s: Incident, min: Level, command: string) {
	if (!s.level || !atLeast(s.level, min))
		throw fail('invalid_transition', `${command} needs level ${min} or above`, undefined, {
			status: s.status,
			level: s.level
		});
}
