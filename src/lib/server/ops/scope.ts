import type { Actor } from '../../domain/actor';
import type { Incident } from '../../domain/incident';
import { inCharge } from '../../components/ops/model';
import { regionByCode } from '../../domain/regions';
import { regionRoom, ROOM_NATIONAL, type Room } from '../../shared/socket';

/**
 * Who the on-duty console is for and what it shows. The console is the ministry's (national)
 * and each local regulator's (its region × sector). Every load and action checks these on the
 * server; the domain deciders check again who may issue each command.
 */
export function isConsoleActor(actor: Actor | null): actor is Actor {
	if (!actor) return false;
	if (actor.role === 'ministry') return true;
	return (
		actor.role === 'regulator' &&
		!!actor.region &&
		!!actor.sector &&
		(regionByCode(actor.region)?.sectors.includes(actor.sector) ?? false)
	);
}

/** The room whose picture the console shows and follows live. */
export function consoleRoom(actor: Actor): Room {
	return actor.role === 'ministry' ? ROOM_NATIONAL : regionRoom(actor.region!);
}

/** An incident in the actor's charge: the ministry sees all, a regulator its region × sector. */
export function seesIncident(actor: Actor, incident: Incident): boolean {
	return inCharge(actor, incident);
}
