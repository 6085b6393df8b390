/**
 * `npm run log:verify`: walk the hash chain with the key from the environment (the same as the
 * server's). Prints "ok, N events" or names the first broken link and exits 1.
 * Embedded mode: stop the server first (PGlite allows one process per data folder).
 *
 * `npm run log:verify -- --zip <audit.zip>`: verify an incident's audit package offline (no
 * database): the chain segment is recomputed with the same key, the incident's events checked
 * against it, and the manifest (which carries the reports' hashes) against its signature.
 */
import { readFileSync } from 'node:fs';
import { env } from '../../src/lib/server/config/env';
import { loadChainKey } from '../../src/lib/server/events/chain';
import { verifyAuditZip } from '../../src/lib/server/reports/audit-verify';

const e = env();
const key = loadChainKey({ hex: e.FENGHUO_CHAIN_KEY, dataDir: e.FENGHUO_DATA_DIR });
const zipAt = process.argv.indexOf('--zip');

if (zipAt >= 0) {
	const file = process.argv[zipAt + 1];
	if (!file) {
		console.error('usage: npm run log:verify -- --zip <audit.zip>');
		process.exit(2);
	}
	const result = verifyAuditZip(new Uint8Array(readFileSync(file)), key);
	if (result.ok) {
		console.log(
			`ok, incident ${result.incidentId}: ${result.events} events, chain seq ${result.segment.fromSeq}..${result.segment.toSeq}`
		);
		console.log(`reports built at seq ${result.position.seq} hash ${result.position.hash}`);
	} else {
		console.log(`rejected: ${result.reason}${result.file ? ` (${result.file})` : ''}`);
		process.exitCode = 1;
	}
} else {
	const { closeDatabase, getDatabase } = await import('../../src/lib/server/db');
	const { verifyChain } = await import('../../src/lib/server/events/verify');
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
}
