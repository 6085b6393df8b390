import { env } from '../config/env';
import { openDatabase, type Database, type OpenOptions } from './client';

export * from './client';
export * as schema from './schema';

/**
 * The process's one database handle.
 *
 * Why a process-wide registry on globalThis: in production server/index.ts and SvelteKit's
 * bundle (build/handler.js) are separate copies of this module, and in development Vite may
 * re-instantiate it. An embedded PGlite folder must be opened exactly once per process, and
 * the local "appended" wake-up must reach the realtime hub in the other copy. This is the
 * only state shared this way; everything else goes through PostgreSQL.
 */
const REGISTRY = Symbol.for('fenghuo.database.v1');
type Registry = { [REGISTRY]?: Promise<Database> };

export function getDatabase(options?: OpenOptions): Promise<Database> {
	const g = globalThis as Registry;
	if (!g[REGISTRY]) {
		const e = env();
		g[REGISTRY] = openDatabase({
			url: e.DATABASE_URL,
			dataDir: e.FENGHUO_DATA_DIR,
			...options
		});
		// A failed open must not poison the registry: the next caller retries.
		g[REGISTRY].catch(() => {
			delete g[REGISTRY];
		});
	}
	return g[REGISTRY];
}

/** Close and forget the process's database (graceful shutdown). */
export async function closeDatabase(): Promise<void> {
	const g = globalThis as Registry;
	const pending = g[REGISTRY];
	delete g[REGISTRY];
	if (pending) await (await pending).close();
}
