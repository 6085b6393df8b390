import type { IncomingMessage } from 'node:http';
import { isRegionCode } from '../../domain/regions';
import { parseRoom, type Room } from '../../shared/socket';

/**
 * Who is on the other end of a socket, and what it may see.
 * Until accounts exist (issue 5) every connection is an anonymous viewer of the national
 * picture; `authenticate` is the one place a session cookie or display token will be read.
 */
export interface Principal {
	id: string;
	/** national, or the region codes whose rooms it may join. */
	scope: { national: true } | { national: false; regions: readonly string[] };
}

export function authenticate(_request: IncomingMessage): Principal {
	return { id: 'anonymous', scope: { national: true } };
}

export type JoinDecision =
	{ ok: true } | { ok: false; code: 'bad_room' | 'forbidden'; message: string };

/** The single scope check every room join goes through. */
export function canJoin(principal: Principal, room: Room): JoinDecision {
	const parsed = parseRoom(room);
	if (!parsed || (parsed.kind === 'region' && !isRegionCode(parsed.code))) {
		return { ok: false, code: 'bad_room', message: `unknown room "${String(room)}"` };
	}
	if (principal.scope.national) return { ok: true };
	if (parsed.kind === 'region' && principal.scope.regions.includes(parsed.code))
		return { ok: true };
	return { ok: false, code: 'forbidden', message: `not allowed to join ${room}` };
}

/**
 * Socket.IO `allowRequest`: refuse a handshake whose Origin is not ours (cross-site
 * WebSocket hijacking). Requests without an Origin come from non-browser clients, which can
 * forge any header anyway; authentication, not Origin, is what guards those.
 */
export function originAllowed(origin: string | undefined, allowlist: ReadonlySet<string>): boolean {
	return origin === undefined || allowlist.has(origin.replace(/\/$/, ''));
}

export function originAllowlist(origin: string, extra: string, devPort?: number): Set<string> {
	const list = new Set<string>([origin]);
	for (const o of extra
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean))
		list.add(o.replace(/\/$/, ''));
	const ports = [new URL(origin).port, devPort ? String(devPort) : undefined].filter(Boolean);
	const host = new URL(origin).hostname;
	if (host === 'localhost' || host === '127.0.0.1') {
		for (const port of ports) {
			list.add(`http://localhost:${port}`);
			list.add(`http://127.0.0.1:${port}`);
		}
	}
	return list;
}
