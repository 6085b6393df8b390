import {
	and,
	asc,
	desc,
	eq,
	gt,
	gte,
	inArray,
	like,
	lt,
	lte,
	max,
	or,
	sql,
	type SQL
} from 'drizzle-orm';
import { DomainError } from '../../domain/errors';
import type { AppTx, Database, DbExecutor } from '../db/client';
import { events, pictureSnapshots, projectionCheckpoints } from '../db/schema';
import { chainHash, GENESIS_HASH, type ChainAlg } from './chain';
import type {
	AppendRequest,
	AppendResult,
	EventCatalog,
	NewEvent,
	Projector,
	StoredEvent
} from './types';

/** Held (per transaction) by every appender on every node: the log has one writer at a time. */
const APPEND_LOCK = 0x46480002;
/** Rows per INSERT statement: 14 parameters a row stays far below PostgreSQL's 65,535. */
const INSERT_CHUNK = 1000;
const MAX_EVENTS_PER_APPEND = 1000;
const STREAM_ID = /^[a-z][a-z0-9_]*-[A-Za-z0-9_.:-]{1,200}$/;

export interface EventStoreOptions {
	catalog: EventCatalog;
	chainKey: Buffer;
	/** Algorithm for new rows. Default hmac-sm3. */
	chainAlg?: ChainAlg;
	projectors?: readonly Projector<AppTx>[];
	/** Appends gathered into one transaction at most. Default 500. */
	maxBatch?: number;
	/** Test hook: runs inside the transaction just before COMMIT. */
	beforeCommit?: () => Promise<void>;
	/** Clock for recorded_at. Default: the system clock. */
	now?: () => Date;
}

interface Pending {
	request: Validated;
	resolve: (r: AppendResult) => void;
	reject: (e: unknown) => void;
}

interface Validated extends AppendRequest {
	events: (NewEvent & { payload: Record<string, unknown> })[];
}

export class ConcurrencyError extends DomainError {
	constructor(streamId: string, expected: number, actual: number) {
		super(
			'conflict',
			'stream.version_conflict',
			`stream ${streamId} is at version ${actual}, expected ${expected}`,
			{ details: { streamId, expected, actual } }
		);
	}
}

/**
 * The event log. Appends are group-committed: while one transaction is in flight, further
 * appends queue, and the next transaction takes them all. Every transaction holds one
 * advisory lock, so seq is assigned in commit order on every node: a reader that sees seq N
 * has seen every seq < N, and the hash chain needs no retries.
 */
export class EventStore {
	readonly database: Database;
	private readonly options: Required<Omit<EventStoreOptions, 'beforeCommit'>> &
		Pick<EventStoreOptions, 'beforeCommit'>;
	private queue: Pending[] = [];
	private flushing = false;

	constructor(database: Database, options: EventStoreOptions) {
		this.database = database;
		this.options = {
			chainAlg: 'hmac-sm3',
			projectors: [],
			maxBatch: 500,
			now: () => new Date(),
			...options
		};
	}

	/**
	 * Append events to one stream in one transaction (version check, insert, projections).
	 * Throws DomainError for bad input (unknown type, invalid payload, bad stream id) and
	 * ConcurrencyError when the stream moved on; nothing is written in either case.
	 */
	append(request: AppendRequest): Promise<AppendResult> {
		let validated: Validated;
		try {
			validated = this.validate(request);
		} catch (err) {
			return Promise.reject(err);
		}
		return new Promise<AppendResult>((resolve, reject) => {
			this.queue.push({ request: validated, resolve, reject });
			if (!this.flushing) {
				this.flushing = true;
				void this.flushLoop();
			}
		});
	}

