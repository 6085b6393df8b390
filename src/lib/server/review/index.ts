import { and, asc, desc, eq, gt, gte, like, lt, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { applyEvents, emptyPicture, type Picture } from '../../domain/picture';
import { isRegionCode } from '../../domain/regions';
import { eventTime, prune, TIME_MODES, type TimeMode } from '../../domain/review';
import { regionRoom, ROOM_NATIONAL, type Room, type WireEvent } from '../../shared/socket';
import { events as log, pictureSnapshots } from '../db/schema';
import { getEventStore } from '../events/app';
import type { StoredEvent } from '../events/types';
import { roomsForEvent, roomWhere } from '../realtime/rooms';
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

/*
 * Snapshots. The fold of a room writes its picture to `picture_snapshots` at every multiple of
 * SNAPSHOTS.every log positions it passes (and at a window's start), so the next fold starts from
 * the newest snapshot whose rows were all recorded by the instant it needs and reads only the
 * tail. Positions are whole-log seqs (every row ≤ seq considered, whatever its room); the stored
 * picture keeps its own `seq` (the last row of the room applied), so a fold from a snapshot is
 * the same as a fold from seq 0. Recorded mode only: with 'occurred', a row recorded after a
 * snapshot can have occurred before it, so that mode folds the whole log.
 *
 * Cut points use recorded_at being nondecreasing in seq (rows are stamped per group-commit
 * transaction under the append lock), not strictly increasing: equal instants are fine.
 */

export const SNAPSHOTS = {
	/** Log positions between two periodic snapshots of a room. */
	every: 50_000,
	/** A window-start snapshot is written only this many positions past the fold's start. */
	windowMin: 5_000
};

/**
 * Stream kinds whose events change a picture (the reducers of domain/picture, one per slot):
 * a fold reads only these rows of the room; the others (duty logs, audit, accounts, …) only
 * move the picture's position, which is read separately.
 */
export const PICTURE_STREAM_KINDS = [
	'incident',
	'warning',
	'agency',
	'watch',
	'drill',
	'calendar'
] as const;
const pictureStreams = or(...PICTURE_STREAM_KINDS.map((k) => like(log.streamId, `${k}-%`)));

/** The room's last row in (after, upto], if any. */
async function lastRoomRow(where: SQL | undefined, after: number, upto: number) {
	const { db } = (await getEventStore()).database;
	const [row] = await db
		.select({ seq: log.seq })
		.from(log)
		.where(and(gt(log.seq, after), lte(log.seq, upto), where))
		.orderBy(desc(log.seq))
		.limit(1);
	return row?.seq;
}

interface FoldStart {
	/** Every row ≤ position is folded into picture. */
	position: number;
	picture: Picture;
}

/**
 * The seq of the first row recorded after `at` (`strict`) or at/after it (otherwise), or
 * undefined when there is none.
 */
async function firstRecorded(at: Date, strict: boolean): Promise<number | undefined> {
	const store = await getEventStore();
	const [row] = await store.database.db
		.select({ seq: log.seq })
		.from(log)
		.where(strict ? gt(log.recordedAt, at) : gte(log.recordedAt, at))
		.orderBy(asc(log.recordedAt), asc(log.seq))
		.limit(1);
	return row?.seq;
}

/** Position of the last row before the first recorded after (or at) `at`: the head if none. */
async function lastBefore(at: Date, strict: boolean): Promise<number> {
	const first = await firstRecorded(at, strict);
	if (first !== undefined) return first - 1;
	return (await getEventStore()).headSeq();
}

/**
 * The newest snapshot of `room` at or before position `upto` whose rows were all recorded
 * at or before `at` (`strict`: before it); an empty picture at 0 when there is none.
 */
async function snapshotStart(
	room: Room,
	upto: number,
	at: Date,
	strict: boolean
): Promise<FoldStart> {
	const { db } = (await getEventStore()).database;
	const [row] = await db
		.select({ seq: pictureSnapshots.seq, picture: pictureSnapshots.picture })
		.from(pictureSnapshots)
		.where(
			and(
				eq(pictureSnapshots.room, room),
				lte(pictureSnapshots.seq, upto),
				strict ? lt(pictureSnapshots.recordedAt, at) : lte(pictureSnapshots.recordedAt, at)
			)
		)
		.orderBy(desc(pictureSnapshots.seq))
		.limit(1);
	if (!row) return { position: 0, picture: emptyPicture() };
	return { position: row.seq, picture: row.picture as unknown as Picture };
}

/** Writes the room's picture at `position` (a copy, pruned); an existing one is kept. */
async function saveSnapshot(room: Room, position: number, picture: Picture): Promise<void> {
	if (position <= 0) return;
	const { db } = (await getEventStore()).database;
	const [row] = await db
		.select({ recordedAt: log.recordedAt })
		.from(log)
		.where(eq(log.seq, position));
	if (!row) return;
	await db
		.insert(pictureSnapshots)
		.values({
			room,
			seq: position,
			recordedAt: row.recordedAt,
			picture: prune(structuredClone(picture)) as unknown as Record<string, unknown>
		})
		.onConflictDoNothing();
}

/**
 * Folds the room's rows after `start.position` up to `upto` into `start.picture` (mutated and
 * returned), writing a snapshot at every multiple of SNAPSHOTS.every passed.
 */
async function foldRoom(room: Room, start: FoldStart, upto: number): Promise<Picture> {
	const store = await getEventStore();
	const where = roomWhere(room);
	const folded = and(where, pictureStreams);
	const picture = start.picture;
	let after = start.position;
	while (after < upto) {
		const boundary = (Math.floor(after / SNAPSHOTS.every) + 1) * SNAPSHOTS.every;
		const end = Math.min(upto, boundary);
		const chunkStart = after;
		for (;;) {
			const page = await store.readRange(after, end, folded, PAGE);
			applyEvents(picture, page.map(toWire));
			if (page.length < PAGE) break;
			after = page.at(-1)!.seq;
		}
		// The position a fold of every room row would have (applyEvents sets it on any row).
		const last = await lastRoomRow(where, chunkStart, end);
		if (last !== undefined && last > picture.seq) picture.seq = last;
		after = end;
		if (end === boundary) await saveSnapshot(room, end, picture);
	}
	return picture;
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

	const store = await getEventStore();
	// The window is the rows from the first recorded at or after `from` to the last before the
	// first recorded after `to`; the base, every row before it.
	const baseEnd = await lastBefore(new Date(from), false);
	const windowEnd = Math.max(baseEnd, await lastBefore(new Date(to), true));
	const start = await snapshotStart(room, baseEnd, new Date(from), true);
	const started = start.position;
	const base = await foldRoom(room, start, baseEnd);
	if (baseEnd - started >= SNAPSHOTS.windowMin && baseEnd % SNAPSHOTS.every !== 0)
		await saveSnapshot(room, baseEnd, base);

	const events: WireEvent[] = [];
	const where = roomWhere(room);
	let after = baseEnd;
	while (events.length < WINDOW_LIMIT) {
		const page = await store.readRange(after, windowEnd, where, WINDOW_LIMIT - events.length);
		events.push(...page.map(toWire));
		if (page.length === 0 || events.length < WINDOW_LIMIT) break;
		after = page.at(-1)!.seq;
	}
	const truncated =
		events.length >= WINDOW_LIMIT &&
		(await store.readRange(events.at(-1)!.seq, windowEnd, where, 1)).length > 0;
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
	if (mode === 'recorded') {
		// The rows recorded by `t`: everything before the first row recorded after it.
		const position = await lastBefore(t, true);
		const picture = await foldRoom(room, await snapshotStart(room, position, t, false), position);
		picture.seq = position;
		return prune(picture);
	}
	// 'occurred': a row recorded late can have occurred early, so fold the whole log.
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
