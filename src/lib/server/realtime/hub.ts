import type { Server } from 'socket.io';
import type {
	ClientToServerEvents,
	EventBatch,
	Room,
	ServerToClientEvents,
	SubscribeAck,
	WireEvent
} from '../../shared/socket';
import type { EventStore, Subscription } from '../events/store';
import type { StoredEvent } from '../events/types';
import { roomsForEvent, roomWhere } from './rooms';

export interface HubOptions {
	/** Minimum spacing of batches to one room: bursts coalesce into one message. Default 50 ms. */
	batchMs?: number;
	/** Empty batches to every occupied room, carrying the position and server time. Default 5 s. */
	heartbeatMs?: number;
	/** Recent events kept in memory for catch-ups. Default 50,000. */
	ringSize?: number;
	/** Events a catch-up replays at most before asking for a snapshot instead. Default 20,000. */
	maxCatchUp?: number;
	/** Safety-net poll of the log. Default 2 s. */
	pollMs?: number;
	onError?: (err: unknown) => void;
}

type IO = Server<ClientToServerEvents, ServerToClientEvents>;

export function toWire(e: StoredEvent): WireEvent {
	return {
		seq: e.seq,
		streamId: e.streamId,
		streamVersion: e.streamVersion,
		type: e.type,
		payload: e.payload,
		actor: e.actor,
		region: e.region,
		regions: e.regions,
		drill: e.drill,
		occurredAt: e.occurredAt.toISOString(),
		recordedAt: e.recordedAt.toISOString()
	};
}

/**
 * One reader of the log per process, fanning out to rooms. Every node reads the log itself,
 * so batches go to this node's sockets only (`io.local`): no cross-node event traffic.
 */
export class Hub {
	/** Last seq read from the log. */
	position = 0;
	/** Recent events with the rooms each was delivered to. */
	private ring: { wire: WireEvent; rooms: readonly Room[] }[] = [];
	/** The ring holds every event with seq in (ringFloor, position]. */
	private ringFloor = 0;
	private readonly pending = new Map<Room, WireEvent[]>();
	/** seq of the last batch sent to each room. */
	private readonly cursor = new Map<Room, number>();
	private flushTimer: NodeJS.Timeout | undefined;
	private heartbeat: NodeJS.Timeout | undefined;
	/** When each room was last sent a batch: rooms are paced independently. */
	private readonly lastSent = new Map<Room, number>();
	private subscription: Subscription | undefined;
	private readonly opts: Required<HubOptions>;
	/** Messages emitted (one per room batch), for metrics and benchmarks. */
	batchesSent = 0;

	constructor(
		private readonly io: IO,
		private readonly store: EventStore,
		options: HubOptions = {}
	) {
		this.opts = {
			batchMs: 50,
			heartbeatMs: 5000,
			ringSize: 50_000,
			maxCatchUp: 20_000,
			pollMs: 2000,
			onError: () => {},
			...options
		};
	}

	async start(): Promise<void> {
		const head = await this.store.headSeq();
		const warm = await this.store.read(Math.max(0, head - this.opts.ringSize), this.opts.ringSize);
		this.ring = warm.map((e) => ({ wire: toWire(e), rooms: roomsForEvent(e) }));
		this.ringFloor = warm.length > 0 ? warm[0]!.seq - 1 : head;
		this.position = warm.at(-1)?.seq ?? head;
		this.subscription = this.store.subscribe(this.position, (page) => this.ingest(page), {
			pollMs: this.opts.pollMs,
			onError: this.opts.onError
		});
		this.heartbeat = setInterval(() => this.beat(), this.opts.heartbeatMs);
	}

	stop(): void {
		this.subscription?.close();
		clearInterval(this.heartbeat);
		clearTimeout(this.flushTimer);
	}

