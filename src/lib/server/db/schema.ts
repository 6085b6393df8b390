import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
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

/*
 * Projections (read models). Derived from the log: `npm run projections:rebuild` drops and
 * rebuilds them, and a test proves rebuild = incremental. Each row keeps the aggregate's
 * folded state (`state`) plus the columns screens filter and sort on.
 */

export const incidentCurrent = pgTable(
	'incident_current',
	{
		incidentId: text().primaryKey(),
		streamVersion: integer().notNull(),
		lastSeq: bigint({ mode: 'number' }).notNull(),
		status: text().notNull(),
		level: text(),
		sector: text().notNull(),
		region: text().notNull(),
		regulatorRegion: text().notNull(),
		orgId: text().notNull(),
		orgName: text().notNull(),
		open: boolean().notNull(),
		drill: boolean().notNull(),
		warningId: text(),
		discoveredAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		state: jsonb().$type<Record<string, unknown>>().notNull()
	},
	(t) => [
		index('incident_current_region_idx').on(t.region, t.open),
		index('incident_current_regulator_idx').on(t.regulatorRegion, t.sector, t.open)
	]
);

export const warningCurrent = pgTable('warning_current', {
	warningId: text().primaryKey(),
	streamVersion: integer().notNull(),
	lastSeq: bigint({ mode: 'number' }).notNull(),
	status: text().notNull(),
	colour: text(),
	regions: text().array().notNull(),
	sectors: text().array().notNull(),
	validFrom: timestamp({ withTimezone: true, mode: 'date' }),
	validUntil: timestamp({ withTimezone: true, mode: 'date' }),
	drill: boolean().notNull(),
	updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
	state: jsonb().$type<Record<string, unknown>>().notNull()
});

/** Open incidents per region, level and drill flag (time-independent; clocks are computed). */
export const regionSummary = pgTable(
	'region_summary',
	{
		region: text().notNull(),
		drill: boolean().notNull(),
		level: text().notNull(),
		open: integer().notNull(),
		lastSeq: bigint({ mode: 'number' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.region, t.drill, t.level] })]
);

export const agencyLoad = pgTable('agency_load', {
	agencyId: text().primaryKey(),
	streamVersion: integer().notNull(),
	lastSeq: bigint({ mode: 'number' }).notNull(),
	name: text().notNull(),
	tier: text().notNull(),
	capacity: integer().notNull(),
	/** Assignments assigned or accepted (not declined or released). */
	active: integer().notNull(),
	regionsServed: text().array().notNull(),
	updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
	state: jsonb().$type<Record<string, unknown>>().notNull()
});

export const watchCurrent = pgTable('watch_current', {
	watchId: text().primaryKey(),
	streamVersion: integer().notNull(),
	lastSeq: bigint({ mode: 'number' }).notNull(),
	name: text().notNull(),
	status: text().notNull(),
	startsAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
	endsAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
	regions: text().array().notNull(),
	drill: boolean().notNull(),
	updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
	state: jsonb().$type<Record<string, unknown>>().notNull()
});

export const drillCurrent = pgTable('drill_current', {
	drillId: text().primaryKey(),
	streamVersion: integer().notNull(),
	lastSeq: bigint({ mode: 'number' }).notNull(),
	scenarioId: text().notNull(),
	status: text().notNull(),
	regions: text().array().notNull(),
	startedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
	updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
	state: jsonb().$type<Record<string, unknown>>().notNull()
});
