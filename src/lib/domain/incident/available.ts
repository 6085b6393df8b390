import type { Actor } from '../actor';
import { refusals, type DomainError } from '../errors';
import { atLeast, type Level } from '../levels';
import type { IncidentCommandType } from './commands';
import { REPORT_CHANNELS, type ReportChannel } from './events';
import { OPEN_STATUSES, type Incident, type IncidentState, type IncidentStatus } from './evolve';
import { canIssue } from './permissions';

/**
 * What each command needs of the incident as it stands, whatever the command's data says:
 * written once, here. `decide` refuses with these; screens offer a command exactly when
 * `incidentCommandAvailable` holds (tested against `decide` for random states and actors).
 */

/** Every command but ReportIncident, which has no incident to look at yet. */
export type StateCommandType = Exclude<IncidentCommandType, 'ReportIncident'>;

/** The incident's refusals, by kind (codes `incident.…`). */
export const fail = refusals('incident');

/**
 * Where a response may start, and at which levels (the plan's flow chart): IV straight after
 * self-grading, III or IV after the regulator grades, II/I only once the ministry knows.
 */
const RESPONSE_ENTRY: Partial<Record<IncidentStatus, readonly Level[]>> = {
	self_graded: ['general'],
	regulator_graded: ['general', 'relatively_large'],
	reported_ministry: ['major', 'especially_major']
};

// Structural thresholds of the plan's flow (not deadlines, so not policy data): from which level
// the ministry must be told, and from which a summary report is owed before closing.
const MINISTRY_FROM: Level = 'major';
const SUMMARY_FROM: Level = 'major';

type Precondition = (s: Incident, command: StateCommandType) => DomainError | null;

const inStatus =
	(...allowed: readonly IncidentStatus[]): Precondition =>
	(s, command) =>
		allowed.includes(s.status)
			? null
			: fail.conflict(
					'invalid_transition',
					`${command} is not possible in status ${s.status}`,
					undefined,
					{
						status: s.status,
						command
					}
				);

const levelFrom =
	(min: Level): Precondition =>
	(s, command) =>
		s.level && atLeast(s.level, min)
			? null
			: fail.conflict('invalid_transition', `${command} needs level ${min} or above`, undefined, {
					status: s.status,
					level: s.level
				});

/** Channels not yet used for a report upward (phone, then written). */
export function pendingChannels(
	done: Partial<Record<ReportChannel, string>>
): readonly ReportChannel[] {
	return REPORT_CHANNELS.filter((c) => !done[c]);
}

const channelOpen =
	(milestone: 'reportedMinistryAt' | 'reportedLeadingGroupAt', whom: string): Precondition =>
	(s) =>
		pendingChannels(s.milestones[milestone]).length > 0
			? null
			: fail.conflict(
					'already_reported',
					`already reported to ${whom} by phone and in writing`,
					'channel'
				);

const all =
	(...checks: Precondition[]): Precondition =>
	(s, command) => {
		for (const check of checks) {
			const refused = check(s, command);
			if (refused) return refused;
		}
		return null;
	};

const responseEntry: Precondition = (s) => {
	const entry = RESPONSE_ENTRY[s.status];
	return entry && s.level && entry.includes(s.level)
		? null
		: fail.conflict('invalid_transition', `no response at ${s.level} from ${s.status}`, undefined, {
				status: s.status,
				level: s.level
			});
};

/** A 重大+ incident closes after both summary reports; a lower one once its response ended. */
const closable: Precondition = (s, command) => {
	const summaryOwed = s.level !== null && atLeast(s.level, SUMMARY_FROM);
	const status = summaryOwed
		? inStatus('response_ended', 'summary_by_processor', 'summary_by_regulator')
		: inStatus('response_ended', 'summary_by_processor');
	const refused = status(s, command);
	if (refused) return refused;
	if (summaryOwed && s.status !== 'summary_by_regulator')
		return fail.conflict('summary_required', 'a 重大+ incident closes after both summary reports');
	return null;
};

const PRECONDITIONS: Record<StateCommandType, Precondition> = {
	StartFirstHandling: inStatus('discovered'),
	SelfGrade: inStatus('discovered', 'first_handling'),
	ConfirmLevel: inStatus('reported_local'),
	EscalateToMinistry: all(
		inStatus('regulator_graded', 'reported_ministry', 'response'),
		levelFrom(MINISTRY_FROM),
		channelOpen('reportedMinistryAt', 'the ministry')
	),
	ReportToLeadingGroup: all(
		inStatus('reported_ministry', 'response'),
		levelFrom(MINISTRY_FROM),
		channelOpen('reportedLeadingGroupAt', 'the leading group')
	),
	StartResponse: responseEntry,
	RecordProgress: inStatus(...OPEN_STATUSES),
	RequestLevelChange: inStatus('response'),
	ChangeLevel: inStatus('response'),
	EndResponse: inStatus('response'),
	SubmitSummary: inStatus('response_ended'),
	SubmitRegulatorSummary: inStatus('summary_by_processor'),
	CloseIncident: closable,
	WithdrawIncident: inStatus(...OPEN_STATUSES),
	MergeIncident: inStatus(...OPEN_STATUSES)
};

/** Why the incident's state refuses this command whatever its data, or null. */
export function precondition(command: StateCommandType, s: Incident): DomainError | null {
	return PRECONDITIONS[command](s, command);
}

/** Whether the incident's state allows `command` now, whoever asks (which summary is due, …). */
export function stateAllows(s: Incident, command: StateCommandType): boolean {
	return precondition(command, s) === null;
}

/**
 * Whether `actor` could issue `command` on this incident now, with suitable data (a level a
 * ChangeLevel may move to, a channel not yet used, an approval where one is needed): the actor
 * may issue it and the incident's state allows it.
 */
export function incidentCommandAvailable(
	actor: Actor,
	state: IncidentState,
	command: StateCommandType
): boolean {
	return (
		state.status !== 'none' &&
		canIssue(actor, command, state) &&
		precondition(command, state) === null
	);
}
