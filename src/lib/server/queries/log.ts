import { env } from '../config/env';
import { getEventStore } from '../events/app';
import { getDatabase } from '../db';
import type { Room, WireEvent } from '../../shared/socket';
import { recentRoomEvents } from './room-log';

/** The latest `limit` events of a room, newest first, and the log position they are as of. */
export async function recentEvents(
	room: Room,
	limit: number
): Promise<{ seq: number; events: WireEvent[] }> {
	const store = await getEventStore();
	const seq = await store.headSeq();
	return { seq, events: await recentRoomEvents(room, seq, limit) };
}

export interface Health {
	ok: boolean;
	db: 'pglite' | 'postgres';
	lastSeq: number | null;
	uptimeS: number;
	error?: string;
}

/** Database reachability (bounded wait), last seq and uptime, for GET /healthz. */
export async function health(timeoutMs = 2000): Promise<Health> {
	const kind = env().DATABASE_URL ? 'postgres' : 'pglite';
	const uptimeS = Math.round(process.uptime());
	let timer: NodeJS.Timeout | undefined;
	try {
		const probe = (async () => {
			const database = await getDatabase();
			await database.ping();
			return (await getEventStore()).headSeq();
		})();
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`database did not answer within ${timeoutMs} ms`)),
				timeoutMs
			);
		});
		const lastSeq = await Promise.race([probe, timeout]);
		return { ok: true, db: kind, lastSeq, uptimeS };
	} catch (err) {
		return {
			ok: false,
			db: kind,
			lastSeq: null,
			uptimeS,
			error: err instanceof Error ? err.message : String(err)
		};
	} finally {
		clearTimeout(timer);
	}
}
