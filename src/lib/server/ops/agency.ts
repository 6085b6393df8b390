import type { Actor } from '../../domain/actor';
import {
	isActiveAssignment,
	standbyStatus,
	type AgencyCommand,
	type AssignmentStatus
} from '../../domain/agency';
import type { Picture } from '../../domain/picture';
import { warningStatus, type IssuedWarning } from '../../domain/warning';
import type { EventStore } from '../events/store';
import { getEventStore } from '../events/app';
import { pictureFor } from '../queries/picture';
import { offeredAgencyActions, type AgencyAction } from '../../shared/console';
import { ROOM_NATIONAL, standbyRoom, type Room } from '../../shared/socket';
import { agencyAggregate } from '../commands/aggregates';
import { execute } from '../commands/execute';
import { readAgency, readIncident, type OpsDeps } from './commands';
import { attempt, invalidFields, notFound, one, type FormFields, type OpsResult } from './result';

/**
 * The support agency's own actions on its assignments. The agency is the signed-in actor's
 * (`actor.agencyId`); an assignment id from the form is only looked up within it.
 */
export type { AgencyAction };

export function isAgencyActor(actor: Actor | null): actor is Actor & { agencyId: string } {
	return actor?.role === 'agency' && !!actor.agencyId;
}

export function agencySelfAction(
	deps: OpsDeps,
	actor: Actor,
	action: AgencyAction,
	f: FormFields
): Promise<OpsResult> {
	return attempt(`agency.${action}`, async () => {
		if (!isAgencyActor(actor)) throw notFound('no agency');
		const state = await readAgency(deps.store, actor.agencyId);
		const assignmentId = one(f, 'assignmentId');
		if (state.status === 'none' || !state.assignments.some((a) => a.assignmentId === assignmentId))
			throw notFound('no such assignment');
		let command: AgencyCommand;
		if (action === 'accept') command = { type: 'AcceptAssignment', data: { assignmentId } };
		else if (action === 'decline') {
			const reason = one(f, 'reason');
			if (!reason) throw invalidFields({ reason: 'reason_required' });
			command = { type: 'DeclineAssignment', data: { assignmentId, reason } };
		} else {
			const note = one(f, 'note');
			if (!note) throw invalidFields({ note: 'required' });
			command = {
				type: 'RecordAgencyProgress',
				data: { assignmentId, note, onSite: one(f, 'onSite') === 'on' }
			};
		}
		const key = one(f, 'key');
		const r = await execute(deps.store, agencyAggregate, actor.agencyId, command, {
			actor,
			...(deps.now ? { now: deps.now } : {}),
			...(/^[A-Za-z0-9-]{8,64}$/.test(key) ? { idempotencyKey: `ops:${actor.id}:${key}` } : {})
		});
		return { seq: r.seq };
	});
}

export interface AgencyAssignmentView {
	assignmentId: string;
	incidentId: string;
	capability: string;
	status: AssignmentStatus;
	/** Still being worked (or awaiting an answer): the domain's active statuses. */
	active: boolean;
	/** What the agency may do on it now (the domain's answer). */
	offered: AgencyAction[];
	assignedAt: string;
	onSite: boolean;
	drill: boolean;
	progress: { at: string; note: string; onSite: boolean }[];
	declineReason?: string;
	incident: {
		organisation: string;
		region: string;
		sector: string;
		level: string | null;
		status: string;
	} | null;
}

export interface AgencyView {
	agency: { id: string; name: string; tier: 'ministry' | 'local'; regionsServed: string[] };
	assignments: AgencyAssignmentView[];
	standby: { colour: string; title: string; validUntil: string; warningId: string }[];
	seq: number;
}

/**
 * The agency's own page: its assignments with what it needs to know of each incident, and the
 * red/orange warnings over the regions it serves (standby, per the plan's chapter 3).
 */
export async function agencyView(
	store: EventStore,
	actor: Actor,
	picture: Picture
): Promise<AgencyView | null> {
	if (!isAgencyActor(actor)) return null;
	const state = await readAgency(store, actor.agencyId);
	if (state.status === 'none') return null;
	const assignments: AgencyAssignmentView[] = [];
	for (const a of state.assignments) {
		const s = await readIncident(store, a.incidentId);
		assignments.push({
			assignmentId: a.assignmentId,
			incidentId: a.incidentId,
			capability: a.capability,
			status: a.status,
			active: isActiveAssignment(a),
			offered: offeredAgencyActions(actor, state, a.assignmentId),
			assignedAt: a.assignedAt,
			onSite: !!a.arrivedAt,
			drill: a.drill,
			progress: a.progress,
			...(a.declined ? { declineReason: a.declined.reason } : {}),
			incident:
				s.status === 'none'
					? null
					: {
							organisation: s.report.organisation.name,
							region: s.region,
							sector: s.sector,
							level: s.level,
							status: s.status
						}
		});
	}
	const now = new Date().toISOString();
	const warnings = Object.values(picture.warnings).filter(
		(w): w is IssuedWarning => w.status !== 'not_issued' && warningStatus(w, now) === 'active'
	);
	const { warningIds } = standbyStatus(state.agency, warnings);
	return {
		agency: {
			id: state.agency.id,
			name: state.agency.name,
			tier: state.agency.tier,
			regionsServed: state.agency.regionsServed
		},
		assignments: assignments.reverse(),
		standby: warnings
			.filter((w) => warningIds.includes(w.warningId))
			.map((w) => ({
				warningId: w.warningId,
				colour: w.colour,
				title: w.title,
				validUntil: w.validUntil
			})),
		seq: picture.seq
	};
}

/** Local agencies follow the standby rooms of the regions they serve (at most this many). */
const MAX_STANDBY_ROOMS = 4;

/**
 * The agency page's data over the app's store, and the rooms whose events can change it: the
 * agency's own room (its assignments) and the standby rooms of the regions it serves.
 */
export async function agencyPage(
	actor: Actor
): Promise<{ view: AgencyView; standbyRooms: Room[] } | null> {
	if (!isAgencyActor(actor)) return null;
	const store = await getEventStore();
	const agency = await readAgency(store, actor.agencyId);
	if (agency.status === 'none') return null;
	const { tier, regionsServed } = agency.agency;
	// Warnings over the regions served; a ministry-tier agency serves the whole country.
	const picture =
		tier === 'ministry'
			? await pictureFor(ROOM_NATIONAL)
			: await mergedWarnings(regionsServed.map((r) => standbyRoom(r)));
	const view = await agencyView(store, actor, picture);
	const standbyRooms =
		tier === 'local' && regionsServed.length <= MAX_STANDBY_ROOMS
			? regionsServed.map((r) => standbyRoom(r))
			: [];
	return view ? { view, standbyRooms } : null;
}

async function mergedWarnings(rooms: Room[]): Promise<Picture> {
	const pictures = await Promise.all(rooms.map((r) => pictureFor(r)));
	const base = pictures[0]!;
	for (const p of pictures.slice(1)) {
		Object.assign(base.warnings, p.warnings);
		base.seq = Math.min(base.seq, p.seq);
	}
	return base;
}
