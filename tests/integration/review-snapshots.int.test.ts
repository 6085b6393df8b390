import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { canonicalPicture, emptyPicture, type Picture } from '../../src/lib/domain/picture';
import { foldPrefix, pictureAt as foldAt } from '../../src/lib/domain/review';
import { demoDay, demoRegistry } from '../../src/lib/domain/scenario';
import type { Scenario } from '../../src/lib/domain/scenario/types';
import type { Database } from '../../src/lib/server/db/client';
import { pictureSnapshots } from '../../src/lib/server/db/schema';
import { EventStore, type StoredEvent } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { toWire } from '../../src/lib/server/realtime/hub';
import { roomsForEvent } from '../../src/lib/server/realtime/rooms';
import type { Requester } from '../../src/lib/server/reports';
import { play } from '../../src/lib/server/scenario/runner';
import {
	CHAIN_KEY,
	freshDatabase,
	seededRandom,
	TEST_DB,
	testSeed,
	type TestDatabase
} from './helpers';

let store: EventStore;
let db: Database;
let t: TestDatabase;
let recordedAt = 0;

vi.mock('../../src/lib/server/events/app', () => ({ getEventStore: () => Promise.resolve(store) }));
const review = await import('../../src/lib/server/review');

const NATIONAL: Requester = { scope: { national: true }, actor: { id: 'r', role: 'ministry' } };
const ROOMS = ['national', '440000', '110000'] as const;
const DAY = 86_400_000;
const FIRST = Date.parse('2026-11-19T16:00:00.000Z');
/** Small snapshot spacing so a demo day's log crosses many snapshot positions. */
const EVERY = 40;

/** A picture's content and position, order-insensitive. */
const canon = (p: Picture) => canonicalPicture(p);
const withoutSeq = (p: Picture) => canonicalPicture({ ...p, seq: 0 });

async function snapshotCount(): Promise<number> {
	const rows = await db.db.select({ seq: pictureSnapshots.seq }).from(pictureSnapshots);
	return rows.length;
}

