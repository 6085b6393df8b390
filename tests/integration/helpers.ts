import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db/client';

export const TEST_DB = (process.env.FENGHUO_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
export const CHAIN_KEY = randomBytes(32);

let counter = 0;

export interface TestDatabase {
	/** Open one more handle on the same database (another "node"). PGlite: the same handle. */
	open(options?: { max?: number }): Promise<Database>;
	/** Run SQL as a superuser that bypasses the append-only trigger. */
	superuser(statement: string): Promise<void>;
	close(): Promise<void>;
}

/** A fresh, migrated database: a new PostgreSQL database per call, or an in-memory PGlite. */
export async function freshDatabase(): Promise<TestDatabase> {
	if (TEST_DB === 'pglite') {
		const db = await openDatabase({ dataDir: 'memory://' });
		return {
			open: () => Promise.resolve(db),
			async superuser(statement) {
				await db.db.transaction(async (tx) => {
					const { sql } = await import('drizzle-orm');
					await tx.execute(sql`set local session_replication_role = replica`);
					await tx.execute(sql.raw(statement));
				});
			},
			close: () => db.close()
		};
	}
	const adminUrl = inject('pgAdminUrl');
	const name = `${inject('pgRunPrefix')}_${process.pid}_${++counter}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const handles: Database[] = [];
	return {
		async open(options) {
			const db = await openDatabase({ url: url.toString(), max: options?.max });
			handles.push(db);
			return db;
		},
		async superuser(statement) {
			const su = postgres(url.toString(), { max: 1, onnotice: () => {} });
			try {
				await su.begin(async (tx) => {
					await tx`set local session_replication_role = replica`;
					await tx.unsafe(statement);
				});
			} finally {
				await su.end();
			}
		},
		async close() {
			await Promise.all(handles.map((h) => h.close()));
		}
	};
}

/** mulberry32: a small seeded PRNG so randomised tests can be replayed from their printed seed. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function testSeed(label: string): number {
	const seed = Number(process.env.FENGHUO_SEED ?? Date.now() % 2 ** 31);
	console.log(`[seed] ${label}: FENGHUO_SEED=${seed}`);
	return seed;
}
