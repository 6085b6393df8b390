/**
 * A command-layer writer for the wall's browser tests, run as its own process with tsx
 * (`node --import tsx tests/e2e/wall-commands.ts`): the domain imports JSON modules (regions),
 * which Playwright's own loader refuses without import attributes. It is another "node" on the
 * server's database: it appends through `execute` with the app's projectors, exactly as the
 * app would. Protocol: one JSON request per stdin line `{ id, op, args }` (op = a WallData
 * method), one JSON reply per stdout line `{ id, result }` or `{ id, error }`.
 */
import { createInterface } from 'node:readline';
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
