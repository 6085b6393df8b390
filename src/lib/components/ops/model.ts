import type { Actor } from '$lib/domain/actor';
import {
	agencyLoad,
	mayAssign,
	serves,
	standbyStatus,
	type Capability,
	type RegisteredAgency
} from '$lib/domain/agency';
import { NATIONAL_RULESET_2024, type Label } from '$lib/domain/grading';
import {
	canIssue,
	OPEN_STATUSES,
	RESPONSE_ENTRY,
	type Incident,
	type IncidentCommandType
} from '$lib/domain/incident';
import { atLeast, type Level, type WarningColour } from '$lib/domain/levels';
import type { Picture } from '$lib/domain/picture';
import { mayActOnWarning, type IssuedWarning } from '$lib/domain/warning';
import { mayRunDrill } from '$lib/domain/drill';
import { mayManage } from '$lib/domain/watch';
import {
	activeWarnings,
	allClocks,
	incidentsOf,
	OWED,
	registeredAgencies,
	type IncidentClock
} from '$lib/client/wall/model';

/**
 * The on-duty console as pure functions of (picture, actor, now): what is waiting, which
 * actions this person may take, which agencies could help. The server re-checks everything;
 * these only decide what the page offers.
 */

/** An incident in the actor's charge (the ministry: all; a regulator: its region × sector). */
export function inCharge(actor: Actor, incident: Incident): boolean {
	if (actor.role === 'ministry') return true;
	return (
		actor.role === 'regulator' &&
		actor.region === incident.regulatorRegion &&
		actor.sector === incident.sector
	);
}

export function incidentsInCharge(picture: Picture, actor: Actor): Incident[] {
	return incidentsOf(picture).filter((i) => inCharge(actor, i));
}

const byDiscovery = (a: Incident, b: Incident) =>
	Date.parse(a.milestones.discoveredAt) - Date.parse(b.milestones.discoveredAt);

/** Reports awaiting the regulator's confirmation of level, oldest first. */
export function confirmationQueue(picture: Picture, actor: Actor): Incident[] {
	return incidentsInCharge(picture, actor)
		.filter((i) => i.status === 'reported_local')
		.sort(byDiscovery);
}

const CLOSED: readonly Incident['status'][] = ['closed', 'withdrawn', 'merged'];

/** Everything else still open, most severe first. */
export function openInCharge(picture: Picture, actor: Actor): Incident[] {
	const rank = (l: Level | null) =>
		l ? 4 - ['especially_major', 'major', 'relatively_large', 'general'].indexOf(l) : 0;
	return incidentsInCharge(picture, actor)
		.filter((i) => i.status !== 'reported_local' && !CLOSED.includes(i.status))
		.sort((a, b) => rank(b.level) - rank(a.level) || byDiscovery(a, b));
}

