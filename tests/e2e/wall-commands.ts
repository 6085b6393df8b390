/**
 * A command-layer writer for the wall's browser tests, run as its own process with tsx
 * (`node --import tsx tests/e2e/wall-commands.ts`): the domain imports JSON modules (regions),
 * which Playwright's own loader refuses without import attributes. It is another "node" on the
 * server's database: it appends through `execute` with the app's projectors, exactly as the
 * app would. Protocol: one JSON request per stdin line `{ id, op, args }` (op = a WallData
 * method), one JSON reply per stdout line `{ id, result }` or `{ id, error }`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EVENT_CATALOG } from '../../src/lib/domain/catalog';
import { openDatabase } from '../../src/lib/server/db/client';
import { EventStore } from '../../src/lib/server/events/store';
import { PROJECTORS } from '../../src/lib/server/projections';
import { WallData } from './wall-data';

const database = await openDatabase({ url: process.env.DATABASE_URL!, max: 2 });
const store = new EventStore(database, {
	catalog: EVENT_CATALOG,
	chainKey: Buffer.from(process.env.FENGHUO_CHAIN_KEY!, 'hex'),
	projectors: PROJECTORS
});
const data = new WallData(store) as unknown as Record<string, (...args: unknown[]) => unknown>;

const AUTH_MODULE = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../src/lib/server/auth/index.ts'
);

interface AuthModule {
	getAuth(): Promise<{
		createDisplay(
			input: { name: string; region: string },
			by: string
		): Promise<{ ok: true; value: { code: string } } | { ok: false; errors: object }>;
		pair(code: string): Promise<{ token: string } | null>;
	}>;
	cookieNames(origin?: string): { display: string };
}

/**
 * The cookie a paired national display sends (walls need a display credential once accounts
 * exist); null while the code base has no accounts. Imported by path at run time, like the
 * realtime bench does.
 */
data.displayCookie = async (origin: unknown) => {
	if (!existsSync(AUTH_MODULE)) return null;
	const auth = (await import(pathToFileURL(AUTH_MODULE).href)) as AuthModule;
	const service = await auth.getAuth();
	const created = await service.createDisplay({ name: 'e2e wall', region: 'national' }, 'e2e');
	if (!created.ok) throw new Error(`display refused: ${JSON.stringify(created.errors)}`);
	const paired = await service.pair(created.value.code);
	if (!paired) throw new Error('display could not be paired');
	return { name: auth.cookieNames(String(origin)).display, value: paired.token };
};

for await (const line of createInterface({ input: process.stdin })) {
	if (!line.trim()) continue;
	const { id, op, args } = JSON.parse(line) as { id: number; op: string; args: unknown[] };
	try {
		const method = data[op];
		if (typeof method !== 'function') throw new Error(`no such operation: ${op}`);
		const result = await method.apply(data, args);
		process.stdout.write(`${JSON.stringify({ id, result })}\n`);
	} catch (err) {
		const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
		process.stdout.write(`${JSON.stringify({ id, error })}\n`);
	}
}
await database.close();
// Other modules (the auth service) may hold their own pools: this process is done.
process.exit(0);
