import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	EventBatch,
	Room,
	ServerToClientEvents,
	SubscribeAck,
	WireEvent
} from '$lib/shared/socket';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'stale';

export interface LogConnectionOptions {
	room: Room;
	/** Last seq the page's server-rendered state already includes. */
	since: number;
	/** New events, in seq order, each exactly once. */
	onEvents: (events: WireEvent[]) => void;
	/** The server asks for a full reload of state (client far behind, or log restored). */
	onSnapshot?: (seq: number) => void;
	/** Disconnected this long → "stale". Default 15 s. */
	staleAfterMs?: number;
	/** Socket.IO URL; default: this page's origin. */
	url?: string;
	/**
	 * The session or display credential ended (signed out elsewhere, expired, disabled,
	 * revoked). Default: reload the page, whose server then shows the sign-in or "revoked" page.
	 */
	onAccessLost?: (reason: string) => void;
}

/**
 * A live view of the log for one room: catches up from the last applied seq after every
 * (re)connect, drops duplicates, detects gaps and re-subscribes, and says how stale it is.
 */
export class LogConnection {
	status = $state<ConnectionStatus>('connecting');
	lastSeq = $state(0);
	/** When the server was last heard from (epoch ms; any batch, including heartbeats). */
	lastContact = $state<number | null>(null);
	/** Server clock minus local clock, ms (walls show server-corrected time). */
	serverOffsetMs = $state(0);
	duplicatesDropped = $state(0);
	gapsDetected = $state(0);

	private socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
	private subscribing = false;
	private accessLost = false;
	private buffered: EventBatch[] = [];
	private staleTimer: ReturnType<typeof setTimeout> | undefined;
	private readonly options: LogConnectionOptions;

	constructor(options: LogConnectionOptions) {
		this.options = options;
		this.lastSeq = options.since;
	}

	connect(): void {
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.options.url ?? '', {
			reconnectionDelay: 500,
			reconnectionDelayMax: 10_000,
			randomizationFactor: 0.5
		});
		this.socket = socket;
		socket.on('connect', () => this.subscribe());
		socket.on('disconnect', (reason) => {
			this.lost();
			// After a server-side disconnect Socket.IO does not retry by itself; a wall must.
			if (reason === 'io server disconnect' && !this.accessLost)
				setTimeout(() => socket.connect(), 2000);
		});
		socket.io.on('reconnect_attempt', () => {
			if (this.status === 'connected') this.lost();
		});
		const accessLost = (reason: string) => {
			if (this.accessLost) return;
			this.accessLost = true;
			socket.disconnect();
			(this.options.onAccessLost ?? (() => location.reload()))(reason);
		};
		socket.on('access', (info) => accessLost(info.reason));
		socket.on('connect_error', (err) => {
			if (err.message === 'unauthorized' || err.message === 'revoked') accessLost(err.message);
		});
		socket.on('events', (batch) => {
			if (this.subscribing) this.buffered.push(batch);
			else this.apply(batch);
		});
	}

	close(): void {
		clearTimeout(this.staleTimer);
		this.socket?.disconnect();
		this.socket = undefined;
	}

	private lost(): void {
		if (this.status === 'stale') return;
		this.status = 'reconnecting';
		clearTimeout(this.staleTimer);
		this.staleTimer = setTimeout(() => {
			if (this.status === 'reconnecting') this.status = 'stale';
		}, this.options.staleAfterMs ?? 15_000);
	}

	private subscribe(): void {
		const socket = this.socket;
		if (!socket || this.subscribing) return;
		this.subscribing = true;
		socket.emit(
			'subscribe',
			{ room: this.options.room, since: this.lastSeq },
			(ack: SubscribeAck) => {
				this.subscribing = false;
				if (!ack.ok) {
					console.error(`subscribe ${this.options.room} refused: ${ack.error.message}`);
					this.status = 'reconnecting';
					return;
				}
				clearTimeout(this.staleTimer);
				this.status = 'connected';
				if (ack.snapshot) {
					this.lastSeq = ack.batch.seq;
					this.options.onSnapshot?.(ack.batch.seq);
				} else {
					this.apply(ack.batch);
				}
				const queued = this.buffered;
				this.buffered = [];
				for (const b of queued) this.apply(b);
			}
		);
	}

	private apply(batch: EventBatch): void {
		if (batch.room !== this.options.room) return;
		this.lastContact = Date.now();
		this.serverOffsetMs = Date.parse(batch.serverTime) - Date.now();
		if (batch.prevSeq > this.lastSeq) {
			// A batch went missing (e.g. lost during a reconnect): ask again from what we have.
			this.gapsDetected += 1;
			this.subscribe();
			this.buffered.push(batch);
			return;
		}
		const fresh = batch.events.filter((e) => e.seq > this.lastSeq);
		this.duplicatesDropped += batch.events.length - fresh.length;
		if (batch.seq > this.lastSeq) this.lastSeq = batch.seq;
		if (fresh.length > 0) this.options.onEvents(fresh);
	}
}
