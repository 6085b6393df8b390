import { provinceOf, REGIONS } from '../../domain/regions';
import { parseRoom, regionRoom, ROOM_NATIONAL, type Room } from '../../shared/socket';
import type { StoredEvent } from '../events/types';

/**
 * Rooms an event is delivered to: the national room, its region's room and, for a
 * 计划单列市 or XPCC, its province's room (a provincial wall shows its cities).
 */
export function roomsForEvent(event: Pick<StoredEvent, 'regions'>): Room[] {
	const rooms = new Set<Room>([ROOM_NATIONAL]);
	for (const region of event.regions) {
		rooms.add(regionRoom(region));
		const province = provinceOf(region);
		if (province && province !== region) rooms.add(regionRoom(province));
	}
	return [...rooms];
}

/** Region codes whose events a room receives; null = every event (national). */
export function regionsOfRoom(room: Room): string[] | null {
	const parsed = parseRoom(room);
	if (!parsed) throw new Error(`unknown room ${room}`);
	if (parsed.kind === 'national') return null;
	return [parsed.code, ...REGIONS.filter((r) => r.parent === parsed.code).map((r) => r.code)];
}
