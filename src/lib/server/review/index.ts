import { z } from 'zod';
import { applyEvents, emptyPicture, type Picture } from '../../domain/picture';
import { isRegionCode } from '../../domain/regions';
import { eventTime, prune, TIME_MODES, type TimeMode } from '../../domain/review';
import { regionRoom, ROOM_NATIONAL, type Room, type WireEvent } from '../../shared/socket';
import { getEventStore } from '../events/app';
import type { StoredEvent } from '../events/types';
import { roomsForEvent } from '../realtime/rooms';
import { toWire } from '../realtime/hub';
import { covers, type Requester } from '../reports/access';

/** Rows of one window sent to the browser at most (the page says when it cut). */
export const WINDOW_LIMIT = 20_000;
const PAGE = 5000;
const HOUR = 3_600_000;

/** An ISO instant; without an offset (a datetime-local field) it is China time. */
const instant = z
	.string()
	.regex(
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/,
		'ISO date-time'
	)
	.transform((s) => (/(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}+08:00`))
	.refine((s) => !Number.isNaN(Date.parse(s)), 'invalid date-time')
	.transform((s) => new Date(s).toISOString());

/** `/review` query parameters and their defaults (window: the last 24 h; T: the window's end). */
export const reviewQuerySchema = z
	.object({
		/** 'national' (default) or a region code. */
		region: z
			.string()
			.refine((r) => r === 'national' || isRegionCode(r), 'unknown region code')
			.default('national'),
		from: instant.optional(),
		to: instant.optional(),
		t: instant.optional(),
		mode: z.enum(TIME_MODES).default('recorded')
	})
	.refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from after to', path: ['to'] });
export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

export interface ReviewData {
	region: string;
	room: Room;
	from: string;
	to: string;
	t: string;
	mode: TimeMode;
	/** The room's picture before the window (rows up to `base.seq`). */
	base: Picture;
	/** The room's rows after `base.seq` recorded up to `to`, in seq order. */
	events: WireEvent[];
	truncated: boolean;
}

export const roomOf = (region: string): Room =>
	region === 'national' ? ROOM_NATIONAL : regionRoom(region);

/** Scope check: the national review needs national scope; a region's, a scope covering it. */
export function mayReview(requester: Requester, region: string): boolean {
	if (region === 'national') return 'national' in requester.scope;
	return covers(requester.scope, [region]);
}

/** Every row in seq order, page by page. */
async function* allRows(): AsyncGenerator<StoredEvent[]> {
	const store = await getEventStore();
	let after = 0;
	for (;;) {
		const page = await store.read(after, PAGE);
		if (page.length === 0) return;
		yield page;
		after = page.at(-1)!.seq;
	}
}

/**
 * The review window of a room: the picture before `from` and the rows after it, so the browser
 * can fold any T in the window itself. Null when the requester's scope does not cover the room.
 */
export async function reviewData(
	requester: Requester,
	query: ReviewQuery,
	now = new Date()
): Promise<ReviewData | null> {
	if (!mayReview(requester, query.region)) return null;
	const room = roomOf(query.region);
	const to = query.to ?? now.toISOString();
	const from = query.from ?? new Date(Date.parse(to) - 24 * HOUR).toISOString();
	const fromMs = Date.parse(from);
	const toMs = Date.parse(to);
	const t = query.t && Date.parse(query.t) >= fromMs && Date.parse(query.t) <= toMs ? query.t : to;

	const base = emptyPicture();
	const events: WireEvent[] = [];
	let truncated = false;
	let inWindow = false;
	scan: for await (const page of allRows()) {
		for (const row of page) {
			const recorded = row.recordedAt.getTime();
			if (!inWindow && recorded >= fromMs) inWindow = true;
			if (inWindow && recorded > toMs) break scan;
			if (!roomsForEvent(row).includes(room)) continue;
			if (!inWindow) applyEvents(base, [toWire(row)]);
			else if (events.length < WINDOW_LIMIT) events.push(toWire(row));
			else truncated = true;
		}
	}
	return {
		region: query.region,
		room,
		from,
		to,
		t,
		mode: query.mode,
		base: prune(base),
		events,
		truncated
	};
}

/**
 * The room's picture at `t` folded from the log prefix, stamped with the log position at `t`
 * (the last row recorded by then, whatever its room): what the room's wall held at `t` when
 * mode is 'recorded'. The replay-equivalence test compares it with live pictures.
 */
export async function pictureAt(
	requester: Requester,
	region: string,
	t: Date,
	mode: TimeMode = 'recorded'
): Promise<Picture | null> {
	if (!mayReview(requester, region)) return null;
	const room = roomOf(region);
	const picture = emptyPicture();
	let position = 0;
	const tMs = t.getTime();
	for await (const page of allRows()) {
		const wire = page.map(toWire);
		for (const [i, row] of page.entries()) {
			if (row.recordedAt.getTime() <= tMs) position = row.seq;
			if (eventTime(wire[i]!, mode) > tMs) continue;
			if (roomsForEvent(row).includes(room)) applyEvents(picture, [wire[i]!]);
		}
	}
	picture.seq = position;
	return prune(picture);
}