/** Clocks still owed, per incident, most urgent first: one pass over the whole picture. */
export function owedClocksByIncident(picture: Picture, now: string): Map<string, IncidentClock[]> {
	const out = new Map<string, IncidentClock[]>();
	for (const c of allClocks(picture, now)) {
		if (!OWED.includes(c.status)) continue;
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

export type OfferedAction =
	| 'confirm'
	| 'changeLevel'
	| 'escalate'
	| 'leadingGroup'
	| 'startResponse'
	| 'endResponse'
	| 'progress';

/** The console actions this actor may take on this incident now. */
export function offeredActions(actor: Actor, s: Incident): OfferedAction[] {
	const may = (c: IncidentCommandType, target?: Level) => canIssue(actor, c, s, target);
	const major = s.level !== null && atLeast(s.level, 'major');
	const out: OfferedAction[] = [];
	if (s.status === 'reported_local' && may('ConfirmLevel')) out.push('confirm');
	if (s.status === 'response' && may('ChangeLevel')) out.push('changeLevel');
	if (
		major &&
		['regulator_graded', 'reported_ministry', 'response'].includes(s.status) &&
		may('EscalateToMinistry') &&
		(!s.milestones.reportedMinistryAt.phone || !s.milestones.reportedMinistryAt.written)
	)
		out.push('escalate');
	if (
		major &&
		['reported_ministry', 'response'].includes(s.status) &&
		may('ReportToLeadingGroup') &&
		(!s.milestones.reportedLeadingGroupAt.phone || !s.milestones.reportedLeadingGroupAt.written)
	)
		out.push('leadingGroup');
	const entry = RESPONSE_ENTRY[s.status];
	if (s.level && entry?.includes(s.level) && may('StartResponse', s.level))
		out.push('startResponse');
	if (s.status === 'response' && may('EndResponse')) out.push('endResponse');
	if (OPEN_STATUSES.includes(s.status) && may('RecordProgress')) out.push('progress');
	return out;
}

/** What this actor should do next on the incident (progress notes are always possible). */
export function pendingActions(actor: Actor, s: Incident): OfferedAction[] {
	return offeredActions(actor, s).filter((a) => a !== 'progress');
}

/** Channels still open for a report upward. */
export function pendingChannels(
	done: Partial<Record<'phone' | 'written', string>>
): ('phone' | 'written')[] {
	return (['phone', 'written'] as const).filter((c) => !done[c]);
}

const HANDLING: readonly Incident['status'][] = [
	'discovered',
	'first_handling',
	'self_graded',
	'reported_local',
	'regulator_graded',
	'reported_ministry',
	'response'
];

export interface AgencyCandidate {
	id: string;
	name: string;
	tier: 'ministry' | 'local';
	regionsServed: string[];
	capabilities: Capability[];
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
	// Agencies are called in while the incident is being handled, not after its response ended.
	if (!HANDLING.includes(incident.status)) return [];
	const warnings = activeWarnings(picture, now);
	return registeredAgencies(picture)
		.filter((a) => serves(a.agency, incident.region))
		.filter((a) => mayAssign(actor, a.agency, incident))
		.map((a) => candidate(a, warnings))
		.sort((a, b) => b.available - a.available || a.name.localeCompare(b.name));
}

function candidate(a: RegisteredAgency, warnings: IssuedWarning[]): AgencyCandidate {
	const load = agencyLoad(a);
	return {
		id: a.agency.id,
		name: a.agency.name,
		tier: a.agency.tier,
		regionsServed: a.agency.regionsServed,
		capabilities: a.agency.capabilities,
		...load,
		standby: standbyStatus(a.agency, warnings).standby
	};
}

export interface AssignmentRow {
	agencyId: string;
	agencyName: string;
	assignmentId: string;
	capability: Capability;
	status: 'assigned' | 'accepted' | 'declined' | 'released';
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
				releasable:
					(x.status === 'assigned' || x.status === 'accepted') &&
					mayAssign(actor, a.agency, incident)
			}))
	);
}

/** Warnings in the picture still in force or recently issued, with what the actor may do. */
export function warningRows(picture: Picture, actor: Actor, now: string) {
	return activeWarnings(picture, now).map((w) => ({
		warning: w,
		mayAdjust: mayActOnWarning(actor, 'AdjustWarning', w.colour, [w.scope]),
		mayLift: mayActOnWarning(actor, 'LiftWarning', w.colour, [w.scope])
	}));
}

/** Colours this actor may issue for its own scope (red/orange: the ministry only). */
export function issuableColours(actor: Actor): WarningColour[] {
	const scope =
		actor.role === 'regulator' && actor.region && actor.sector
			? { regions: [actor.region], sectors: [actor.sector] }
			: { regions: ['110000'], sectors: ['industrial' as const] };
	return (['red', 'orange', 'yellow', 'blue'] as const).filter((c) =>
		mayActOnWarning(actor, 'IssueWarning', c, [scope])
	);
}

export function mayCreateWatch(actor: Actor): boolean {
	return (
		actor.role === 'ministry' ||
		(actor.role === 'regulator' && !!actor.region && mayManage(actor, [actor.region]))
	);
}

export function mayDrill(actor: Actor): boolean {
	return actor.role === 'ministry' || (!!actor.region && mayRunDrill(actor, [actor.region]));
}

export function runningDrillsFor(picture: Picture, actor: Actor) {
	return Object.values(picture.drills)
		.filter((d) => d.status === 'running')
		.map((d) => ({ drill: d, mayStop: d.status !== 'none' && mayRunDrill(actor, d.regions) }));
}
