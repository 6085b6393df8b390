import { error } from '@sveltejs/kit';
import type { Actor } from '../../domain/actor';
import type { Sector } from '../../domain/levels';

/**
 * The one place the console, agency and intake routes learn who is signed in. The accounts
 * module sets `locals.principal` (a user, a display or anonymous) and its route policy decides
 * who may open the page at all; here the principal becomes the domain `Actor` that commands run
 * as, and the finer per-object checks live in ./scope.ts and the deciders.
 */
interface UserLike {
	kind: 'user';
	id: string;
	displayName?: string;
	role: Actor['role'];
	region: string | null;
	sector: Sector | null;
	orgId: string | null;
	orgIds?: readonly string[];
	agencyId: string | null;
}

function userOf(locals: App.Locals): UserLike | null {
	const p = (locals as unknown as { principal?: { kind?: string } }).principal;
	return p?.kind === 'user' ? (p as UserLike) : null;
}

export function actorOf(locals: App.Locals): Actor | null {
	const p = userOf(locals);
	if (!p) return null;
	return {
		id: p.id,
		role: p.role,
		...(p.region ? { region: p.region } : {}),
		...(p.sector ? { sector: p.sector } : {}),
		...(p.orgId
			? { orgId: p.orgId, subsidiaries: (p.orgIds ?? []).filter((o) => o !== p.orgId) }
			: {}),
		...(p.agencyId ? { agencyId: p.agencyId } : {})
	};
}

/** The signed-in person's name as shown (and, for a processor, its organisation's). */
export function displayNameOf(locals: App.Locals): string {
	return userOf(locals)?.displayName ?? '';
}

/** The actor, or a 401 (the route policy normally redirects to sign-in before this). */
export function requireActor(locals: App.Locals): Actor {
	const actor = actorOf(locals);
	if (!actor) error(401, 'sign in first');
	return actor;
}
