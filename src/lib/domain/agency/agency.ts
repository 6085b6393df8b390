import type { Actor } from '../actor';
import type { AssignmentTimes } from '../clocks';
import { eventEmitter } from '../decider';
import { forbidden, refusals, type DomainError } from '../errors';
import { isHandling, type IncidentStatus } from '../incident/evolve';
import { regulatesIncident } from '../incident/permissions';
import type { Sector, WarningColour } from '../levels';
import { provinceOf, regulatorRegion } from '../regions';
import {
	agencyEventSchemas,
	type Agency,
	type AgencyCommand,
	type AgencyEvent,
	type Capability
} from './events';

/**
 * One decider per agency (stream `agency-<id>`), not per assignment: capacity is an invariant
 * across an agency's assignments, and only a stream that sees them all can refuse the one too
 * many without a race.
 */
export type AssignmentStatus = 'assigned' | 'accepted' | 'declined' | 'released';

export interface Assignment {
	assignmentId: string;
	incidentId: string;
	incidentRegion: string;
	incidentSector: Sector;
	capability: Capability;
	drill: boolean;
	status: AssignmentStatus;
	assignedAt: string;
	assignedBy: string;
	acceptedAt?: string;
	declined?: { at: string; by: string; reason: string };
	arrivedAt?: string;
	released?: { at: string; by: string; reason?: string };
	progress: { at: string; by: string; note: string; onSite: boolean }[];
}

export interface RegisteredAgency {
	status: 'registered';
	agency: Agency;
	registeredAt: string;
	assignments: Assignment[];
}

export type AgencyState = { status: 'none' } | RegisteredAgency;
export const initialState: AgencyState = { status: 'none' };

/** Assignments the agency is working (or asked to): they count against its capacity. */
export const ACTIVE_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['assigned', 'accepted'];
const ACTIVE = ACTIVE_ASSIGNMENT_STATUSES;

export function isActiveAssignment(a: { status: AssignmentStatus }): boolean {
	return ACTIVE.includes(a.status);
}

function updateAssignment(
	s: RegisteredAgency,
	id: string,
	f: (a: Assignment) => Assignment
): RegisteredAgency {
	return { ...s, assignments: s.assignments.map((a) => (a.assignmentId === id ? f(a) : a)) };
}

export function evolve(state: AgencyState, event: AgencyEvent): AgencyState {
	if (event.type === 'AgencyRegistered') {
		if (state.status !== 'none') return state;
		return {
			status: 'registered',
			agency: event.data.agency,
			registeredAt: event.data.at,
			assignments: []
		};
	}
	if (state.status === 'none') return state;
	const d = event.data;
	switch (event.type) {
		case 'AgencyAssigned': {
			const e = event.data;
			return {
				...state,
				assignments: [
					...state.assignments,
					{
						assignmentId: e.assignmentId,
						incidentId: e.incidentId,
						incidentRegion: e.incidentRegion,
						incidentSector: e.incidentSector,
						capability: e.capability,
						drill: e.drill,
						status: 'assigned',
						assignedAt: e.at,
						assignedBy: e.by,
						progress: []
					}
				]
			};
		}
		case 'AssignmentAccepted':
			return updateAssignment(state, d.assignmentId, (a) => ({
				...a,
				status: 'accepted',
				acceptedAt: d.at
			}));
		case 'AssignmentDeclined': {
			const { reason } = event.data;
			return updateAssignment(state, d.assignmentId, (a) => ({
				...a,
				status: 'declined',
				declined: { at: d.at, by: d.by, reason }
			}));
		}
		case 'AgencyProgressRecorded': {
			const { note, onSite } = event.data;
			return updateAssignment(state, d.assignmentId, (a) => ({
				...a,
				arrivedAt: a.arrivedAt ?? (onSite ? d.at : undefined),
				progress: [...a.progress, { at: d.at, by: d.by, note, onSite }]
			}));
		}
		case 'AgencyReleased': {
			const { reason } = event.data;
			return updateAssignment(state, d.assignmentId, (a) => ({
				...a,
				status: 'released',
				released: { at: d.at, by: d.by, ...(reason ? { reason } : {}) }
			}));
		}
	}
}

export interface AgencyLoad {
	active: number;
	capacity: number;
	available: number;
}

export function agencyLoad(state: RegisteredAgency): AgencyLoad {
	const active = state.assignments.filter(isActiveAssignment).length;
	const { capacity } = state.agency;
	return { active, capacity, available: Math.max(0, capacity - active) };
}

/** A region relation both ways: a province covers its 计划单列市 and XPCC, and vice versa. */
function overlaps(a: string, b: string): boolean {
	return a === b || provinceOf(a) === b || provinceOf(b) === a;
}

