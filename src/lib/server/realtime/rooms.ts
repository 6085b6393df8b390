import { and, arrayContains, arrayOverlaps, eq, like, not, or, sql, type SQL } from 'drizzle-orm';
import { isAuditStream } from '../../domain/audit/events';
import { SECTORS } from '../../domain/levels';
import { provinceOf, REGIONS } from '../../domain/regions';
import {
	agencyRoom,
	incidentRoom,
	orgRoom,
	parseRoom,
	regionRoom,
	regulatorRoom,
	ROOM_AUDIT,
	ROOM_NATIONAL,
	standbyRoom,
	type Room
} from '../../shared/socket';
import { events } from '../db/schema';
import type { StoredEvent } from '../events/types';

/** What routing reads of an event (a bare `{ regions }` routes like a region-only event). */
type Routed = Pick<StoredEvent, 'regions'> &
	Partial<Pick<StoredEvent, 'streamId' | 'sectors' | 'orgIds' | 'payload'>>;

/**
 * Rooms an event is delivered to. This function and `roomWhere` (the same rule as SQL, for
 * catch-ups and first paints) are the whole routing; a test keeps them in agreement.
 * - audit events: the `audit` room only;
 * - `national`: everything else;
 * - `region:<code>` (walls): the event's regions and, for a 计划单列市 or XPCC, its province;
 * - `region:<code>:<sector>` (regulators): each of its regions × each of its sectors (no sectors =
 *   every sector), without the province step: a 计划单列市's industrial incidents belong to the
 *   city's regulator, its telecom ones already name the province as their regulator region;
 * - `org:<id>`: the processor organisations the event concerns;
 * - `agency:<id>`: the agency's own stream; `incident:<id>`: the incident's stream and the
 *   assignments made to it; `standby:<code>`: warnings over the region (as region rooms).
 */
export function roomsForEvent(event: Routed): Room[] {
	const streamId = event.streamId ?? '';
	if (isAuditStream(streamId)) return [ROOM_AUDIT];
	const rooms = new Set<Room>([ROOM_NATIONAL]);
	const sectors = event.sectors?.length ? event.sectors : SECTORS;
	const warning = streamId.startsWith('warning-');
	for (const region of event.regions) {
		rooms.add(regionRoom(region));
		if (warning) rooms.add(standbyRoom(region));
		const province = provinceOf(region);
		if (province && province !== region) {
			rooms.add(regionRoom(province));
			if (warning) rooms.add(standbyRoom(province));
		}
		for (const sector of sectors) rooms.add(regulatorRoom(region, sector));
	}
	for (const org of event.orgIds ?? []) rooms.add(orgRoom(org));
	if (streamId.startsWith('agency-')) {
		rooms.add(agencyRoom(streamId.slice('agency-'.length)));
		const incidentId = event.payload?.incidentId;
		if (typeof incidentId === 'string') rooms.add(incidentRoom(incidentId));
	}
	if (streamId.startsWith('incident-')) rooms.add(incidentRoom(streamId.slice('incident-'.length)));
	return [...rooms];
}

/** Region codes a wall room covers: the region and its 计划单列市 / XPCC. */
function withChildren(code: string): string[] {
	return [code, ...REGIONS.filter((r) => r.parent === code).map((r) => r.code)];
}

/** Region codes whose events a wall room receives; null = every event (national). */
export function regionsOfRoom(room: Room): string[] | null {
	const parsed = parseRoom(room);
	if (!parsed) throw new Error(`unknown room ${room}`);
	if (parsed.kind === 'national') return null;
	if (parsed.kind === 'region' || parsed.kind === 'standby') return withChildren(parsed.code);
	throw new Error(`${room} is not a wall room`);
}

const notAudit = not(like(events.streamId, 'audit-%'));

/** `roomsForEvent(e).includes(room)` as a WHERE clause over `events`. */
export function roomWhere(room: Room): SQL | undefined {
	const parsed = parseRoom(room);
	if (!parsed) throw new Error(`unknown room ${room}`);
	switch (parsed.kind) {
		case 'national':
			return notAudit;
		case 'audit':
			return like(events.streamId, 'audit-%');
		case 'region':
			return and(notAudit, arrayOverlaps(events.regions, withChildren(parsed.code)));
		case 'standby':
			return and(
				like(events.streamId, 'warning-%'),
				arrayOverlaps(events.regions, withChildren(parsed.code))
			);
		case 'regulator':
			return and(
				notAudit,
				arrayContains(events.regions, [parsed.code]),
				or(sql`cardinality(${events.sectors}) = 0`, arrayContains(events.sectors, [parsed.sector]))
			);
		case 'org':
			return and(notAudit, arrayContains(events.orgIds, [parsed.id]));
		case 'agency':
			return eq(events.streamId, `agency-${parsed.id}`);
		case 'incident':
			return or(
				eq(events.streamId, `incident-${parsed.id}`),
				and(like(events.streamId, 'agency-%'), sql`${events.payload}->>'incidentId' = ${parsed.id}`)
			);
	}
}
