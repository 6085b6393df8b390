import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pictureDigest } from '../../src/lib/client/wall/digest';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { canonicalPicture, type Picture } from '../../src/lib/domain/picture';
import { foldPrefix, pictureAt as foldAt } from '../../src/lib/domain/review';
import { demoDay, demoRegistry } from '../../src/lib/domain/scenario';
import type { Scenario } from '../../src/lib/domain/scenario/types';
import type { Database } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events';
import { PROJECTORS } from '../../src/lib/server/projections';
import { toWire } from '../../src/lib/server/realtime/hub';
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
/** The store's clock for recorded_at: the scenario time of the chunk being played. */
let recordedAt = 0;

vi.mock('../../src/lib/server/events/app', () => ({ getEventStore: () => Promise.resolve(store) }));
const { pictureFor } = await import('../../src/lib/server/queries/picture');
const review = await import('../../src/lib/server/review');
const stats = await import('../../src/lib/server/reports/stats');

const NATIONAL: Requester = { scope: { national: true }, actor: { id: 'r', role: 'ministry' } };
const ROOMS = ['national', '440000', '110000'] as const;
const room = (r: string) => (r === 'national' ? 'national' : `region:${r}`);

const DAY = 86_400_000;
const FIRST = Date.parse('2026-11-19T16:00:00.000Z'); // 2026-11-20 00:00 China time

function chunk(s: Scenario, fromMs: number, toMs: number, startMs: number): Scenario {
	return {
		...s,
		injects: s.injects.filter((i) => startMs + i.offsetMs > fromMs && startMs + i.offsetMs <= toMs)
	};
}

describe(`review replays the log (${TEST_DB})`, () => {
	const seed = testSeed('review replay');
	const random = seededRandom(seed);
	const demoSeed = Math.floor(random() * 1_000_000);
	// Four instants of the first demo day, ascending, minute-aligned; the last one in the
	// evening, so that the day's incidents (reported from morning on) are in the picture.
	const minute = (fromMs: number, spanMs: number) =>
		fromMs + Math.floor(random() * (spanMs / 60_000)) * 60_000;
	const instants = [
		...Array.from({ length: 3 }, () => minute(FIRST, DAY)),
		minute(FIRST + 20 * 3_600_000, 4 * 3_600_000)
	].sort((a, b) => a - b);
	/** Live pictures (from the projections, as a freshly loaded wall gets them) at each instant. */
	const live = new Map<string, Picture>();

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
		// Registry injects are a second apart: all due by the first instant.
		await play(store, registry, { startMs: FIRST - DAY, keyPrefix: 'reg', now: () => FIRST }).done;
		const day = demoDay(demoSeed, new Date(FIRST).toISOString(), {
			firstDayIso: new Date(FIRST).toISOString()
		});
		let last = FIRST - 1;
		for (const [i, at] of [...instants, FIRST + DAY].entries()) {
			recordedAt = at;
			const part = chunk(day, last, at, FIRST);
			await play(store, part, { startMs: FIRST, keyPrefix: `demo:${i}`, now: () => at }).done;
			last = at;
			if (i < instants.length)
				for (const r of ROOMS) live.set(`${at}:${r}`, await pictureFor(room(r)));
		}
	});
	afterAll(async () => {
		await t.close();
	});

	it('the demo day produced a log with incidents to replay', async () => {
		const head = await store.headSeq();
		expect(head).toBeGreaterThan(50);
		const national = live.get(`${instants.at(-1)}:national`)!;
		expect(Object.keys(national.incidents).length).toBeGreaterThan(0);
	});

	for (const [k, label] of ['first', 'second', 'third', 'fourth'].entries()) {
		it(`the picture folded from the prefix equals the live picture at the ${label} instant`, async () => {
			const at = instants[k]!;
			for (const r of ROOMS) {
				const folded = (await review.pictureAt(NATIONAL, r, new Date(at), 'recorded'))!;
				const recorded = live.get(`${at}:${r}`)!;
				expect(pictureDigest(folded), `${r} at ${new Date(at).toISOString()}`).toBe(
					pictureDigest(recorded)
				);
				expect(canonicalPicture(folded)).toEqual(canonicalPicture(recorded));
			}
		});
	}

	it('the review window folds in the browser to the same pictures (base + window rows)', async () => {
		const from = new Date(instants[0]!).toISOString();
		const data = (await review.reviewData(NATIONAL, {
			region: 'national',
			from,
			to: new Date(FIRST + DAY).toISOString(),
			mode: 'recorded'
		}))!;
		expect(data.truncated).toBe(false);
		for (const at of instants.slice(1)) {
			const folded = foldAt(data.base, data.events, at, 'recorded');
			folded.seq = live.get(`${at}:national`)!.seq;
			expect(pictureDigest(folded)).toBe(pictureDigest(live.get(`${at}:national`)!));
		}
		// The whole log folded without a base gives the same as base + window.
		const all = (await store.read(0, 100_000)).map(toWire);
		const end = FIRST + DAY;
		expect(canonicalPicture(foldPrefix(all, end, 'recorded'))).toEqual(
			canonicalPicture(foldAt(data.base, data.events, end, 'recorded'))
		);
	});

	it('refuses a review outside the requester scope', async () => {
		const gd: Requester = { ...NATIONAL, scope: { regions: ['440000'] } };
		expect(await review.pictureAt(gd, 'national', new Date(FIRST))).toBeNull();
		expect(await review.pictureAt(gd, '110000', new Date(FIRST))).toBeNull();
		expect(await review.pictureAt(gd, '440000', new Date(FIRST))).not.toBeNull();
	});

	it('statistics over the demo: drills apart, counts add up to the incidents counted', async () => {
		const s = await stats.statsFor(
			NATIONAL,
			{ granularity: 'month', drills: 'exclude' },
			new Date(FIRST + DAY)
		);
		const only = await stats.statsFor(
			NATIONAL,
			{ granularity: 'month', drills: 'only' },
			new Date(FIRST + DAY)
		);
		const both = await stats.statsFor(
			NATIONAL,
			{ granularity: 'month', drills: 'include' },
			new Date(FIRST + DAY)
		);
		expect(s.incidents + only.incidents).toBe(both.incidents);
		for (const d of ['region', 'level', 'sector', 'cause'] as const)
			expect(s.counts.filter((r) => r.dimension === d).reduce((n, r) => n + r.count, 0)).toBe(
				s.incidents
			);
		const gd = await stats.statsFor(
			{ ...NATIONAL, scope: { regions: ['440000'] } },
			{ granularity: 'month', drills: 'include' },
			new Date(FIRST + DAY)
		);
		expect(
			gd.counts
				.filter((r) => r.dimension === 'region')
				.every((r) => r.key === '440000' || r.key === '440300')
		).toBe(true);
	});
});