	private ingest(page: StoredEvent[]): void {
		for (const e of page) {
			const wire = toWire(e);
			const rooms = roomsForEvent(e);
			this.ring.push({ wire, rooms });
			for (const room of rooms) {
				let list = this.pending.get(room);
				if (!list) this.pending.set(room, (list = []));
				list.push(wire);
			}
			this.position = e.seq;
		}
		if (this.ring.length > this.opts.ringSize * 1.2) {
			const drop = this.ring.length - this.opts.ringSize;
			this.ringFloor = this.ring[drop - 1]!.wire.seq;
			this.ring = this.ring.slice(drop);
		}
		this.scheduleFlush();
	}

	/**
	 * Pacing is per room: a room that has not been sent anything for `batchMs` gets its events
	 * at once; a busy room (national under load) gets one batch every `batchMs`. So a quiet
	 * province's wall is not held back by the national room's traffic.
	 */
	private scheduleFlush(): void {
		if (this.flushTimer || this.pending.size === 0) return;
		const now = Date.now();
		let wait = this.opts.batchMs;
		for (const room of this.pending.keys())
			wait = Math.min(wait, Math.max(0, (this.lastSent.get(room) ?? 0) + this.opts.batchMs - now));
		this.flushTimer = setTimeout(() => {
			this.flushTimer = undefined;
			this.flush();
		}, wait);
	}

	private flush(): void {
		const now = Date.now();
		const rooms = this.io.of('/').adapter.rooms;
		for (const [room, events] of this.pending) {
			if (now - (this.lastSent.get(room) ?? 0) < this.opts.batchMs) continue;
			this.pending.delete(room);
			// Nobody listening: the next joiner catches up from the ring instead.
			if (rooms.has(room)) {
				this.send(room, events);
				this.lastSent.set(room, now);
			} else {
				this.cursor.set(room, this.position);
				this.lastSent.delete(room);
			}
		}
		this.scheduleFlush();
	}

	private beat(): void {
		for (const room of this.io.of('/').adapter.rooms.keys()) {
			// Socket ids are rooms too; only named rooms get heartbeats.
			if (this.io.of('/').sockets.has(room)) continue;
			if (!this.pending.has(room)) this.send(room, []);
		}
	}

	private send(room: Room, events: WireEvent[]): void {
		const batch: EventBatch = {
			room,
			prevSeq: this.cursor.get(room) ?? this.ringFloor,
			seq: this.position,
			serverTime: new Date().toISOString(),
			events
		};
		this.cursor.set(room, this.position);
		this.io.local.to(room).emit('events', batch);
		this.batchesSent += 1;
	}

	/**
	 * Everything in `room` after `since` up to the current position. Old history comes from the
	 * database; the tail from the ring, synchronously, so that the caller can join the room in
	 * the same tick and miss nothing in between.
	 */
	async catchUp(room: Room, since: number): Promise<() => SubscribeAck> {
		const where = roomWhere(room);
		let fromDb: WireEvent[] = [];
		let upTo = since;
		if (since > this.position) {
			// The client knows a log this server does not (a restored database): start over.
			return () => this.snapshotAck(room);
		}
		if (since < this.ringFloor) {
			const target = this.ringFloor;
			const rows = await this.store.readRange(since, target, where, this.opts.maxCatchUp + 1);
			if (rows.length > this.opts.maxCatchUp) return () => this.snapshotAck(room);
			fromDb = rows.map(toWire);
			upTo = target;
		}
		return () => {
			// The ring moved past what the database read covered (a huge burst): start over.
			if (this.ringFloor > upTo) return this.snapshotAck(room);
			const tail = this.ring
				.filter((e) => e.wire.seq > upTo && e.rooms.includes(room))
				.map((e) => e.wire);
			const events = fromDb.concat(tail);
			if (events.length > this.opts.maxCatchUp) return this.snapshotAck(room);
			return {
				ok: true,
				snapshot: false,
				batch: {
					room,
					prevSeq: since,
					seq: this.position,
					serverTime: new Date().toISOString(),
					events
				}
			};
		};
	}

	private snapshotAck(room: Room): SubscribeAck {
		return {
			ok: true,
			snapshot: true,
			batch: {
				room,
				prevSeq: this.position,
				seq: this.position,
				serverTime: new Date().toISOString(),
				events: []
			}
		};
	}
}
