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
import { USER_ROLES } from '../../domain/actor';
import { SECTORS } from '../../domain/levels';

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
		/**
		 * Routing metadata for scoped rooms (not covered by the chain; derivable from the payload):
		 * the sectors the event concerns (empty = every sector) and the processor organisations
		 * whose incidents it is about.
		 */
		sectors: text()
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		orgIds: text()
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
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

/*
 * Accounts and credentials (issue 5). Mutable state, not events: who may log in right now.
 * Every security-relevant change to them is also an audit event in the log.
 */

/** Organisations: processors (with central-SOE subsidiaries via parent_id), regulators, agencies. */
export const organisations = pgTable('organisations', {
	id: text().primaryKey(),
	name: text().notNull(),
	kind: text({ enum: ['processor', 'regulator', 'agency', 'ministry', 'operator'] }).notNull(),
	region: text(),
	/** Central SOE group HQ this organisation belongs to (its HQ sees its incidents). */
	parentId: text(),
	createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull()
});

export const users = pgTable(
	'users',
	{
		id: text().primaryKey(),
		username: text().notNull(),
		displayName: text().notNull(),
		role: text({ enum: USER_ROLES }).notNull(),
		region: text(),
		sector: text({ enum: SECTORS }),
		orgId: text(),
		agencyId: text(),
		/** argon2id (PHC string). */
		passwordHash: text().notNull(),
		/** Base32 TOTP secret when second factor is on (regulator and ministry accounts). */
		totpSecret: text(),
		disabled: boolean().notNull().default(false),
		/** Set by 5 failed logins within 15 minutes. */
		lockedUntil: timestamp({ withTimezone: true, mode: 'date' }),
		createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [uniqueIndex('users_username_uq').on(t.username)]
);

/** Failed logins of known accounts, for the lockout window. */
export const loginFailures = pgTable(
	'login_failures',
	{
		id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		userId: text().notNull(),
		at: timestamp({ withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [index('login_failures_user_at_idx').on(t.userId, t.at)]
);

/** Lucia-style sessions: id = hex SHA-256 of the token; the token itself is never stored. */
export const sessions = pgTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: text().notNull(),
		createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		lastSeenAt: timestamp({ withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Wall displays: paired once with a short-lived code, then a long-lived read-only credential. */
export const displays = pgTable(
	'displays',
	{
		id: text().primaryKey(),
		name: text().notNull(),
		/** 'national' or a region code. */
		region: text().notNull(),
		/** SHA-256 hex of the pairing code while unpaired. */
		pairingCodeHash: text(),
		pairingExpiresAt: timestamp({ withTimezone: true, mode: 'date' }),
		/** SHA-256 hex of the credential token once paired. */
		credentialHash: text(),
		createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		createdBy: text().notNull(),
		pairedAt: timestamp({ withTimezone: true, mode: 'date' }),
		lastSeenAt: timestamp({ withTimezone: true, mode: 'date' }),
		revokedAt: timestamp({ withTimezone: true, mode: 'date' })
	},
	(t) => [
		uniqueIndex('displays_pairing_code_uq').on(t.pairingCodeHash),
		uniqueIndex('displays_credential_uq').on(t.credentialHash)
	]
);

/** Per-organisation API tokens (processors' systems); SHA-256 hex at rest. */
export const apiTokens = pgTable(
	'api_tokens',
	{
		id: text().primaryKey(),
		orgId: text().notNull(),
		name: text().notNull(),
		tokenHash: text().notNull(),
		createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		createdBy: text().notNull(),
		lastUsedAt: timestamp({ withTimezone: true, mode: 'date' }),
		revokedAt: timestamp({ withTimezone: true, mode: 'date' })
	},
	(t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)]
);

/**
 * Review snapshots: a room's pruned picture folded from the log up to `seq` (every row ≤ seq
 * considered), written by the review fold on demand, never in the append transaction.
 * `recorded_at` is the recorded_at of row `seq`. Derived data: safe to delete (a projection
 * rebuild clears them); readers fall back to folding from seq 0.
 */
export const pictureSnapshots = pgTable(
	'picture_snapshots',
	{
		room: text().notNull(),
		seq: bigint({ mode: 'number' }).notNull(),
		recordedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
		picture: jsonb().$type<Record<string, unknown>>().notNull()
	},
	(t) => [primaryKey({ columns: [t.room, t.seq] })]
);
