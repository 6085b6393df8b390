import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';

/**
 * The append-only log. Rows are never updated or deleted (a trigger refuses it, see the
 * migration); corrections are new events. `seq` is assigned under an advisory lock in commit
 * order, so a reader that sees seq N has seen every seq < N.
 */
export const events = pgTable(
	'events',
	{
		seq: bigint({ mode: 'number' }).primaryKey(),
		streamId: text().notNull(),
		streamVersion: integer().notNull(),
		type: text().notNull(),
		payload: jsonb().$type<Record<string, unknown>>().notNull(),
		actor: text().notNull(),
		/** GB/T 2260 code (or XPCC) used for scoping; null for national/system events. */
		region: text(),
		/**
		 * Every region the event concerns (includes `region`): a warning over several provinces
		 * reaches each of their rooms and regulators.
		 */
		regions: text().array().notNull(),
		drill: boolean().notNull().default(false),
		occurredAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		recordedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		idempotencyKey: text(),
		hashAlg: text().notNull(),
		prevHash: text().notNull(),
		hash: text().notNull()
	},
	(t) => [
		uniqueIndex('events_stream_version_uq').on(t.streamId, t.streamVersion),
		uniqueIndex('events_idempotency_key_uq')
			.on(t.idempotencyKey)
			.where(sql`${t.idempotencyKey} is not null`),
		index('events_region_seq_idx').on(t.region, t.seq),
		index('events_regions_idx').using('gin', t.regions),
		index('events_recorded_at_idx').on(t.recordedAt),
		check('events_stream_version_positive', sql`${t.streamVersion} > 0`)
	]
);

/** Last seq each projection has applied; updated in the same transaction as the projection. */
export const projectionCheckpoints = pgTable('projection_checkpoints', {
	name: text().primaryKey(),
	seq: bigint({ mode: 'number' }).notNull()
});

/** Reference data: provinces, 计划单列市 and XPCC (seeded by a migration from regions.json). */
export const regions = pgTable('regions', {
	code: text().primaryKey(),
	name: text().notNull(),
	nameEn: text().notNull(),
	kind: text({ enum: ['province', 'city', 'special'] }).notNull(),
	parent: text(),
	regulated: boolean().notNull(),
	sectors: text().array().notNull()
});
