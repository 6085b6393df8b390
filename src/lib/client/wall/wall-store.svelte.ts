import { advance, applyEvents, type Picture } from '$lib/domain/picture';
import type { Room, WireEvent } from '$lib/shared/socket';
import { LogConnection } from '../log-connection.svelte';
import { contentDigest } from './digest';
import { isoAt } from './format';

export interface WallInit {
	room: Room;
	picture: Picture;
	events: WireEvent[];
	now: string;
}

/** Events the ticker keeps. */
const KEEP = 60;
/** Minimum time between two redraws of the views (the clock still ticks every second). */
const REDRAW_GAP_MS = 250;

/**
 * The wall's live state: the server-rendered picture kept current with the room's events (the
 * same `applyEvents` the server folds with), a server-corrected clock ticking every second, and
 * redraws coalesced to one per animation frame however fast events arrive.
 */
export class WallStore {
	/** Mutated in place by applyEvents (a deep proxy would cost more than the fold itself). */
	readonly picture: Picture;
	/** Bumped once per animation frame after the picture changed: what views depend on. */
	version = $state(0);
	events = $state.raw<WireEvent[]>([]);
	/** Server-corrected now (ISO), ticking every second. */
	now = $state('');
	conn = $state<LogConnection | undefined>();
	/** Content digest and position of the picture as last drawn (for tests and diagnostics). */
	digest = $state('');
	seq = $state(0);

	private frame = 0;
	private pending: ReturnType<typeof setTimeout> | undefined;
	private lastRedraw = 0;
	private timer: ReturnType<typeof setInterval> | undefined;
	private readonly room: Room;

	constructor(init: WallInit) {
		this.room = init.room;
		// A private copy: SvelteKit's page data must stay as the server sent it.
		this.picture = structuredClone(init.picture);
		this.events = init.events;
		this.now = init.now;
		this.digest = contentDigest(this.picture);
		this.seq = this.picture.seq;
	}

	start(): () => void {
		const conn = new LogConnection({
			room: this.room,
			since: this.picture.seq,
			onEvents: (fresh) => {
				applyEvents(this.picture, fresh);
				this.events = [...fresh.toReversed(), ...this.events].slice(0, KEEP);
				this.catchUp();
			},
			// Too far behind to replay: the server's picture is the quickest way back.
			onSnapshot: () => location.reload()
		});
		this.conn = conn;
		conn.connect();
		this.tick();
		this.timer = setInterval(() => this.tick(), 1000);
		return () => {
			clearInterval(this.timer);
			cancelAnimationFrame(this.frame);
			clearTimeout(this.pending);
			conn.close();
		};
	}

	/** Record the connection's position (batches for other rooms advance it too) and redraw. */
	catchUp(): void {
		if (this.conn) advance(this.picture, this.conn.lastSeq);
		this.schedule();
	}

	private tick(): void {
		this.now = isoAt(Date.now() + (this.conn?.serverOffsetMs ?? 0));
	}

	/**
	 * One redraw per animation frame at most, and at most one every REDRAW_GAP_MS: under a burst
	 * of events the views (and the digest) are recomputed a few times a second, not per event.
	 */
	private schedule(): void {
		if (this.frame || this.pending) return;
		const wait = REDRAW_GAP_MS - (performance.now() - this.lastRedraw);
		if (wait > 0) {
			this.pending = setTimeout(() => {
				this.pending = undefined;
				this.schedule();
			}, wait);
			return;
		}
		this.frame = requestAnimationFrame(() => {
			this.frame = 0;
			this.lastRedraw = performance.now();
			this.digest = contentDigest(this.picture);
			this.seq = this.picture.seq;
			this.version++;
		});
	}
}
