import { USER_ROLES, type Actor, type UserRole } from '../../domain/actor';
import { regulatesIncident } from '../../domain/incident';
import type { Sector } from '../../domain/levels';
import { isRegionCode, provinceOf } from '../../domain/regions';
import {
	agencyRoom,
	orgRoom,
	parseRoom,
	regionRoom,
	regulatorRoom,
	ROOM_AUDIT,
	ROOM_NATIONAL,
	type ParsedRoom,
	type Room
} from '../../shared/socket';

/**
 * THE access policy: who is who, what each may see, which pages and rooms each may open.
 * Hooks (every page, form action and endpoint), load functions, the realtime hub's room joins
 * and the API all decide through this file. Commands keep their own domain rules
 * (src/lib/domain/{incident,warning,…}/permissions.ts) on top.
 */

export { USER_ROLES, type UserRole };

export interface UserPrincipal {
	kind: 'user';
	/** User id (also the actor id in the log). */
	id: string;
	username: string;
	displayName: string;
	role: UserRole;
	/** Regulator: its region (GB/T 2260 or XPCC). */
	region: string | null;
	/** Regulator: its sector. */
	sector: Sector | null;
	/** Processor: its organisation. */
	orgId: string | null;
	/** Processor: its organisation and, for a central SOE HQ, its subsidiaries. */
	orgIds: readonly string[];
	/** Agency: the support agency it works for, and the regions that agency serves. */
	agencyId: string | null;
	agencyRegions: readonly string[];
	/** Hex SHA-256 of the session token. */
	sessionId: string;
}

export interface DisplayPrincipal {
	kind: 'display';
	/** Display id. */
	id: string;
	name: string;
	/** 'national' or a region code. */
	region: string;
}

export interface AnonymousPrincipal {
	kind: 'anonymous';
	id: 'anonymous';
}

export type Principal = UserPrincipal | DisplayPrincipal | AnonymousPrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous', id: 'anonymous' };

const is = (p: Principal, ...roles: UserRole[]): p is UserPrincipal =>
	p.kind === 'user' && roles.includes(p.role);

/** The domain's view of a person (commands). Displays and anonymous visitors are not actors. */
export function toActor(p: Principal): Actor | null {
	if (p.kind !== 'user') return null;
	return {
		id: p.id,
		role: p.role,
		...(p.region ? { region: p.region } : {}),
		...(p.sector ? { sector: p.sector } : {}),
		...(p.orgId ? { orgId: p.orgId, subsidiaries: p.orgIds.filter((o) => o !== p.orgId) } : {}),
		...(p.agencyId ? { agencyId: p.agencyId } : {})
	};
}

/** What decides whether someone may see one incident. */
export interface IncidentFacts {
	region: string;
	regulatorRegion: string;
	sector: string;
	orgId: string;
	/** Support agencies with a live assignment (assigned or accepted) on it. */
	agencies: readonly string[];
}

/** Region codes a wall of `region` shows: itself and, for a province, its 计划单列市 / XPCC. */
function wallCovers(wallRegion: string, eventRegion: string): boolean {
	return eventRegion === wallRegion || provinceOf(eventRegion) === wallRegion;
}

/**
 * Whether `p` may see this incident:
 * - ministry: all; admin: none (accounts, not incidents);
 * - regulator: its sector, where it is the regulator in charge (regulatorRegion): a provincial
 *   telecom regulator sees its 计划单列市's telecom incidents, a 计划单列市 industrial regulator
 *   its own city's industrial ones, and the province's industrial regulator not those;
 * - processor: its organisation (a central SOE HQ also its subsidiaries);
 * - agency: incidents it is assigned to;
 * - display: incidents in or regulated from its region (national: all).
 */
export function canSeeIncident(p: Principal, i: IncidentFacts): boolean {
	switch (p.kind) {
		case 'anonymous':
			return false;
		case 'display':
			return (
				p.region === 'national' ||
				wallCovers(p.region, i.region) ||
				wallCovers(p.region, i.regulatorRegion)
			);
		case 'user':
			switch (p.role) {
				case 'ministry':
					return true;
				case 'regulator':
					return regulatesIncident(p, i);
				case 'processor':
					return p.orgIds.includes(i.orgId);
				case 'agency':
					return p.agencyId !== null && i.agencies.includes(p.agencyId);
				case 'admin':
					return false;
			}
	}
}

/** Facts a room join may need beyond the principal (loaded by the caller). */
export interface JoinFacts {
	/** For `incident:<id>`: the incident, or null when there is none. */
	incident?: IncidentFacts | null;
}

/** Whether `p` may receive the events of `room` (already parsed and known to exist). */
export function mayJoin(p: Principal, room: ParsedRoom, facts: JoinFacts = {}): boolean {
	if (p.kind === 'anonymous') return false;
	if (p.kind === 'display') {
		if (room.kind === 'national') return p.region === 'national';
		if (room.kind === 'region') return p.region === 'national' || p.region === room.code;
		return false;
	}
	if (room.kind === 'audit') return p.role === 'admin';
	if (p.role === 'ministry') return true;
	switch (room.kind) {
		case 'regulator':
			return is(p, 'regulator') && p.region === room.code && p.sector === room.sector;
		case 'org':
			return is(p, 'processor') && p.orgIds.includes(room.id);
		case 'agency':
			return is(p, 'agency') && p.agencyId === room.id;
		case 'standby':
			return is(p, 'agency') && p.agencyRegions.includes(room.code);
		case 'incident':
			return (
				is(p, 'regulator', 'processor', 'agency') &&
				!!facts.incident &&
				canSeeIncident(p, facts.incident)
			);
		default:
			return false;
	}
}

