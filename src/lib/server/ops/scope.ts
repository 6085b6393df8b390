import { isSeatedRegulator, type Actor } from '../../domain/actor';
import type { AgencyState } from '../../domain/agency';
import { inCharge } from '../../domain/incident';
import type { Picture } from '../../domain/picture';
import type { WarningState } from '../../domain/warning';

/**
 * Who the on-duty console is for and what it shows. The console is the ministry's (national)
 * and each seated local regulator's (its region × sector). Which incidents are in someone's
 * charge is the domain's `inCharge` (the accounts policy asks the same); the deciders check
 * again who may issue what.
 */
export function isConsoleActor(actor: Actor | null): actor is Actor {
	if (!actor) return false;
	return actor.role === 'ministry' || isSeatedRegulator(actor);
}

/**
 * A picture narrowed to what a regulator may see: its own incidents, the agencies' assignments
 * on them, and warnings of its sector (its room's picture already is; this keeps it so whatever
 * room it came from). The ministry's national picture is whole.
 */
export function scopePicture(picture: Picture, actor: Actor): Picture {
	if (actor.role === 'ministry') return picture;
	const incidents: Picture['incidents'] = {};
	for (const [id, s] of Object.entries(picture.incidents))
		if (s.status !== 'none' && inCharge(actor, s)) incidents[id] = s;
	const agencies: Picture['agencies'] = {};
	for (const [id, a] of Object.entries(picture.agencies))
		agencies[id] = onlyAssignmentsOn(a, incidents);
	const warnings: Picture['warnings'] = {};
	for (const [id, w] of Object.entries(picture.warnings)) if (ofSector(w, actor)) warnings[id] = w;
	const keep = (kind: string, id: string) =>
		kind === 'incident' ? id in incidents : kind === 'warning' ? id in warnings : true;
	const versions = Object.fromEntries(
		Object.entries(picture.versions).filter(([stream]) => {
			const dash = stream.indexOf('-');
			return keep(stream.slice(0, dash), stream.slice(dash + 1));
		})
	);
	return { ...picture, incidents, agencies, warnings, versions };
}

function onlyAssignmentsOn(a: AgencyState, incidents: Picture['incidents']): AgencyState {
	if (a.status === 'none') return a;
	return { ...a, assignments: a.assignments.filter((x) => x.incidentId in incidents) };
}

function ofSector(w: WarningState, actor: Actor): boolean {
	return w.status !== 'not_issued' && !!actor.sector && w.scope.sectors.includes(actor.sector);
}