	private validate(request: AppendRequest): Validated {
		if (!STREAM_ID.test(request.streamId)) {
			throw new DomainError(
				'invalid',
				'event.invalid_stream',
				`invalid stream id "${request.streamId}"`,
				{
					field: 'streamId'
				}
			);
		}
		if (request.events.length === 0 || request.events.length > MAX_EVENTS_PER_APPEND) {
			throw new DomainError(
				'invalid',
				'event.invalid_count',
				`an append carries 1..${MAX_EVENTS_PER_APPEND} events`,
				{ field: 'events' }
			);
		}
		const ev = request.expectedVersion;
		if (ev !== 'any' && !(Number.isInteger(ev) && ev >= 0)) {
			throw new DomainError(
				'invalid',
				'event.invalid_expected_version',
				'expectedVersion must be ≥ 0 or "any"',
				{
					field: 'expectedVersion'
				}
			);
		}
		if (!request.actor)
			throw new DomainError('invalid', 'event.missing_actor', 'actor is required', {
				field: 'actor'
			});
		if (
			request.idempotencyKey !== undefined &&
			!/^[\x21-\x22\x24-\x7e]{1,200}$/.test(request.idempotencyKey)
		) {
			throw new DomainError(
				'invalid',
				'event.invalid_idempotency_key',
				'idempotency key: 1..200 printable ASCII characters except #',
				{
					field: 'idempotencyKey'
				}
			);
		}
		const validatedEvents = request.events.map((e, i) => {
			const schema = this.options.catalog[e.type];
			if (!schema) {
				throw new DomainError('invalid', 'event.unknown_type', `unknown event type "${e.type}"`, {
					field: `events.${i}.type`
				});
			}
			const parsed = schema.safeParse(e.payload);
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				const where = issue?.path.length ? `.${issue.path.join('.')}` : '';
				throw new DomainError(
					'invalid',
					'event.invalid_payload',
					`${e.type}: ${issue?.message ?? 'invalid payload'}`,
					{
						field: `events.${i}.payload${where}`,
						details: {
							issues: parsed.error.issues.map((x) => ({ path: x.path, message: x.message }))
						}
					}
				);
			}
			// jsonb refuses NUL; undefined vanishes. Normalise once so the hash covers what is stored.
			const json = JSON.stringify(parsed.data);
			if (json.includes('\\u0000')) {
				throw new DomainError(
					'invalid',
					'event.invalid_payload',
					`${e.type}: NUL characters are not allowed`,
					{
						field: `events.${i}.payload`
					}
				);
			}
			const occurredAt = e.occurredAt === undefined ? undefined : new Date(e.occurredAt);
			if (occurredAt && Number.isNaN(occurredAt.getTime())) {
				throw new DomainError('invalid', 'event.invalid_occurred_at', 'occurredAt is not a date', {
					field: `events.${i}.occurredAt`
				});
			}
			return {
				...e,
				occurredAt,
				payload: JSON.parse(json) as Record<string, unknown>
			};
		});
		return { ...request, events: validatedEvents };
	}

	private async flushLoop(): Promise<void> {
		try {
			while (this.queue.length > 0) {
				const batch = this.queue.splice(0, this.options.maxBatch);
				try {
					await this.writeBatch(batch);
				} catch (err) {
					if (batch.length === 1) {
						batch[0]!.reject(err);
						continue;
					}
					// One bad append must not fail its neighbours: retry them one by one.
					for (const item of batch) {
						await this.writeBatch([item]).catch((e: unknown) => item.reject(e));
					}
				}
			}
		} finally {
			this.flushing = false;
		}
	}

	private async writeBatch(batch: Pending[]): Promise<void> {
		const outcomes = new Map<Pending, AppendResult | Error>();
		const recordedAt = this.options.now();
		await this.database.db.transaction(async (tx) => {
			outcomes.clear();
			await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);

			const [head] = await tx
				.select({ seq: events.seq, hash: events.hash })
				.from(events)
				.orderBy(desc(events.seq))
				.limit(1);
			let seq = head?.seq ?? 0;
			let prevHash = head?.hash ?? GENESIS_HASH;

			const originals = await originalsByKey(
				tx,
				batch.map((p) => p.request.idempotencyKey).filter((k) => k !== undefined)
			);
			const streamIds = [...new Set(batch.map((p) => p.request.streamId))];
			const versions = new Map<string, number>(
				(
					await tx
						.select({ streamId: events.streamId, version: max(events.streamVersion) })
						.from(events)
						.where(inArray(events.streamId, streamIds))
						.groupBy(events.streamId)
				).map((r) => [r.streamId, r.version ?? 0])
			);

			const rows: StoredEvent[] = [];
			const keysInBatch = new Map<string, AppendResult>();
			for (const pending of batch) {
				const req = pending.request;
				const key = req.idempotencyKey;
				const seen = key ? (originals.get(key) ?? keysInBatch.get(key)) : undefined;
				if (seen) {
					outcomes.set(pending, { ...seen, duplicate: true });
					continue;
				}
				const current = versions.get(req.streamId) ?? 0;
				if (req.expectedVersion !== 'any' && req.expectedVersion !== current) {
					outcomes.set(pending, new ConcurrencyError(req.streamId, req.expectedVersion, current));
					continue;
				}
				const appended: StoredEvent[] = req.events.map((e, i) => {
					seq += 1;
					const row = {
						seq,
						streamId: req.streamId,
						streamVersion: current + i + 1,
						type: e.type,
						payload: e.payload,
						actor: req.actor,
						region: e.region ?? null,
						regions: [...new Set([e.region, ...(e.regions ?? [])].filter((r) => r != null))].sort(),
						sectors: [...new Set(e.sectors ?? [])].sort(),
						orgIds: [...new Set(e.orgIds ?? [])].sort(),
						drill: req.drill ?? false,
						occurredAt: e.occurredAt ? new Date(e.occurredAt) : recordedAt,
						recordedAt,
						idempotencyKey: key ? (i === 0 ? key : `${key}#${i}`) : null,
						hashAlg: this.options.chainAlg,
						prevHash
					};
					const hash = chainHash(this.options.chainAlg, this.options.chainKey, prevHash, row);
					prevHash = hash;
					return { ...row, hash };
				});
				versions.set(req.streamId, current + appended.length);
				rows.push(...appended);
				const result: AppendResult = {
					events: appended,
					lastSeq: appended[appended.length - 1]!.seq,
					duplicate: false
				};
				if (key) keysInBatch.set(key, result);
				outcomes.set(pending, result);
			}

			for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
				await tx.insert(events).values(rows.slice(i, i + INSERT_CHUNK));
			}
			if (rows.length > 0) await this.project(tx, rows);
			if (this.options.beforeCommit) await this.options.beforeCommit();
		});

		let wrote = false;
		for (const [pending, outcome] of outcomes) {
			if (outcome instanceof Error) pending.reject(outcome);
			else {
				wrote ||= !outcome.duplicate;
				pending.resolve(outcome);
			}
		}
		if (wrote) this.database.appended();
	}

	private async project(tx: AppTx, rows: StoredEvent[]): Promise<void> {
		const last = rows[rows.length - 1]!.seq;
		for (const projector of this.options.projectors) {
			await projector.apply(tx, rows);
			await tx
				.insert(projectionCheckpoints)
				.values({ name: projector.name, seq: last })
				.onConflictDoUpdate({ target: projectionCheckpoints.name, set: { seq: last } });
		}
	}

	/**
	 * Drop every projection (and the review snapshots) and rebuild it from the log, in one transaction that holds the
	 * append lock (appends wait; readers keep the old tables until it commits).
	 */
	async rebuildProjections(pageSize = 5000): Promise<{ events: number }> {
		let count = 0;
		await this.database.db.transaction(async (tx) => {
			await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
			for (const p of this.options.projectors) await p.reset(tx);
			await tx.delete(projectionCheckpoints);
			// Review snapshots are derived from the log too: the next review fold writes them again.
			await tx.delete(pictureSnapshots);
			let after = 0;
			for (;;) {
				const page = await readPage(tx, after, pageSize);
				if (page.length === 0) break;
				await this.project(tx, page);
				after = page[page.length - 1]!.seq;
				count += page.length;
			}
		});
		return { events: count };
	}

	/** The events an append with this idempotency key wrote, if any. */
	async findIdempotent(key: string): Promise<AppendResult | undefined> {
		return (await originalsByKey(this.database.db, [key])).get(key);
	}

	/** Events with seq > afterSeq, in order. */
	read(afterSeq = 0, limit = 1000): Promise<StoredEvent[]> {
		return readPage(this.database.db, afterSeq, limit);
	}

	/** All events of one stream, by version. */
	async readStream(streamId: string): Promise<StoredEvent[]> {
		const rows = await this.database.db
			.select()
			.from(events)
			.where(eq(events.streamId, streamId))
			.orderBy(asc(events.streamVersion));
		return rows.map(toStored);
	}

	/** Events with afterSeq < seq ≤ uptoSeq that match `where` (e.g. a room's filter; none = all). */
	async readRange(
		afterSeq: number,
		uptoSeq: number,
		where: SQL | undefined,
		limit: number
	): Promise<StoredEvent[]> {
		const rows = await this.database.db
			.select()
			.from(events)
			.where(and(gt(events.seq, afterSeq), lte(events.seq, uptoSeq), where))
			.orderBy(asc(events.seq))
			.limit(limit);
		return rows.map(toStored);
	}

	async headSeq(): Promise<number> {
		return headSeq(this.database.db);
	}

	/**
	 * Deliver every event after `fromSeq` exactly once, in seq order, then live ones.
	 * `handler` is awaited: the next page is read only after it returns.
	 */
	subscribe(
		fromSeq: number,
		handler: (events: StoredEvent[]) => void | Promise<void>,
		options: { pollMs?: number; pageSize?: number; onError?: (err: unknown) => void } = {}
	): Subscription {
		return new Subscription(this.database, fromSeq, handler, options);
	}
}

