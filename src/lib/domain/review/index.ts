import { applyEvents, emptyPicture, type Picture } from '../picture';
import type { WireEvent } from '../../shared/socket';

/**
 * The review screen's time travel: the picture at instant T is the fold of the log prefix
 * known at T, with the same reducers as the wall. Two clocks:
 * - 'recorded' ("as we knew it"): rows recorded at or before T, in seq order: exactly what a
 *   wall showed at T;
 * - 'occurred' ("as it happened"): rows whose occurred_at is at or before T, including facts
 *   learned later (a backdated report); still applied in seq order, so each stream folds in
 *   its own order.
 */
export type TimeMode = 'recorded' | 'occurred';
export const TIME_MODES: readonly TimeMode[] = ['recorded', 'occurred'];

export const SPEEDS = [1, 10, 60, 600, 3600] as const;
export type Speed = (typeof SPEEDS)[number];

export const eventTime = (e: WireEvent, mode: TimeMode): number =>
	Date.parse(mode === 'recorded' ? e.recordedAt : e.occurredAt);

/** Rows (in seq order) that belong to the prefix at `t`. */
export function prefixAt(events: readonly WireEvent[], t: number, mode: TimeMode): WireEvent[] {
	return events.filter((e) => eventTime(e, mode) <= t);
}

/** A deep copy of a picture (pictures are JSON data). */
export const clonePicture = (p: Picture): Picture => structuredClone(p);

const EMPTY_STATUSES = new Set(['none', 'not_issued']);
const SLOTS = ['incidents', 'warnings', 'agencies', 'watches', 'drills', 'calendars'] as const;

/**
 * Drops slots still in their initial state. A room's fold can hold them (an assignment of an
 * agency registered outside the room: `applyEvents` keeps `{ status: 'none' }` for it) while the
 * projection snapshot of the same room has no entry: they carry nothing, and dropping them makes
 * a replayed picture compare equal to a freshly loaded one. Mutates and returns `picture`.
 */
export function prune(picture: Picture): Picture {
	for (const slot of SLOTS) {
		const entries = picture[slot] as Record<string, { status?: unknown }>;
		for (const [id, state] of Object.entries(entries))
			if (typeof state.status === 'string' && EMPTY_STATUSES.has(state.status)) delete entries[id];
	}
	return picture;
}

/**
 * The picture at `t`: `base` (the state before the window) plus the window's rows of the
 * prefix. `base` is not changed. `seq` is the last row applied (or base's).
 */
export function pictureAt(
	base: Picture,
	events: readonly WireEvent[],
	t: number,
	mode: TimeMode
): Picture {
	return prune(applyEvents(clonePicture(base), prefixAt(events, t, mode)));
}

/** The picture of a whole log prefix (no base): the replay-equivalence reference. */
export function foldPrefix(events: readonly WireEvent[], t: number, mode: TimeMode): Picture {
	return pictureAt(emptyPicture(), events, t, mode);
}

/** Instants of the rows, ascending, without duplicates (the scrubber's stops). */
export function stops(events: readonly WireEvent[], mode: TimeMode): number[] {
	return [...new Set(events.map((e) => eventTime(e, mode)))].sort((a, b) => a - b);
}

/** The first stop after `t` (step to the next event), or undefined at the end. */
export function nextStop(sorted: readonly number[], t: number): number | undefined {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid]! <= t) lo = mid + 1;
		else hi = mid;
	}
	return sorted[lo];
}

/** The last stop before `t`, or undefined at the start. */
export function prevStop(sorted: readonly number[], t: number): number | undefined {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid]! < t) lo = mid + 1;
		else hi = mid;
	}
	return lo > 0 ? sorted[lo - 1] : undefined;
}

/**
 * Playback: from `t`, after `elapsedMs` of wall time at `speed`, bounded by `end`. Pure, so the
 * page's timer only multiplies.
 */
export function advanceTime(t: number, elapsedMs: number, speed: number, end: number): number {
	return Math.min(end, t + elapsedMs * speed);
}

export interface EventFilter {
	types?: readonly string[];
	/** Substring of the actor or of the payload's `by`. */
	actor?: string;
	/** Substring of the stream id (an incident id, a warning id). */
	stream?: string;
}

export function filterEvents(events: readonly WireEvent[], f: EventFilter): WireEvent[] {
	const actor = f.actor?.trim().toLowerCase();
	const stream = f.stream?.trim().toLowerCase();
	return events.filter((e) => {
		if (f.types && f.types.length > 0 && !f.types.includes(e.type)) return false;
		if (actor) {
			const by = typeof e.payload.by === 'string' ? e.payload.by : '';
			if (!e.actor.toLowerCase().includes(actor) && !by.toLowerCase().includes(actor)) return false;
		}
		if (stream && !e.streamId.toLowerCase().includes(stream)) return false;
		return true;
	});
}

/** The reason, note or level of a row, for the event list. */
export function reasonOf(e: WireEvent): string {
	const p = e.payload;
	for (const k of ['reason', 'note', 'measures', 'title', 'text'])
		if (typeof p[k] === 'string' && p[k] !== '') return p[k];
	for (const k of ['level', 'to', 'colour', 'channel']) if (typeof p[k] === 'string') return p[k];
	return '';
}