export function serves(agency: Agency, region: string): boolean {
	return agency.tier === 'ministry' || agency.regionsServed.some((r) => overlaps(r, region));
}

/** What standbyStatus reads of a warning (structurally satisfied by the warning aggregate's state). */
export interface StandbyWarning {
	warningId: string;
	colour: WarningColour;
	scope: { regions: readonly string[] };
}

const STANDBY_COLOURS: readonly WarningColour[] = ['red', 'orange'];

/**
 * Under a red or orange warning, support agencies go on standby (chapter 3). `activeWarnings`
 * are the warnings in force now; which are in force is the warning aggregate's business.
 */
export function standbyStatus(
	agency: Agency,
	activeWarnings: readonly StandbyWarning[]
): { standby: boolean; warningIds: string[] } {
	const warningIds = activeWarnings
		.filter((w) => STANDBY_COLOURS.includes(w.colour))
		.filter((w) => w.scope.regions.some((r) => serves(agency, r)))
		.map((w) => w.warningId);
	return { standby: warningIds.length > 0, warningIds };
}

/** The timestamps the clock engine needs, for one incident's assignments. */
export function assignmentTimes(state: AgencyState, incidentId?: string): AssignmentTimes[] {
	if (state.status === 'none') return [];
	return state.assignments
		.filter((a) => incidentId === undefined || a.incidentId === incidentId)
		.map((a) => ({
			assignmentId: a.assignmentId,
			agencyId: state.agency.id,
			assignedAt: a.assignedAt,
			...(a.acceptedAt ? { acceptedAt: a.acceptedAt } : {}),
			...(a.declined ? { declinedAt: a.declined.at } : {}),
			...(a.arrivedAt ? { arrivedAt: a.arrivedAt } : {}),
			...(a.released ? { releasedAt: a.released.at } : {})
		}));
}

/** The agency's refusals, by kind (codes `agency.…`). */
const fail = refusals('agency');
const emit = eventEmitter<AgencyEvent>(agencyEventSchemas, fail.invalid);

/**
 * Who may assign: the ministry any agency; the incident's local regulator only local-tier
 * agencies (calling on a ministry-tier agency goes through the ministry).
 */
export function mayAssign(
	actor: Actor,
	agency: Agency,
	incident: { region: string; sector: Sector }
): boolean {
	if (actor.role === 'ministry') return true;
	return (
		actor.role === 'regulator' &&
		agency.tier === 'local' &&
		regulatesIncident(actor, {
			regulatorRegion: regulatorRegion(incident.region, incident.sector) ?? '',
			sector: incident.sector
		})
	);
}

/** What an assignment is made to: the incident's facts the command handler copies over. */
export interface AssignmentTarget {
	incidentId: string;
	incidentRegion: string;
	incidentSector: Sector;
	incidentStatus: IncidentStatus;
}

/**
 * Why `actor` cannot assign this agency to the incident for `capability` now (null: it can).
 * Written once: `decide` refuses an AssignAgency with it, the console offers the capabilities
 * it allows (`assignableCapabilities`).
 */
export function assignRefusal(
	actor: Actor,
	state: AgencyState,
	target: AssignmentTarget,
	capability: Capability
): DomainError | null {
	if (state.status === 'none') return fail.notFound('not_found', 'no such agency');
	const agency = state.agency;
	if (!mayAssign(actor, agency, { region: target.incidentRegion, sector: target.incidentSector }))
		return forbidden(actor, 'AssignAgency');
	if (!isHandling({ status: target.incidentStatus }))
		return fail.conflict(
			'incident_not_handling',
			`agencies are called in while an incident is handled, not in status ${target.incidentStatus}`,
			'incidentId'
		);
	if (!agency.capabilities.includes(capability))
		return fail.invalid(
			'capability_missing',
			`${agency.name} does not offer ${capability}`,
			'capability'
		);
	if (!serves(agency, target.incidentRegion))
		return fail.invalid(
			'region_not_served',
			`${agency.name} does not serve ${target.incidentRegion}`,
			'incidentRegion'
		);
	if (
		state.assignments.some(
			(a) =>
				a.incidentId === target.incidentId && a.capability === capability && isActiveAssignment(a)
		)
	)
		return fail.conflict(
			'already_assigned',
			'already assigned to this incident for this capability',
			'incidentId'
		);
	if (agencyLoad(state).available === 0)
		return fail.conflict('over_capacity', `${agency.name} is at capacity`, 'assignmentId');
	return null;
}

