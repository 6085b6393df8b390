/**
 * The realtime wire contract, used by both `Server<…>` and `Socket<…>`.
 *
 * Every batch carries `seq`: the global log position it brings the room up to, and `prevSeq`:
 * the position the previous batch for that room ended at. A client whose last seq is below
 * `prevSeq` has missed a batch (gap → re-subscribe from its last seq); a batch with
 * `seq` ≤ its last seq is a duplicate. Events inside a batch carry their own `seq`.
 */

/** national · region:<code> · incident:<uuid> · agency:<id> */
export type Room = string;

export interface WireEvent {
	seq: number;
	streamId: string;
	streamVersion: number;
	type: string;
	payload: Record<string, unknown>;
	actor: string;
	region: string | null;
	regions: string[];
	drill: boolean;
	occurredAt: string;
	recordedAt: string;
}

export interface EventBatch {
	room: Room;
	prevSeq: number;
	seq: number;
	/** Server clock when sent (ISO): walls correct their local clocks with it. */
	serverTime: string;
	events: WireEvent[];
}

export interface SubscribeRequest {
	room: Room;
	/** Last seq the client has applied (0 = nothing). */
	since: number;
}

export type SubscribeAck =
	| {
			ok: true;
			/** Catch-up from `since` to the server's position; then live batches follow. */
			batch: EventBatch;
			/**
			 * True when the client was too far behind to replay: `batch.events` is empty and the
			 * client must reload its state over HTTP, then continue from `batch.seq`.
			 */
			snapshot: boolean;
	  }
	| { ok: false; error: { code: string; message: string } };

export interface ServerToClientEvents {
	events: (batch: EventBatch) => void;
}

export interface ClientToServerEvents {
	subscribe: (request: SubscribeRequest, ack: (response: SubscribeAck) => void) => void;
	unsubscribe: (room: Room) => void;
}

export const ROOM_NATIONAL = 'national';
export const regionRoom = (code: string): Room => `region:${code}`;

export function parseRoom(
	room: unknown
): { kind: 'national' } | { kind: 'region'; code: string } | null {
	if (room === ROOM_NATIONAL) return { kind: 'national' };
	if (typeof room === 'string') {
		const m = /^region:(\d{6}|XPCC)$/.exec(room);
		if (m) return { kind: 'region', code: m[1]! };
	}
	return null;
}
