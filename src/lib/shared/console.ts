import type { Actor } from '../domain/actor';
import {
	assignmentCommandAvailable,
	type AgencyState,
	type AssignmentCommandType
} from '../domain/agency';
import {
	incidentCommandAvailable,
	type IncidentState,
	type StateCommandType
} from '../domain/incident';

/**
 * The actions the operator screens offer, as tables: the form action each one posts to
 * (`?/confirm`) and the domain command it runs. A screen offers an action exactly when the
 * domain says its command is available (the same checks `decide` refuses with); the server
 * reads the action's form into that command; the offered-equals-accepted property test
 * (src/lib/components/ops/offered.property.test.ts) walks every entry. A new command reaches
 * the screens by a line in a table here, plus its form.
 */

/** The on-duty console's actions on one incident, in the order it lists them. */
export const INCIDENT_ACTIONS = {
	confirm: 'ConfirmLevel',
	changeLevel: 'ChangeLevel',
	escalate: 'EscalateToMinistry',
	leadingGroup: 'ReportToLeadingGroup',
	startResponse: 'StartResponse',
	endResponse: 'EndResponse',
	progress: 'RecordProgress'
} as const satisfies Record<string, StateCommandType>;

export type IncidentAction = keyof typeof INCIDENT_ACTIONS;
export type IncidentActionCommand<A extends IncidentAction> = (typeof INCIDENT_ACTIONS)[A];
export const INCIDENT_ACTION_NAMES = Object.keys(INCIDENT_ACTIONS) as IncidentAction[];

/** The console actions `actor` may take on this incident now. */
export function offeredIncidentActions(actor: Actor, state: IncidentState): IncidentAction[] {
	return INCIDENT_ACTION_NAMES.filter((a) =>
		incidentCommandAvailable(actor, state, INCIDENT_ACTIONS[a])
	);
}

/** A support agency's actions on its own assignments (`/agency`). */
export const AGENCY_ACTIONS = {
	accept: 'AcceptAssignment',
	decline: 'DeclineAssignment',
	progress: 'RecordAgencyProgress'
} as const satisfies Record<string, AssignmentCommandType>;

export type AgencyAction = keyof typeof AGENCY_ACTIONS;
export const AGENCY_ACTION_NAMES = Object.keys(AGENCY_ACTIONS) as AgencyAction[];

/** The agency's actions on one of its assignments that `actor` may take now. */
export function offeredAgencyActions(
	actor: Actor,
	state: AgencyState,
	assignmentId: string
): AgencyAction[] {
	return AGENCY_ACTION_NAMES.filter((a) =>
		assignmentCommandAvailable(actor, state, assignmentId, AGENCY_ACTIONS[a])
	);
}
