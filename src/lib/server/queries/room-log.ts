import { and, desc, lte } from 'drizzle-orm';
import type { Room, WireEvent } from '../../shared/socket';
import { events } from '../db/schema';
import { getEventStore } from '../events/app';
import { toStored } from '../events/store';
import { toWire } from '../realtime/hub';
import { roomWhere } from '../realtime/rooms';

/**
 * The latest `limit` events a room receives with seq ≤ `upTo`, newest first: the wall ticker's
 * first paint. Bounded by the picture's seq so the ticker and the picture describe one log
 * prefix; scoped exactly like the room's live batches (roomsForEvent ↔ roomWhere).
 */
export async function recentRoomEvents(
	room: Room,
	upTo: number,
	limit: number
): Promise<WireEvent[]> {
	const store = await getEventStore();
	const rows = await store.database.db
		.select()
		.from(events)
		.where(and(lte(events.seq, upTo), roomWhere(room)))
		.orderBy(desc(events.seq))
		.limit(limit);
	return rows.map((r) => toWire(toStored(r)));
}
