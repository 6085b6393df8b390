import type { IncomingMessage } from 'node:http';
import { isRegionCode } from '../../domain/regions';
import { parseRoom, type Room } from '../../shared/socket';
import { cookieNames, readCookie } from '../auth';
import { ANONYMOUS, mayJoin, type JoinFacts, type Principal } from '../auth/policy';
import type { AuthService } from '../auth/service';

export type { Principal } from '../auth/policy';

export type Authentication =
	{ ok: true; principal: Principal } | { ok: false; reason: 'unauthorized' | 'revoked' };

/**
 * Who is on the other end of a socket: the session cookie, else a display credential. Read-only
 * (the realtime side never writes): sessions are not touched by socket traffic, so a browser
 * left open without requests still ends at the idle timeout.
 */
export async function authenticate(
	request: IncomingMessage,
	auth: AuthService,
	origin?: string
): Promise<Authentication> {
	const names = cookieNames(origin);
	const header = request.headers.cookie;
	const token = readCookie(header, names.session);
	if (token) {
		const principal = await auth.peekSession(token);
		if (principal) return { ok: true, principal };
	}
	const displayToken = readCookie(header, names.display);
	if (displayToken) {
		const valid = await auth.validateDisplay(displayToken, { touch: false });
		if (valid && 'principal' in valid) return { ok: true, principal: valid.principal };
		if (valid) return { ok: false, reason: 'revoked' };
	}
	return { ok: false, reason: 'unauthorized' };
}

export type JoinDecision =
	{ ok: true } | { ok: false; code: 'bad_room' | 'forbidden'; message: string };

/** The single scope check every room join goes through, driven by the policy table. */
export function canJoin(principal: Principal, room: Room, facts: JoinFacts = {}): JoinDecision {
	const parsed = parseRoom(room);
	if (!parsed || ('code' in parsed && !isRegionCode(parsed.code))) {
		return { ok: false, code: 'bad_room', message: `unknown room "${String(room)}"` };
	}
	if (mayJoin(principal ?? ANONYMOUS, parsed, facts)) return { ok: true };
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
