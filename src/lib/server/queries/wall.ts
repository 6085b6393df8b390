import type { Picture } from '../../domain/picture';
import { regionRoom, ROOM_NATIONAL, type Room, type WireEvent } from '../../shared/socket';
import { pictureFor } from './picture';
import { recentRoomEvents } from './room-log';

export interface WallData {
	/** 'national' or the region code. */
	region: string;
	room: Room;
	/** The room's command picture: the wall's first paint and the socket's starting point. */
	picture: Picture;
	/** The room's latest events up to `picture.seq`, newest first (the ticker). */
	events: WireEvent[];
	/** Server clock when rendered (ISO): first paint and the client's first tick agree. */
	now: string;
}

/** How many events the ticker keeps. */
export const TICKER_SIZE = 40;

export async function wallData(region: string): Promise<WallData> {
	const room = region === 'national' ? ROOM_NATIONAL : regionRoom(region);
	const picture = await pictureFor(room);
	const events = await recentRoomEvents(room, picture.seq, TICKER_SIZE);
	return { region, room, picture, events, now: new Date().toISOString() };
}
