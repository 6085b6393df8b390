import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from './canonical';

/** Algorithms a row may record. SM3 (GB/T 32905) is the default; Node's crypto has it built in. */
export const CHAIN_ALGS = { 'hmac-sm3': 'sm3', 'hmac-sha256': 'sha256' } as const;
export type ChainAlg = keyof typeof CHAIN_ALGS;

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a row that the chain covers, in a fixed order. */
export interface ChainedFields {
	seq: number;
	streamId: string;
	streamVersion: number;
	type: string;
	payload: unknown;
	actor: string;
	region: string | null;
	regions: readonly string[];
	drill: boolean;
	occurredAt: Date;
	recordedAt: Date;
	idempotencyKey: string | null;
}

export function canonicalRow(r: ChainedFields): string {
	return JSON.stringify([
		r.seq,
		r.streamId,
		r.streamVersion,
		r.type,
		canonicalJson(r.payload),
		r.actor,
		r.region,
		r.regions,
		r.drill,
		r.occurredAt.toISOString(),
		r.recordedAt.toISOString(),
		r.idempotencyKey
	]);
}

/** HMAC(key, prevHash ‖ '\n' ‖ canonical row), hex. */
export function chainHash(
	alg: ChainAlg,
	key: Buffer,
	prevHash: string,
	row: ChainedFields
): string {
	return createHmac(CHAIN_ALGS[alg], key)
		.update(prevHash)
		.update('\n')
		.update(canonicalRow(row))
		.digest('hex');
}

/**
 * The chain key: FENGHUO_CHAIN_KEY (hex) if set, else `<dataDir>/chain.key`, generated on first
 * use with mode 0600. It never goes into the database.
 */
export function loadChainKey(options: { hex?: string; dataDir: string }): Buffer {
	if (options.hex) return Buffer.from(options.hex, 'hex');
	const file = path.join(options.dataDir, 'chain.key');
	if (!existsSync(file)) {
		mkdirSync(options.dataDir, { recursive: true });
		try {
			writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
			chmodSync(file, 0o600);
		} catch (err) {
			// Another copy of this module created it first: use theirs.
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		}
	}
	const hex = readFileSync(file, 'utf8').trim();
	if (!/^[0-9a-fA-F]{64,}$/.test(hex))
		throw new Error(`${file} does not hold a hex key of ≥ 32 bytes`);
	return Buffer.from(hex, 'hex');
}