/** The original appends of these idempotency keys, by key. */
async function originalsByKey(
	db: DbExecutor,
	keys: readonly string[]
): Promise<Map<string, AppendResult>> {
	const found = new Map<string, AppendResult>();
	if (keys.length === 0) return found;
	const firsts = await db
		.select()
		.from(events)
		.where(inArray(events.idempotencyKey, [...new Set(keys)]));
	for (const first of firsts) {
		const key = first.idempotencyKey!;
		// The rows of one append are consecutive and carry key, key#1, key#2, … (the column is unique).
		const escaped = key.replace(/[\\%_]/g, (c) => `\\${c}`);
		const rows = await db
			.select()
			.from(events)
			.where(
				and(
					eq(events.streamId, first.streamId),
					gte(events.seq, first.seq),
					lt(events.seq, first.seq + MAX_EVENTS_PER_APPEND),
					or(eq(events.idempotencyKey, key), like(events.idempotencyKey, `${escaped}#%`))
				)
			)
			.orderBy(asc(events.seq));
		const stored = rows.map(toStored);
		found.set(key, { events: stored, lastSeq: stored[stored.length - 1]!.seq, duplicate: true });
	}
	return found;
}

export async function headSeq(db: DbExecutor): Promise<number> {
	const [row] = await db
		.select({ seq: events.seq })
		.from(events)
		.orderBy(desc(events.seq))
		.limit(1);
	return row?.seq ?? 0;
}

