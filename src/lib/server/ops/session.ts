import { error } from '@sveltejs/kit';
import type { Actor } from '../../domain/actor';
import { homeRoom, toActor, type Principal } from '../auth';
import type { Room } from '../../shared/socket';

/**
 * The one place the console, agency and intake routes learn who is signed in: the accounts
 * module's `locals.principal` (its route policy has already decided who may open the page),
 * turned into the domain `Actor` that commands run as. Finer per-object checks: ./scope.ts
 * (through the same policy) and the deciders.
 */
export function principalOf(locals: App.Locals): Principal {
	return locals.principal;
}

export function actorOf(locals: App.Locals): Actor | null {
	return toActor(locals.principal);
}

/** The signed-in person's name as shown. */
export function displayNameOf(locals: App.Locals): string {
	const p = locals.principal;
	return p.kind === 'user' ? p.displayName : '';
}

/** The actor, or a 401 (the route policy normally redirects to sign-in before this). */
export function requireActor(locals: App.Locals): Actor {
	const actor = actorOf(locals);
	if (!actor) error(401, 'sign in first');
	return actor;
}

/** The room the person's live views follow (policy's home room: what its socket may join). */
export function liveRoomOf(locals: App.Locals): Room {
	const room = homeRoom(locals.principal);
	if (!room) error(403, 'no live view for this account');
	return room;
}