/** The capabilities `actor` may assign this agency to the incident for now. */
export function assignableCapabilities(
	actor: Actor,
	state: AgencyState,
	target: AssignmentTarget
): Capability[] {
	if (state.status === 'none') return [];
	return state.agency.capabilities.filter((c) => assignRefusal(actor, state, target, c) === null);
}

/** Commands on one existing assignment. */
export type AssignmentCommandType =
	'AcceptAssignment' | 'DeclineAssignment' | 'RecordAgencyProgress' | 'ReleaseAgency';

/** The assignment statuses each command on an assignment needs. */
const ASSIGNMENT_STATUS_NEEDED: Record<AssignmentCommandType, readonly AssignmentStatus[]> = {
	AcceptAssignment: ['assigned'],
	DeclineAssignment: ['assigned'],
	RecordAgencyProgress: ['accepted'],
	ReleaseAgency: ACTIVE
};

/**
 * Why `actor` cannot run `command` on this assignment now, whatever the command's data (null:
 * it can). The agency itself accepts, declines and reports progress; whoever may assign it
 * releases it.
 */
export function assignmentRefusal(
	actor: Actor,
	state: AgencyState,
	assignmentId: string,
	command: AssignmentCommandType
): DomainError | null {
	if (state.status === 'none') return fail.notFound('not_found', 'no such agency');
	const a = state.assignments.find((x) => x.assignmentId === assignmentId);
	if (!a) return fail.notFound('assignment_not_found', 'no such assignment', 'assignmentId');
	const allowed =
		command === 'ReleaseAgency'
			? mayAssign(actor, state.agency, { region: a.incidentRegion, sector: a.incidentSector })
			: actor.role === 'agency' && actor.agencyId === state.agency.id;
	if (!allowed) return forbidden(actor, command);
	if (!ASSIGNMENT_STATUS_NEEDED[command].includes(a.status))
		return fail.conflict(
			'invalid_transition',
			`${command} is not possible on a ${a.status} assignment`
		);
	return null;
}

/** Whether `actor` could run `command` on this assignment now (with a reason or note as needed). */
export function assignmentCommandAvailable(
	actor: Actor,
	state: AgencyState,
	assignmentId: string,
	command: AssignmentCommandType
): boolean {
	return assignmentRefusal(actor, state, assignmentId, command) === null;
}

export function decide(
	command: AgencyCommand,
	state: AgencyState,
	ctx: { now: string; actor: Actor }
): AgencyEvent[] {
	const { now, actor } = ctx;
	const by = actor.id;
	if (command.type === 'RegisterAgency') {
		if (actor.role !== 'ministry' && actor.role !== 'admin') throw forbidden(actor, command.type);
		if (state.status !== 'none')
			throw fail.conflict('already_exists', 'agency already registered', 'agency.id');
		return [emit('AgencyRegistered', { at: now, by, agency: command.data.agency })];
	}
	if (state.status === 'none') throw fail.notFound('not_found', 'no such agency');

	if (command.type === 'AssignAgency') {
		const d = command.data;
		const refused = assignRefusal(actor, state, d, d.capability);
		if (refused) throw refused;
		if (state.assignments.some((a) => a.assignmentId === d.assignmentId))
			throw fail.conflict('already_exists', 'assignment id already used', 'assignmentId');
		return [
			emit('AgencyAssigned', {
				at: now,
				by,
				assignmentId: d.assignmentId,
				incidentId: d.incidentId,
				incidentRegion: d.incidentRegion,
				incidentSector: d.incidentSector,
				capability: d.capability,
				drill: d.drill ?? false
			})
		];
	}

	const refused = assignmentRefusal(actor, state, command.data.assignmentId, command.type);
	if (refused) throw refused;
	const a = state.assignments.find((x) => x.assignmentId === command.data.assignmentId)!;

	switch (command.type) {
		case 'AcceptAssignment':
			return [emit('AssignmentAccepted', { at: now, by, assignmentId: a.assignmentId })];
		case 'DeclineAssignment':
			if (!command.data.reason?.trim())
				throw fail.invalid('reason_required', 'a decline needs a reason', 'reason');
			return [
				emit('AssignmentDeclined', {
					at: now,
					by,
					assignmentId: a.assignmentId,
					reason: command.data.reason
				})
			];
		case 'RecordAgencyProgress':
			return [
				emit('AgencyProgressRecorded', {
					at: now,
					by,
					assignmentId: a.assignmentId,
					note: command.data.note,
					onSite: command.data.onSite ?? false
				})
			];
		case 'ReleaseAgency': {
			const { reason } = command.data;
			return [
				emit('AgencyReleased', {
					at: now,
					by,
					assignmentId: a.assignmentId,
					...(reason ? { reason } : {})
				})
			];
		}
	}
}
