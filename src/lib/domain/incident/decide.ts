import type { Actor } from '../actor';
import { eventEmitter } from '../decider';
import { atLeast, type Level } from '../levels';
import { regulatorRegion } from '../regions';
import { fail, precondition } from './available';
import type { IncidentCommand } from './commands';
import { incidentEventSchemas, type IncidentEvent } from './events';
import { type Incident, type IncidentState } from './evolve';
import { authorize } from './permissions';

export interface DecideContext {
	now: string;
	actor: Actor;
}

const emit = eventEmitter<IncidentEvent>(incidentEventSchemas, fail.invalid);

function requireReason(reason: string | undefined): string {
	if (reason === undefined || reason.trim() === '')
		throw fail.invalid('reason_required', 'a reason is required', 'reason');
	return reason;
}

const ms = (iso: string) => Date.parse(iso);

/** An occurrence time given with a command: not before discovery, not in the future. */
function occurredAt(s: Incident, at: string | undefined, now: string): string {
	if (at === undefined) return now;
	if (Number.isNaN(ms(at)) || ms(at) > ms(now) || ms(at) < ms(s.milestones.discoveredAt))
		throw fail.invalid('invalid_time', 'time must lie between discovery and now', 'at');
	return at;
}

// Structural thresholds of the plan's flow (not deadlines, so not policy data): who must be
// told, and what a report needs. What each command needs of the state: ./available.ts.
const REPORT_LOCAL_FROM: Level = 'relatively_large';
const NEEDS_APPROVAL: Level = 'especially_major';
const SIGNOFF_FROM: Level = 'major';

/** A 重大+ report must be signed or sealed (attachment 2). */
export function signOffRequired(level: Level): boolean {
	return atLeast(level, SIGNOFF_FROM);
}

export function decide(
	command: IncidentCommand,
	state: IncidentState,
	ctx: DecideContext
): IncidentEvent[] {
	const { now, actor } = ctx;
	const by = actor.id;

	if (command.type === 'ReportIncident') {
		if (state.status !== 'none')
			throw fail.conflict('already_exists', 'incident already reported', 'incidentId');
		const { report, incidentId } = command.data;
		const region = regulatorRegion(report.region, report.sector);
		if (!region)
			throw fail.invalid(
				'invalid_region',
				`no ${report.sector} regulator for ${report.region}`,
				'report.region'
			);
		authorize(actor, command, state);
		if (ms(report.discoveredAt) > ms(now))
			throw fail.invalid(
				'invalid_time',
				'discovery cannot be in the future',
				'report.discoveredAt'
			);
		if (report.occurredAt !== 'unknown' && ms(report.occurredAt) > ms(report.discoveredAt))
			throw fail.invalid('invalid_time', 'occurrence cannot follow discovery', 'report.occurredAt');
		return [emit('IncidentReported', { at: now, by, incidentId, report, regulatorRegion: region })];
	}

	if (state.status === 'none') throw fail.notFound('not_found', 'no such incident');
	const s = state;
	authorize(actor, command, s);
	const refused = precondition(command.type, s);
	if (refused) throw refused;

	switch (command.type) {
		case 'StartFirstHandling':
			return [emit('FirstHandlingStarted', { at: now, by, measures: command.data.measures })];

		case 'SelfGrade': {
			const { level, ruleSetVersion, firedCriteria } = command.data;
			const signedOff = s.signedOff || command.data.signedOff === true;
			if (signOffRequired(level) && !signedOff)
				throw fail.invalid(
					'signoff_required',
					'a 重大+ report must be signed or sealed',
					'signedOff'
				);
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
			const { channel } = command.data;
			if (s.milestones.reportedMinistryAt[channel])
				throw fail.conflict(
					'already_reported',
					`already reported to the ministry by ${channel}`,
					'channel'
				);
			return [
				emit('IncidentReportedMinistry', {
					at: occurredAt(s, command.data.at, now),
					by,
					channel
				})
			];
		}

		case 'ReportToLeadingGroup': {
			const { channel } = command.data;
			if (s.milestones.reportedLeadingGroupAt[channel])
				throw fail.conflict(
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
			if (level !== s.level)
				throw fail.conflict(
					'level_mismatch',
					`response level must equal the graded level ${s.level}`,
					'level'
				);
			if (level === NEEDS_APPROVAL && !approval?.trim())
				throw fail.invalid(
					'approval_required',
					'an I-level response needs the leading group',
					'approval'
				);
			return [emit('ResponseStarted', { at: now, by, level, ...(approval ? { approval } : {}) })];
		}

		case 'RecordProgress':
			return [emit('ProgressRecorded', { at: now, by, note: command.data.note, role: actor.role })];

		case 'RequestLevelChange': {
			const { level } = command.data;
			const reason = requireReason(command.data.reason);
			const from = s.level as Level;
			if (level === from) throw fail.conflict('level_unchanged', `already ${from}`, 'level');
			return [emit('LevelChangeRequested', { at: now, by, from, to: level, reason })];
		}

		case 'ChangeLevel': {
			const { level } = command.data;
			const reason = requireReason(command.data.reason);
			const from = s.level as Level;
			if (level === from) throw fail.conflict('level_unchanged', `already ${from}`, 'level');
			return [emit('LevelChanged', { at: now, by, from, to: level, reason, role: actor.role })];
		}

		case 'EndResponse': {
			const level = s.level as Level;
			const { approval } = command.data;
			if (level === NEEDS_APPROVAL && !approval?.trim())
				throw fail.invalid(
					'approval_required',
					'ending an I-level response needs the leading group',
					'approval'
				);
			return [emit('ResponseEnded', { at: now, by, level, ...(approval ? { approval } : {}) })];
		}

		case 'SubmitSummary':
			return [emit('SummarySubmitted', { at: now, by, summary: command.data.summary })];

		case 'SubmitRegulatorSummary':
			return [emit('RegulatorSummarySubmitted', { at: now, by, summary: command.data.summary })];

		case 'CloseIncident': {
			const { note } = command.data;
			return [emit('IncidentClosed', { at: now, by, ...(note !== undefined ? { note } : {}) })];
		}

		case 'WithdrawIncident': {
			const reason = requireReason(command.data.reason);
			return [emit('IncidentWithdrawn', { at: now, by, reason })];
		}

		case 'MergeIncident': {
			const reason = requireReason(command.data.reason);
			const { intoIncidentId } = command.data;
			if (intoIncidentId === s.incidentId)
				throw fail.invalid(
					'invalid_merge',
					'an incident cannot be merged into itself',
					'intoIncidentId'
				);
			return [emit('IncidentMerged', { at: now, by, intoIncidentId, reason })];
		}
	}
}
