/**
 * Offline verification of an incident's audit package (no database): recompute the keyed chain
 * over the package's contiguous segment, check that the incident's events are exactly the
 * segment's rows of its stream, and that the manifest (which names the reports' hashes) was
 * signed with the same key. Imported by `npm run log:verify -- --zip`, so it stays free of
 * SvelteKit aliases.
 */
import { createHmac, createHash, timingSafeEqual } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { CHAIN_ALGS, chainHash, type ChainAlg } from '../events/chain';

export const AUDIT_FORMAT = 'fenghuo-audit/1';

/** A log row as written to events.jsonl and chain.jsonl: every field the chain covers. */
export interface AuditRow {
	seq: number;
	streamId: string;
	streamVersion: number;
	type: string;
	payload: unknown;
	actor: string;
	region: string | null;
	regions: string[];
	/** Routing fields outside the chain (informative). */
	sectors?: string[];
	orgIds?: string[];
	drill: boolean;
	occurredAt: string;
	recordedAt: string;
	idempotencyKey: string | null;
	hashAlg: string;
	prevHash: string;
	hash: string;
}

export interface AuditManifest {
	format: typeof AUDIT_FORMAT;
	incidentId: string;
	streamId: string;
	generatedAt: string;
	/** Algorithm of the manifest signature (the chain's own). */
	signatureAlg: ChainAlg;
	events: { file: 'events.jsonl'; count: number; firstSeq: number; lastSeq: number };
	chain: { file: 'chain.jsonl'; fromSeq: number; toSeq: number; anchorPrevHash: string };
	/** The log position the reports were built from. */
	position: { seq: number; hash: string };
	/** SHA-256 of every other file of the package. */
	files: Record<string, string>;
}

export type AuditVerifyResult =
	| {
			ok: true;
			incidentId: string;
			events: number;
			segment: { fromSeq: number; toSeq: number };
			position: { seq: number; hash: string };
	  }
	| { ok: false; reason: string; seq?: number; file?: string };

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';

