import type { Actor } from '$lib/domain/actor';
import {
	agencyLoad,
	assignableCapabilities,
	assignmentCommandAvailable,
	mayAssign,
	serves,
	standbyStatus,
	type AssignmentStatus,
	type Capability,
	type RegisteredAgency
} from '$lib/domain/agency';
import { OWED_STATUSES } from '$lib/domain/clocks';
import { drillRefusal } from '$lib/domain/drill';
import { NATIONAL_RULESET_2024, type Label } from '$lib/domain/grading';
import { inCharge, isHandling, isOpen, stateAllows, type Incident } from '$lib/domain/incident';
import { levelRank, type Level } from '$lib/domain/levels';
import type { Picture } from '$lib/domain/picture';
import {
	adjustableColours,
	warningCommandAvailable,
	type IssuedWarning
} from '$lib/domain/warning';
import {
	activeWarnings,
	allClocks,
	incidentsOf,
	registeredAgencies,
	type IncidentClock
} from '$lib/client/wall/model';
import { offeredIncidentActions, type IncidentAction } from '$lib/shared/console';

/**
 * The on-duty console as pure functions of (picture, actor, now): what is waiting, which
 * actions this person may take, which agencies could help. What may be done is the domain's
 * to say (its `…Available` / `…Refusal` predicates, the very checks `decide` refuses with);
 * these only pick what the page shows. The server re-checks everything.
 */

export function incidentsInCharge(picture: Picture, actor: Actor): Incident[] {
	return incidentsOf(picture).filter((i) => inCharge(actor, i));
}

const byDiscovery = (a: Incident, b: Incident) =>
	Date.parse(a.milestones.discoveredAt) - Date.parse(b.milestones.discoveredAt);

/** Reports awaiting the regulator's confirmation of level, oldest first. */
export function confirmationQueue(picture: Picture, actor: Actor): Incident[] {
	return incidentsInCharge(picture, actor)
		.filter((i) => stateAllows(i, 'ConfirmLevel'))
		.sort(byDiscovery);
}

/** Everything else still open, most severe first. */
export function openInCharge(picture: Picture, actor: Actor): Incident[] {
	const rank = (l: Level | null) => (l ? levelRank(l) : 0);
	return incidentsInCharge(picture, actor)
		.filter((i) => !stateAllows(i, 'ConfirmLevel') && isOpen(i))
		.sort((a, b) => rank(b.level) - rank(a.level) || byDiscovery(a, b));
}

/** Clocks still owed, per incident, most urgent first: one pass over the whole picture. */
export function owedClocksByIncident(picture: Picture, now: string): Map<string, IncidentClock[]> {
	const out = new Map<string, IncidentClock[]>();
	for (const c of allClocks(picture, now)) {
		if (!(OWED_STATUSES as readonly string[]).includes(c.status)) continue;
		const list = out.get(c.incident.incidentId) ?? [];
		list.push(c);
		out.set(c.incident.incidentId, list);
	}
	for (const list of out.values()) list.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
	return out;
}

/** Every clock of one incident (owed and settled), by due time. */
export function incidentClocks(picture: Picture, now: string, incidentId: string): IncidentClock[] {
	return allClocks(picture, now)
		.filter((c) => c.incident.incidentId === incidentId)
		.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** Labels of the grading criteria an incident's level rests on. */
export function firedCriteriaLabels(incident: Incident): Label[] {
	const byId = new Map(NATIONAL_RULESET_2024.criteria.map((c) => [c.id, c.label]));
	return incident.firedCriteria.map((id) => byId.get(id) ?? { zh: id, en: id });
}

export type OfferedAction = IncidentAction;

/** The console actions this actor may take on this incident now: those the domain allows. */
export const offeredActions: (actor: Actor, s: Incident) => OfferedAction[] =
	offeredIncidentActions;

/** What this actor should do next on the incident (progress notes are always possible). */
export function pendingActions(actor: Actor, s: Incident): OfferedAction[] {
	return offeredActions(actor, s).filter((a) => a !== 'progress');
}

export interface AgencyCandidate {
	id: string;
	name: string;
	tier: 'ministry' | 'local';
	regionsServed: string[];
	capabilities: Capability[];
	/** Those this actor may assign it for now (none: at capacity, or already assigned for each). */
	assignable: Capability[];
	active: number;
	capacity: number;
	available: number;
	standby: boolean;
}

/** Agencies this actor may assign to this incident (serving its region), least loaded first. */
export function agencyCandidates(
	picture: Picture,
	actor: Actor,
	incident: Incident,
	now: string
): AgencyCandidate[] {
	// Agencies are called in while the incident is being handled (the domain refuses otherwise).
	if (!isHandling(incident)) return [];
	const warnings = activeWarnings(picture, now);
	return registeredAgencies(picture)
		.filter((a) => serves(a.agency, incident.region))
		.filter((a) => mayAssign(actor, a.agency, incident))
		.map((a) => candidate(a, actor, incident, warnings))
		.sort((a, b) => b.available - a.available || a.name.localeCompare(b.name));
}

function candidate(
	a: RegisteredAgency,
	actor: Actor,
	incident: Incident,
	warnings: IssuedWarning[]
): AgencyCandidate {
	const load = agencyLoad(a);
	return {
		id: a.agency.id,
		name: a.agency.name,
		tier: a.agency.tier,
		regionsServed: a.agency.regionsServed,
		capabilities: a.agency.capabilities,
		assignable: assignableCapabilities(actor, a, assignmentTarget(incident)),
		...load,
		standby: standbyStatus(a.agency, warnings).standby
	};
}

export interface AssignmentRow {
	agencyId: string;
	agencyName: string;
	assignmentId: string;
	capability: Capability;
	status: AssignmentStatus;
	onSite: boolean;
	declineReason?: string;
	progress: { at: string; note: string; onSite: boolean }[];
	/** The actor may release it. */
	releasable: boolean;
}

export function incidentAssignments(
	picture: Picture,
	actor: Actor,
	incident: Incident
): AssignmentRow[] {
	return registeredAgencies(picture).flatMap((a) =>
		a.assignments
			.filter((x) => x.incidentId === incident.incidentId)
			.map((x) => ({
				agencyId: a.agency.id,
				agencyName: a.agency.name,
				assignmentId: x.assignmentId,
				capability: x.capability,
				status: x.status,
				onSite: !!x.arrivedAt,
				...(x.declined ? { declineReason: x.declined.reason } : {}),
				progress: x.progress,
				releasable: assignmentCommandAvailable(actor, a, x.assignmentId, 'ReleaseAgency')
			}))
	);
}

/** The incident's facts an assignment of an agency to it carries. */
function assignmentTarget(incident: Incident) {
	return {
		incidentId: incident.incidentId,
		incidentRegion: incident.region,
		incidentSector: incident.sector,
		incidentStatus: incident.status
	};
}

/** Warnings in force, with what the actor may do to each (the colours it may re-issue them in). */
export function warningRows(picture: Picture, actor: Actor, now: string) {
	return activeWarnings(picture, now).map((w) => ({
		warning: w,
		mayAdjust: warningCommandAvailable(actor, w, 'AdjustWarning', now),
		adjustColours: adjustableColours(actor, w),
		mayLift: warningCommandAvailable(actor, w, 'LiftWarning', now)
	}));
}

export function runningDrillsFor(picture: Picture, actor: Actor) {
	return Object.values(picture.drills)
		.filter((d) => d.status === 'running')
		.map((d) => ({ drill: d, mayStop: drillRefusal(actor, d) === null }));
}
