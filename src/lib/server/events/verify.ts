import type { DbExecutor } from '../db/client';
import { CHAIN_ALGS, chainHash, GENESIS_HASH, type ChainAlg } from './chain';
import { readPage } from './store';

export type VerifyResult =
	| { ok: true; count: number; headSeq: number; headHash: string }
	| { ok: false; count: number; seq: number; reason: string };

/**
 * Walk the log in seq order and recompute the keyed chain. Names the first broken link: a
 * changed row (hash mismatch), a relinked row (prev_hash mismatch), a deleted row (seq gap) or
 * an unknown algorithm. Deleting rows at the very end is only visible against an external
 * anchor of the head hash, which is why the result reports it.
 */
export async function verifyChain(
	db: DbExecutor,
	key: Buffer,
	options: { pageSize?: number } = {}
): Promise<VerifyResult> {
	const pageSize = options.pageSize ?? 5000;
	let expectedSeq = 1;
	let prevHash = GENESIS_HASH;
	let count = 0;
	for (;;) {
		const page = await readPage(db, expectedSeq - 1, pageSize);
		if (page.length === 0) break;
		for (const row of page) {
			const fail = (reason: string): VerifyResult => ({ ok: false, count, seq: row.seq, reason });
			if (row.seq !== expectedSeq) {
				return {
					ok: false,
					count,
					seq: expectedSeq,
					reason: `row missing (next row is seq ${row.seq})`
				};
			}
			if (!(row.hashAlg in CHAIN_ALGS)) return fail(`unknown hash algorithm "${row.hashAlg}"`);
			if (row.prevHash !== prevHash) return fail('prev_hash does not match the previous row');
			const expected = chainHash(row.hashAlg as ChainAlg, key, prevHash, row);
			if (expected !== row.hash) return fail('hash mismatch: the row was changed');
			prevHash = row.hash;
			expectedSeq += 1;
			count += 1;
		}
	}
	return { ok: true, count, headSeq: expectedSeq - 1, headHash: prevHash };
}