export function signManifest(alg: ChainAlg, key: Buffer, manifestJson: string): string {
	return createHmac(CHAIN_ALGS[alg], key).update(manifestJson).digest('hex');
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function parseLines(text: string): AuditRow[] {
	return text
		.split('\n')
		.filter((l) => l.trim() !== '')
		.map((l) => JSON.parse(l) as AuditRow);
}

function toChained(r: AuditRow) {
	return {
		...r,
		occurredAt: new Date(r.occurredAt),
		recordedAt: new Date(r.recordedAt)
	};
}

/** Same row content (every chained field and both hashes)? */
function sameRow(a: AuditRow, b: AuditRow): boolean {
	return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
function canonical(r: AuditRow): unknown[] {
	return [
		r.seq,
		r.streamId,
		r.streamVersion,
		r.type,
		sortKeys(r.payload),
		r.actor,
		r.region,
		r.regions,
		r.drill,
		r.occurredAt,
		r.recordedAt,
		r.idempotencyKey,
		r.hashAlg,
		r.prevHash,
		r.hash
	];
}
function sortKeys(v: unknown): unknown {
	if (v === null || typeof v !== 'object') return v;
	if (Array.isArray(v)) return v.map(sortKeys);
	const o = v as Record<string, unknown>;
	return Object.fromEntries(
		Object.keys(o)
			.sort()
			.map((k) => [k, sortKeys(o[k])])
	);
}

export function verifyAuditZip(zip: Uint8Array, key: Buffer): AuditVerifyResult {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(zip);
	} catch (err) {
		return { ok: false, reason: `not a zip file (${(err as Error).message})` };
	}
	const manifestBytes = files[MANIFEST];
	const sigBytes = files[SIGNATURE];
	if (!manifestBytes) return { ok: false, file: MANIFEST, reason: 'manifest.json is missing' };
	if (!sigBytes) return { ok: false, file: SIGNATURE, reason: 'manifest.sig is missing' };
	const manifestJson = strFromU8(manifestBytes);
	let manifest: AuditManifest;
	try {
		manifest = JSON.parse(manifestJson) as AuditManifest;
	} catch {
		return { ok: false, file: MANIFEST, reason: 'manifest.json is not JSON' };
	}
	if (manifest.format !== AUDIT_FORMAT)
		return { ok: false, file: MANIFEST, reason: `unknown format "${String(manifest.format)}"` };
	if (!(manifest.signatureAlg in CHAIN_ALGS))
		return { ok: false, file: MANIFEST, reason: 'unknown signature algorithm' };
	const expectedSig = Buffer.from(signManifest(manifest.signatureAlg, key, manifestJson), 'hex');
	const givenSig = Buffer.from(strFromU8(sigBytes).trim(), 'hex');
	if (givenSig.length !== expectedSig.length || !timingSafeEqual(givenSig, expectedSig))
		return {
			ok: false,
			file: SIGNATURE,
			reason: 'manifest signature mismatch: manifest changed or wrong key'
		};

	for (const [name, digest] of Object.entries(manifest.files)) {
		const bytes = files[name];
		if (!bytes) return { ok: false, file: name, reason: `${name} is missing` };
		if (sha256(bytes) !== digest)
			return {
				ok: false,
				file: name,
				reason: `${name} does not match its SHA-256 in the manifest`
			};
	}

	const chainBytes = files[manifest.chain.file];
	const eventBytes = files[manifest.events.file];
	if (!chainBytes) return { ok: false, file: 'chain.jsonl', reason: 'chain.jsonl is missing' };
	if (!eventBytes) return { ok: false, file: 'events.jsonl', reason: 'events.jsonl is missing' };
	let chain: AuditRow[];
	let events: AuditRow[];
	try {
		chain = parseLines(strFromU8(chainBytes));
		events = parseLines(strFromU8(eventBytes));
	} catch {
		return { ok: false, reason: 'a .jsonl file holds a line that is not JSON' };
	}

	// 1. The segment: contiguous, anchored, every link recomputed with the key.
	const { fromSeq, toSeq, anchorPrevHash } = manifest.chain;
	let prev = anchorPrevHash;
	let expectedSeq = fromSeq;
	const bySeq = new Map<number, AuditRow>();
	for (const row of chain) {
		const fail = (reason: string, seq = row.seq): AuditVerifyResult => ({
			ok: false,
			file: 'chain.jsonl',
			seq,
			reason: `broken link at seq ${seq}: ${reason}`
		});
		if (row.seq !== expectedSeq)
			return fail(`row missing (next row is seq ${row.seq})`, expectedSeq);
		if (!(row.hashAlg in CHAIN_ALGS)) return fail(`unknown hash algorithm "${row.hashAlg}"`);
		if (row.prevHash !== prev) return fail('prev_hash does not match the previous row');
		const recomputed = chainHash(row.hashAlg as ChainAlg, key, prev, toChained(row));
		if (recomputed !== row.hash) return fail('hash mismatch: the row was changed');
		bySeq.set(row.seq, row);
		prev = row.hash;
		expectedSeq++;
	}
	if (expectedSeq - 1 !== toSeq)
		return {
			ok: false,
			file: 'chain.jsonl',
			seq: expectedSeq,
			reason: `broken link at seq ${expectedSeq}: segment ends early (manifest says ${toSeq})`
		};

	// 2. The incident's events are exactly the segment's rows of its stream, versions 1..n.
	const stream = manifest.streamId;
	for (const [i, e] of events.entries()) {
		const fail = (reason: string): AuditVerifyResult => ({
			ok: false,
			file: 'events.jsonl',
			seq: e.seq,
			reason: `event at seq ${e.seq}: ${reason}`
		});
		if (e.streamId !== stream) return fail(`belongs to ${e.streamId}, not ${stream}`);
		if (e.streamVersion !== i + 1)
			return fail(`stream version ${e.streamVersion}, expected ${i + 1}`);
		const inChain = bySeq.get(e.seq);
		if (!inChain) return fail('outside the chain segment');
		if (!sameRow(e, inChain)) return fail('differs from the chained row');
	}
	const inStream = chain.filter((r) => r.streamId === stream).length;
	if (inStream !== events.length)
		return {
			ok: false,
			file: 'events.jsonl',
			reason: `the segment holds ${inStream} events of ${stream}, events.jsonl ${events.length}`
		};
	if (events.length === 0 || events[0]!.seq !== fromSeq)
		return { ok: false, file: 'events.jsonl', reason: 'the segment must start at the first event' };

	// 3. The reports' position is a row of the segment with that hash.
	const at = bySeq.get(manifest.position.seq);
	if (!at || at.hash !== manifest.position.hash)
		return {
			ok: false,
			file: MANIFEST,
			seq: manifest.position.seq,
			reason: `report position seq ${manifest.position.seq} is not in the chain with that hash`
		};

	return {
		ok: true,
		incidentId: manifest.incidentId,
		events: events.length,
		segment: { fromSeq, toSeq },
		position: manifest.position
	};
}