/** The room a principal's live views follow by default (the home page, its wall). */
export function homeRoom(p: Principal): Room | null {
	if (p.kind === 'display') return p.region === 'national' ? ROOM_NATIONAL : regionRoom(p.region);
	if (p.kind !== 'user') return null;
	switch (p.role) {
		case 'ministry':
			return ROOM_NATIONAL;
		case 'regulator':
			return p.region && p.sector ? regulatorRoom(p.region, p.sector) : null;
		case 'processor':
			return p.orgId ? orgRoom(p.orgId) : null;
		case 'agency':
			return p.agencyId ? agencyRoom(p.agencyId) : null;
		case 'admin':
			return ROOM_AUDIT;
	}
}

export { parseRoom };

/*
 * Pages and endpoints. Every route id under src/routes must have an entry (a route without one
 * answers 403 and the authorization matrix test fails). `allow` sees the route's params.
 */

export type RouteAccess =
	/** Anyone, signed in or not. */
	| { kind: 'public' }
	/** Machine clients with an API token (Authorization: Bearer); the endpoint checks it. */
	| { kind: 'api' }
	| { kind: 'principal'; allow: (p: Principal, params: Record<string, string>) => boolean };

const PUBLIC: RouteAccess = { kind: 'public' };
const API: RouteAccess = { kind: 'api' };
const roles = (...r: UserRole[]): RouteAccess => ({
	kind: 'principal',
	allow: (p) => is(p, ...r)
});
const wall = (region: (params: Record<string, string>) => string): RouteAccess => ({
	kind: 'principal',
	allow: (p, params) => {
		const r = region(params);
		if (r !== 'national' && !isRegionCode(r)) return true; // the page answers 404 itself
		const room = parseRoom(r === 'national' ? ROOM_NATIONAL : regionRoom(r));
		return room !== null && mayJoin(p, room);
	}
});

/*
 * An incident's documents: the people who take part in it (each load then answers 404 unless
 * canSeeIncident holds). The summary form: those who file summaries. The audit package carries
 * the contiguous chain segment, i.e. other incidents' rows too, and review and statistics scope
 * by region only (not sector): those stay with the ministry.
 */
const INCIDENT_READERS = roles('ministry', 'regulator', 'processor', 'agency');
const SUMMARY_WRITERS = roles('ministry', 'regulator', 'processor');
const REPORT_READERS = roles('ministry');

export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
	'/': roles('ministry', 'regulator', 'processor', 'agency', 'admin'),
	// The on-duty console: the ministry and regulators (each load narrows to its scope).
	'/ops': roles('ministry', 'regulator'),
	'/ops/incident/[id]': roles('ministry', 'regulator'),
	// A support agency's own assignments; a processor's report form (intake).
	'/agency': roles('agency'),
	'/report': roles('processor'),
	'/incidents/[id]/report': INCIDENT_READERS,
	'/incidents/[id]/report.docx': INCIDENT_READERS,
	'/incidents/[id]/summary': SUMMARY_WRITERS,
	'/incidents/[id]/audit.zip': REPORT_READERS,
	'/review': REPORT_READERS,
	'/stats': REPORT_READERS,
	'/stats.csv': REPORT_READERS,
	'/healthz': PUBLIC,
	'/login': PUBLIC,
	'/logout': PUBLIC,
	'/pair': PUBLIC,
	'/pair/[code]': PUBLIC,
	'/revoked': PUBLIC,
	'/wall/national': wall(() => 'national'),
	'/wall/[region]': wall((params) => params.region ?? ''),
	'/admin': roles('admin'),
	'/admin/users': roles('admin'),
	'/admin/displays': roles('admin'),
	'/admin/tokens': roles('admin'),
	'/admin/calendar': roles('admin')
};

export type RouteDecision =
	| { ok: true }
	/** Not signed in (or the credential ended): go and sign in. */
	| { ok: false; status: 401 }
	/** Signed in but not allowed, or a route without a policy entry. */
	| { ok: false; status: 403 };

/** Whether `p` may open route `routeId` (SvelteKit's `event.route.id`) with these params. */
export function decideRoute(
	p: Principal,
	routeId: string,
	params: Record<string, string>
): RouteDecision {
	const access = ROUTE_ACCESS[routeId] ?? (routeId.startsWith(API_PREFIX) ? API : undefined);
	if (!access) return { ok: false, status: 403 };
	if (access.kind === 'public' || access.kind === 'api') return { ok: true };
	if (access.allow(p, params)) return { ok: true };
	return p.kind === 'anonymous' ? { ok: false, status: 401 } : { ok: false, status: 403 };
}

/** Every route under /api/ is the token-authenticated processor API (src/lib/server/api). */
export const API_PREFIX = '/api/';