describe(`review snapshots (${TEST_DB})`, () => {
	const random = seededRandom(testSeed('review snapshots'));
	const demoSeed = Math.floor(random() * 1_000_000);
	let all: StoredEvent[] = [];
	/** The room's rows of the whole log, as the browser gets them. */
	const roomRows = (r: string) =>
		all.filter((row) => roomsForEvent(row).includes(review.roomOf(r))).map(toWire);
	/** Instants to seek to: random ones, and exact recorded instants (ties) and just before them. */
	let instants: number[] = [];
	const saved = { ...review.SNAPSHOTS };

	beforeAll(async () => {
		t = await freshDatabase();
		db = await t.open();
		store = new EventStore(db, {
			catalog: EVENT_CATALOG,
			chainKey: CHAIN_KEY,
			projectors: PROJECTORS,
			now: () => new Date(recordedAt)
		});
		recordedAt = FIRST;
		const registry: Scenario = {
			id: 'reg',
			name: { zh: '名录', en: 'registry' },
			durationMs: 0,
			injects: demoRegistry()
		};
		await play(store, registry, { startMs: FIRST - DAY, keyPrefix: 'reg', now: () => FIRST }).done;
		const day = demoDay(demoSeed, new Date(FIRST).toISOString(), {
			firstDayIso: new Date(FIRST).toISOString()
		});
		// Played in 12 chunks, each recorded at its end: the log has 13 distinct recorded instants.
		for (let i = 1; i <= 12; i++) {
			const from = FIRST + ((i - 1) * DAY) / 12;
			const at = FIRST + (i * DAY) / 12;
			recordedAt = at;
			const part: Scenario = {
				...day,
				injects: day.injects.filter((x) => FIRST + x.offsetMs > from && FIRST + x.offsetMs <= at)
			};
			await play(store, part, { startMs: FIRST, keyPrefix: `demo:${i}`, now: () => at }).done;
		}
		all = await store.read(0, 100_000);
		const recorded = [...new Set(all.map((e) => e.recordedAt.getTime()))];
		const picks = Array.from(
			{ length: 3 },
			() => recorded[Math.floor(random() * recorded.length)]!
		);
		instants = [
			FIRST - 1,
			...picks,
			...picks.map((x) => x - 1),
			...Array.from({ length: 3 }, () => FIRST + Math.floor(random() * DAY)),
			FIRST + 2 * DAY
		].sort((a, b) => a - b);
		Object.assign(review.SNAPSHOTS, { every: EVERY, windowMin: 10 });
	});
	afterAll(async () => {
		Object.assign(review.SNAPSHOTS, saved);
		await t.close();
	});

	it('the fold reads the stream kinds of every picture slot', () => {
		const slots = Object.keys(emptyPicture()).filter((k) => k !== 'seq' && k !== 'versions');
		expect(review.PICTURE_STREAM_KINDS.length).toBe(slots.length);
	});

	it('the log is long enough to cross several snapshot positions', async () => {
		expect(await store.headSeq()).toBeGreaterThan(4 * EVERY);
		expect(await snapshotCount()).toBe(0);
	});

	/** Pictures of every room at every instant, by `${room}@${t}`. */
	async function seekAll(): Promise<Map<string, Picture>> {
		const out = new Map<string, Picture>();
		for (const r of ROOMS)
			for (const at of instants)
				out.set(`${r}@${at}`, (await review.pictureAt(NATIONAL, r, new Date(at), 'recorded'))!);
		return out;
	}

	it('a seek from snapshots equals the full fold, for every room and instant, and reads less', async () => {
		// Without snapshots: folds from seq 0 (and writes snapshots on the way).
		const full = await seekAll();
		expect(await snapshotCount()).toBeGreaterThan(0);
		for (const r of ROOMS)
			for (const at of instants) {
				const p = full.get(`${r}@${at}`)!;
				// The domain fold of the whole log prefix: same content.
				const mine = roomRows(r);
				expect(withoutSeq(p), `${r}@${new Date(at).toISOString()}`).toBe(
					withoutSeq(foldPrefix(mine, at, 'recorded'))
				);
			}

		const spy = vi.spyOn(store, 'readRange');
		const fromSnapshots = await seekAll();
		const rowsRead = spy.mock.results.length;
		spy.mockRestore();
		for (const [k, p] of full) expect(canon(fromSnapshots.get(k)!), k).toBe(canon(p));

		// Emptied snapshot table: same answers again (and reads every row from seq 0).
		await db.db.delete(pictureSnapshots);
		const spy2 = vi.spyOn(store, 'readRange');
		const again = await seekAll();
		const rowsReadFull = spy2.mock.results.length;
		spy2.mockRestore();
		for (const [k, p] of full) expect(canon(again.get(k)!), k).toBe(canon(p));
		expect(rowsRead).toBeLessThan(rowsReadFull);
	});

	it('a review window from a snapshot base equals the one folded from seq 0', async () => {
		for (const r of ROOMS) {
			const query = {
				region: r,
				from: new Date(FIRST + DAY / 3 + 1).toISOString(),
				to: new Date(FIRST + (3 * DAY) / 4).toISOString(),
				mode: 'recorded' as const
			};
			await db.db.delete(pictureSnapshots);
			const cold = (await review.reviewData(NATIONAL, query))!;
			expect(await snapshotCount()).toBeGreaterThan(0);
			const warm = (await review.reviewData(NATIONAL, query))!;
			expect(canon(warm.base)).toBe(canon(cold.base));
			expect(warm.events.map((e) => e.seq)).toEqual(cold.events.map((e) => e.seq));
			if (r === 'national') expect(warm.events.length).toBeGreaterThan(0);
			// The window is the room's rows recorded in [from, to]; the base, the fold of those before.
			const fromMs = Date.parse(query.from);
			const toMs = Date.parse(query.to);
			const rows = roomRows(r);
			const inWindow = (e: { recordedAt: string }) =>
				Date.parse(e.recordedAt) >= fromMs && Date.parse(e.recordedAt) <= toMs;
			expect(warm.events.map((e) => e.seq)).toEqual(rows.filter(inWindow).map((e) => e.seq));
			expect(canon(warm.base)).toBe(canon(foldPrefix(rows, fromMs - 1, 'recorded')));
			// base + window folds to the seek's picture at the window's end.
			const end = Date.parse(query.to);
			const seek = (await review.pictureAt(NATIONAL, r, new Date(end), 'recorded'))!;
			expect(withoutSeq(foldAt(warm.base, warm.events, end, 'recorded'))).toBe(withoutSeq(seek));
		}
	});

	it("'occurred' mode folds the whole log and ignores snapshots", async () => {
		for (const at of instants.slice(0, 4)) {
			const p = (await review.pictureAt(NATIONAL, 'national', new Date(at), 'occurred'))!;
			const mine = roomRows('national');
			expect(withoutSeq(p)).toBe(withoutSeq(foldPrefix(mine, at, 'occurred')));
		}
	});

	it('a projection rebuild clears the snapshots', async () => {
		await review.pictureAt(NATIONAL, 'national', new Date(FIRST + 2 * DAY));
		expect(await snapshotCount()).toBeGreaterThan(0);
		await store.rebuildProjections();
		expect(await snapshotCount()).toBe(0);
	});
});
