import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. */
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;
export type AppTx = Parameters<Parameters<AppDb['transaction']>[0]>[0];
export type DbExecutor = AppDb | AppTx;

export interface OpenOptions {
	/** postgres://… ; absent = embedded PGlite. */
	url?: string;
	/** PGlite folder; `memory://` for an in-memory database. Default ./data. */
	dataDir?: string;
	/** drizzle migrations folder. Default <cwd>/drizzle. */
	migrationsFolder?: string;
	/** Pool size for PostgreSQL. Default 10. */
	max?: number;
}

/**
 * One open database: drizzle plus the two wake-up paths the log needs.
 * `wakeups` fires after a local append commits and on every cross-node NOTIFY; it is a hint
 * only, readers always read `seq > last` from the table.
 */
export interface Database {
	kind: 'pglite' | 'postgres';
	db: AppDb;
	/** Call `fn` on every wake-up; returns the unsubscribe function. */
	onWake(fn: () => void): () => void;
	/**
	 * After a local commit: wake this process's readers now, and other nodes through a
	 * coalesced, payload-free NOTIFY in its own transaction (PostgreSQL only).
	 */
	appended(): void;
	ping(): Promise<void>;
	close(): Promise<void>;
}

export const WAKE_CHANNEL = 'fenghuo_log';
const MIGRATION_LOCK = 0x46480001; // 'FH' + 1: serialises start-up migrations across nodes
/** Minimum spacing of cross-node NOTIFYs from one node: each NOTIFY commit takes a cluster-wide lock. */
const NOTIFY_SPACING_MS = 5;

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
	const migrationsFolder = options.migrationsFolder ?? path.resolve(process.cwd(), 'drizzle');
	return options.url
		? openPostgres(options.url, migrationsFolder, options.max ?? 10)
		: openPglite(options.dataDir ?? './data', migrationsFolder);
}

async function openPostgres(url: string, migrationsFolder: string, max: number): Promise<Database> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');

	// Migrate on one dedicated connection holding a session advisory lock, so nodes that start
	// together apply each migration once.
	const migrator = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
		await migrate(drizzle(migrator, { casing: 'snake_case' }), { migrationsFolder });
		await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`;
	} finally {
		await migrator.end();
	}

	const client = postgres(url, { max, onnotice: () => {} });
	const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as AppDb;
	const wakeups = newWakeups();
	let listening: Promise<{ unlisten: () => Promise<void> }> | undefined;
	let notifyTimer: NodeJS.Timeout | undefined;
	return {
		kind: 'postgres',
		db,
		onWake(fn) {
			listening ??= client.listen(WAKE_CHANNEL, () => wakeups.emit('wake'));
			wakeups.on('wake', fn);
			return () => wakeups.off('wake', fn);
		},
		appended() {
			wakeups.emit('wake');
			if (notifyTimer) return;
			notifyTimer = setTimeout(() => {
				notifyTimer = undefined;
				client.notify(WAKE_CHANNEL, '').catch(() => {
					// Best effort: the other nodes' slow poll covers a lost wake-up.
				});
			}, NOTIFY_SPACING_MS);
		},
		async ping() {
			await client`select 1`;
		},
		async close() {
			clearTimeout(notifyTimer);
			if (listening) await (await listening).unlisten().catch(() => {});
			await client.end({ timeout: 5 });
		}
	};
}

async function openPglite(dataDir: string, migrationsFolder: string): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');

	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const pg = await PGlite.create(dataDir);
	const db = drizzle(pg, { schema, casing: 'snake_case' });
	await migrate(db, { migrationsFolder });
	const wakeups = newWakeups();
	return {
		kind: 'pglite',
		db: db as unknown as AppDb,
		onWake(fn) {
			wakeups.on('wake', fn);
			return () => wakeups.off('wake', fn);
		},
		// One process owns an embedded database: the local wake-up reaches every reader.
		appended() {
			wakeups.emit('wake');
		},
		async ping() {
			await db.execute(sql`select 1`);
		},
		async close() {
			await pg.close();
		}
	};
}

function newWakeups(): EventEmitter {
	const e = new EventEmitter();
	e.setMaxListeners(0);
	return e;
}