export async function readPage(
	db: DbExecutor,
	afterSeq: number,
	limit: number
): Promise<StoredEvent[]> {
	const rows = await db
		.select()
		.from(events)
		.where(gt(events.seq, afterSeq))
		.orderBy(asc(events.seq))
		.limit(limit);
	return rows.map(toStored);
}

export function toStored(r: typeof events.$inferSelect): StoredEvent {
	return { ...r, hashAlg: r.hashAlg as ChainAlg };
}

/**
 * A reader at a position. Woken by local commits and cross-node NOTIFYs (hints), and by a slow
 * poll as a safety net; it always reads `seq > position` from the table.
 */
export class Subscription {
	position: number;
	private closed = false;
	private running = false;
	private again = false;
	private readonly timer: NodeJS.Timeout;
	private readonly unsubscribe: () => void;
	private readonly pageSize: number;
	private readonly onError: (err: unknown) => void;

	constructor(
		private readonly database: Database,
		fromSeq: number,
		private readonly handler: (events: StoredEvent[]) => void | Promise<void>,
		options: { pollMs?: number; pageSize?: number; onError?: (err: unknown) => void }
	) {
		this.position = fromSeq;
		this.pageSize = options.pageSize ?? 1000;
		this.onError = options.onError ?? (() => {});
		this.unsubscribe = database.onWake(() => this.pump());
		this.timer = setInterval(() => this.pump(), options.pollMs ?? 2000);
		this.pump();
	}

	/** Read until caught up; a wake-up during a read causes one more read, never a parallel one. */
	pump(): void {
		if (this.closed) return;
		if (this.running) {
			this.again = true;
			return;
		}
		this.running = true;
		void (async () => {
			try {
				do {
					this.again = false;
					for (;;) {
						const page = await readPage(this.database.db, this.position, this.pageSize);
						if (this.closed || page.length === 0) break;
						await this.handler(page);
						this.position = page[page.length - 1]!.seq;
						if (page.length < this.pageSize) break;
					}
				} while (this.again && !this.closed);
			} catch (err) {
				this.onError(err);
			} finally {
				this.running = false;
			}
		})();
	}

	close(): void {
		this.closed = true;
		clearInterval(this.timer);
		this.unsubscribe();
	}
}
