/**
 * `npm run log:verify`: walk the hash chain with the key from the environment (the same as the
 * server's). Prints "ok, N events" or names the first broken link and exits 1.
 * Embedded mode: stop the server first (PGlite allows one process per data folder).
 */
import { env } from '../../src/lib/server/config/env';
import { closeDatabase, getDatabase } from '../../src/lib/server/db';
import { loadChainKey, verifyChain } from '../../src/lib/server/events';

const e = env();
const key = loadChainKey({ hex: e.FENGHUO_CHAIN_KEY, dataDir: e.FENGHUO_DATA_DIR });
const database = await getDatabase();
try {
	const result = await verifyChain(database.db, key);
	if (result.ok) {
		console.log(`ok, ${result.count} events`);
		console.log(`head seq ${result.headSeq} hash ${result.headHash}`);
	} else {
		console.log(
			`broken at seq ${result.seq}: ${result.reason} (${result.count} events verified before it)`
		);
		process.exitCode = 1;
	}
} finally {
	await closeDatabase();
}
