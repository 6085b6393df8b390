import { roomWhere } from '../../src/lib/server/realtime/rooms';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/lib/server/db/client';
import {
	ConcurrencyError,
	EventStore,
	verifyChain,
	type AppendRequest,
	type StoredEvent
} from '../../src/lib/server/events';
import { DomainError } from '../../src/lib/domain/errors';
import {
	CHAIN_KEY,
	freshDatabase,
	seededRandom,
	testSeed,
	TEST_DB,
	type TestDatabase
} from './helpers';

const catalog = {
	NoteRecorded: z.object({ text: z.string().min(1), n: z.number().int().optional() }),
	CountIncremented: z.object({ by: z.number().int().positive() })
};

const note = (
	streamId: string,
	text: string,
	expectedVersion: AppendRequest['expectedVersion'] = 'any'
) => ({
	streamId,
	expectedVersion,
	actor: 'user-1',
	events: [{ type: 'NoteRecorded', payload: { text }, region: '440000' }]
});

describe(`event store (${TEST_DB})`, () => {
	let t: TestDatabase;
	let db: Database;
	let store: EventStore;

	beforeEach(async () => {
		t = await freshDatabase();
		db = await t.open();
		store = new EventStore(db, { catalog, chainKey: CHAIN_KEY });
	});
	afterEach(async () => {
		await t.close();
	});

	it('appends and reads back what was written, chained', async () => {
		const a = await store.append(note('note-a', 'first', 0));
		const b = await store.append({
			streamId: 'note-a',
			expectedVersion: 1,
			actor: 'user-2',
			drill: true,
			events: [
				{
					type: 'NoteRecorded',
					payload: { text: 'second', n: 2 },
					occurredAt: '2026-11-01T08:00:00.000Z'
				},
				{ type: 'CountIncremented', payload: { by: 3 } }
			]
		});
		expect(a.lastSeq).toBe(1);
		expect(b.events.map((e) => [e.seq, e.streamVersion])).toEqual([
			[2, 2],
			[3, 3]
		]);
		const all = await store.read(0);
		expect(all).toHaveLength(3);
		expect(all[1]).toMatchObject({
			type: 'NoteRecorded',
			payload: { text: 'second', n: 2 },
			actor: 'user-2',
			drill: true,
			region: null,
			hashAlg: 'hmac-sm3'
		});
		expect(all[1]!.occurredAt.toISOString()).toBe('2026-11-01T08:00:00.000Z');
		expect(all[1]!.prevHash).toBe(all[0]!.hash);
		expect(all[2]!.prevHash).toBe(all[1]!.hash);
		expect(all).toEqual([...a.events, ...b.events]);
		expect((await store.readStream('note-a')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
		expect(await store.headSeq()).toBe(3);
	});

	it('records every region an event concerns and reads a range by region', async () => {
		await store.append(note('note-r', 'gd'));
		await store.append({
			streamId: 'warning-w1',
			expectedVersion: 0,
			actor: 'ministry-1',
			events: [{ type: 'NoteRecorded', payload: { text: 'scope' }, regions: ['450000', '440300'] }]
		});
		await store.append({
			...note('note-r', 'national'),
			events: [{ type: 'NoteRecorded', payload: { text: 'n' } }]
		});
		const all = await store.read(0);
		expect(all.map((e) => e.regions)).toEqual([['440000'], ['440300', '450000'], []]);
		const gx = await store.readRange(0, 3, roomWhere('region:450000'), 10);
		expect(gx.map((e) => e.seq)).toEqual([2]);
		const gd = await store.readRange(0, 3, roomWhere('region:440000'), 10);
		expect(gd.map((e) => e.seq)).toEqual([1, 2]);
		expect((await store.readRange(1, 3, undefined, 10)).map((e) => e.seq)).toEqual([2, 3]);
	});

	it('refuses a stale expected version and writes nothing', async () => {
		await store.append(note('note-b', 'one', 0));
		const err = await store.append(note('note-b', 'two', 0)).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ConcurrencyError);
		expect(err).toMatchObject({
			code: 'stream.version_conflict',
			details: { expected: 0, actual: 1 }
		});
		const fresh = await store.append(note('note-new', 'x', 5)).catch((e: unknown) => e);
		expect(fresh).toMatchObject({
			code: 'stream.version_conflict',
			details: { expected: 5, actual: 0 }
		});
		expect(await store.read(0)).toHaveLength(1);
	});

	it('lets exactly one of two racing writers on the same version win', async () => {
		await store.append(note('note-race', 'base', 0));
		const other = new EventStore(await t.open(), { catalog, chainKey: CHAIN_KEY });
		const results = await Promise.allSettled([
			store.append(note('note-race', 'mine', 1)),
			other.append(note('note-race', 'theirs', 1))
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected');
		expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConcurrencyError);
		expect(await store.readStream('note-race')).toHaveLength(2);
	});

	it('returns the original events for a retried idempotency key, writing no new row', async () => {
		const req: AppendRequest = {
			streamId: 'note-idem',
			expectedVersion: 'any',
			actor: 'api-token-7',
			idempotencyKey: 'org-9:req-123',
			events: [
				{ type: 'NoteRecorded', payload: { text: 'a' } },
				{ type: 'NoteRecorded', payload: { text: 'b' } }
			]
		};
		const first = await store.append(req);
		const again = await store.append(req);
		expect(first.duplicate).toBe(false);
		expect(again.duplicate).toBe(true);
		expect(again.events).toEqual(first.events);
		// Concurrent retries (in one batch and across nodes) still write once.
		const other = new EventStore(await t.open(), { catalog, chainKey: CHAIN_KEY });
		const racing = await Promise.all([
			store.append({ ...req, idempotencyKey: 'org-9:req-124' }),
			store.append({ ...req, idempotencyKey: 'org-9:req-124' }),
			other.append({ ...req, idempotencyKey: 'org-9:req-124' })
		]);
		expect(new Set(racing.map((r) => r.lastSeq)).size).toBe(1);
		expect(await store.read(0)).toHaveLength(4);
	});

	it('rejects bad input with a typed error and leaves the log unchanged', async () => {
		await store.append(note('note-c', 'ok', 0));
		const before = await store.read(0);
		const cases: [AppendRequest, string, string][] = [
			[
				{ ...note('note-c', 'x'), events: [{ type: 'NoSuchEvent', payload: {} }] },
				'event.unknown_type',
				'events.0.type'
			],
			[
				{ ...note('note-c', 'x'), events: [{ type: 'NoteRecorded', payload: { text: 42 } }] },
				'event.invalid_payload',
				'events.0.payload.text'
			],
			[
				{ ...note('note-c', 'x'), events: [{ type: 'CountIncremented', payload: { by: -1 } }] },
				'event.invalid_payload',
				'events.0.payload.by'
			],
			[{ ...note('note-c', 'x'), events: [] }, 'event.invalid_count', 'events'],
			[note('Bad Stream!', 'x'), 'event.invalid_stream', 'streamId'],
			[note('note-c', 'x', -1), 'event.invalid_expected_version', 'expectedVersion'],
			[
				{ ...note('note-c', 'x'), idempotencyKey: 'has space' },
				'event.invalid_idempotency_key',
				'idempotencyKey'
			],
			[
				{
					...note('note-c', 'x'),
					events: [{ type: 'NoteRecorded', payload: { text: 'nul\u0000' } }]
				},
				'event.invalid_payload',
				'events.0.payload'
			]
		];
		for (const [req, code, field] of cases) {
			const err = await store.append(req).catch((e: unknown) => e);
			expect(err, code).toBeInstanceOf(DomainError);
			expect(err).toMatchObject({ code, field });
		}
		const wrongVersion = await store.append(note('note-c', 'x', 3)).catch((e: unknown) => e);
		expect(wrongVersion).toBeInstanceOf(ConcurrencyError);
		expect(await store.read(0)).toEqual(before);
	});

	it('refuses UPDATE, DELETE and TRUNCATE of log rows from the application role', async () => {
		await store.append(note('note-d', 'keep me', 0));
		const { sql } = await import('drizzle-orm');
		for (const statement of [
			sql`update events set actor = 'mallory'`,
			sql`delete from events`,
			sql`truncate events`
		]) {
			const err = await db.db.execute(statement).then(
				() => null,
				(e: unknown) => e as Error & { cause?: Error }
			);
			// drizzle wraps the driver's error; the trigger's message is its cause.
			expect(`${err?.message} ${err?.cause?.message}`).toMatch(
				/append-only: (UPDATE|DELETE|TRUNCATE) refused/
			);
		}
		expect((await store.read(0))[0]?.actor).toBe('user-1');
	});

	it('verifies an intact chain and names the first row a superuser changed or removed', async () => {
		for (let i = 0; i < 12; i++) await store.append(note(`note-${i % 3}`, `entry ${i}`));
		expect(await verifyChain(db.db, CHAIN_KEY, { pageSize: 5 })).toMatchObject({
			ok: true,
			count: 12,
			headSeq: 12
		});
		expect(await verifyChain(db.db, Buffer.alloc(32, 1))).toMatchObject({ ok: false, seq: 1 });

		await t.superuser(`update events set payload = '{"text":"rewritten"}' where seq = 7`);
		await t.superuser(`update events set actor = 'mallory' where seq = 9`);
		expect(await verifyChain(db.db, CHAIN_KEY, { pageSize: 5 })).toMatchObject({
			ok: false,
			seq: 7,
			reason: expect.stringMatching(/changed/)
		});
	});

	it('names a deleted row as a gap', async () => {
		for (let i = 0; i < 5; i++) await store.append(note('note-gap', `entry ${i}`));
		await t.superuser(`delete from events where seq = 3`);
		expect(await verifyChain(db.db, CHAIN_KEY)).toMatchObject({
			ok: false,
			seq: 3,
			reason: expect.stringMatching(/missing/)
		});
	});

	it('records the chain algorithm per row and verifies a log that mixes algorithms', async () => {
		await store.append(note('note-alg', 'sm3'));
		const sha = new EventStore(db, { catalog, chainKey: CHAIN_KEY, chainAlg: 'hmac-sha256' });
		await sha.append(note('note-alg', 'sha'));
		const rows = await store.read(0);
		expect(rows.map((r) => r.hashAlg)).toEqual(['hmac-sm3', 'hmac-sha256']);
		expect(await verifyChain(db.db, CHAIN_KEY)).toMatchObject({ ok: true, count: 2 });
	});

	it('delivers ≥ 10,000 events from 8 concurrent writers to a subscriber exactly once, in order', async () => {
		const seed = testSeed('8 writers × 1,250 appends');
		const random = seededRandom(seed);
		const WRITERS = 8;
		const PER_WRITER = 1250;
		const writers = await Promise.all(
			Array.from(
				{ length: WRITERS },
				async () =>
					new EventStore(await t.open({ max: 2 }), {
						catalog,
						chainKey: CHAIN_KEY,
						// A random pause inside the transaction, before COMMIT.
						beforeCommit: () => new Promise((r) => setTimeout(r, Math.floor(random() * 3)))
					})
			)
		);
		const reader = await t.open({ max: 2 });
		const received: StoredEvent[] = [];
		const readerStore = new EventStore(reader, { catalog, chainKey: CHAIN_KEY });
		const total = WRITERS * PER_WRITER;
		let done!: () => void;
		const finished = new Promise<void>((r) => (done = r));
		const sub = readerStore.subscribe(0, (page) => {
			received.push(...page);
			if (received.length >= total) done();
		});

		await Promise.all(
			writers.map(async (w, wi) => {
				// Each writer keeps up to 8 appends in flight, like a busy node.
				const inFlight = new Set<Promise<unknown>>();
				for (let i = 0; i < PER_WRITER; i++) {
					const p = w.append({
						streamId: `writer-${wi}`,
						expectedVersion: 'any',
						actor: `writer-${wi}`,
						events: [{ type: 'NoteRecorded', payload: { text: `w${wi}`, n: i } }]
					});
					inFlight.add(p);
					void p.finally(() => inFlight.delete(p));
					if (inFlight.size >= 8) await Promise.race(inFlight);
				}
				await Promise.all(inFlight);
			})
		);
		await finished;
		sub.close();

		expect(received).toHaveLength(total);
		expect(received.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
		for (let wi = 0; wi < WRITERS; wi++) {
			const mine = received.filter((e) => e.streamId === `writer-${wi}`);
			expect(mine.map((e) => e.streamVersion)).toEqual(
				Array.from({ length: PER_WRITER }, (_, i) => i + 1)
			);
		}
		expect(await verifyChain(reader.db, CHAIN_KEY)).toMatchObject({ ok: true, count: total });
	});

	it('lets a subscriber that disconnects resume from its last seq without missing anything', async () => {
		const seed = testSeed('resume');
		const random = seededRandom(seed);
		const seen: number[] = [];
		let sub = store.subscribe(0, (page) => {
			seen.push(...page.map((e) => e.seq));
		});
		const writing = (async () => {
			for (let i = 0; i < 400; i++) {
				await store.append(note(`note-r${i % 7}`, `e${i}`));
				if (random() < 0.05) await new Promise((r) => setTimeout(r, 5));
			}
		})();
		// Disconnect and reconnect a few times while writes go on.
		for (let k = 0; k < 4; k++) {
			await new Promise((r) => setTimeout(r, 20 + random() * 40));
			sub.close();
			const last = seen.at(-1) ?? 0;
			sub = store.subscribe(last, (page) => {
				seen.push(...page.map((e) => e.seq));
			});
		}
		await writing;
		await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(400);
		sub.close();
		expect(seen).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
	});
});
