import { strToU8, zipSync } from 'fflate';
import { reportModel } from '../../domain/report';
import type { Lang } from '../../i18n';
import { env } from '../config/env';
import { loadChainKey, type ChainAlg } from '../events/chain';
import type { StoredEvent } from '../events/types';
import { chainSegment, incidentRowsFor, logExport, toLogEvent, type Requester } from './access';
import {
	AUDIT_FORMAT,
	MANIFEST,
	SIGNATURE,
	signManifest,
	type AuditManifest,
	type AuditRow
} from './audit-verify';
import { buildDocument } from './document';
import { renderDocx } from './docx';
import { sha256 } from './index';

export function auditRow(e: StoredEvent): AuditRow {
	return {
		seq: e.seq,
		streamId: e.streamId,
		streamVersion: e.streamVersion,
		type: e.type,
		payload: e.payload,
		actor: e.actor,
		region: e.region,
		regions: e.regions,
		sectors: e.sectors,
		orgIds: e.orgIds,
		drill: e.drill,
		occurredAt: e.occurredAt.toISOString(),
		recordedAt: e.recordedAt.toISOString(),
		idempotencyKey: e.idempotencyKey,
		hashAlg: e.hashAlg,
		prevHash: e.prevHash,
		hash: e.hash
	};
}

const jsonl = (rows: readonly AuditRow[]) =>
	strToU8(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

export interface AuditOptions {
	lang?: Lang;
	now?: Date;
	/** Signing key; default the server's chain key (FENGHUO_CHAIN_KEY or the data dir's file). */
	key?: Buffer;
}

/**
 * The audit package of an incident: its events with every chain field, the contiguous chain
 * segment from its first event to the position its reports were built from (rows of other
 * streams included: a link cannot be recomputed without its row), both reports, and a manifest
 * signed with the chain key. The export is logged.
 */
export async function auditPackage(
	requester: Requester,
	incidentId: string,
	options: AuditOptions = {}
): Promise<{ bytes: Uint8Array; filename: string; manifest: AuditManifest } | null> {
	const now = options.now ?? new Date();
	const lang = options.lang ?? 'zh';
	const rows = await incidentRowsFor(requester, incidentId);
	if (!rows) return null;
	const first = rows.incident[0]!;
	const lastOwn = rows.incident.at(-1)!;
	const toSeq = Math.max(lastOwn.seq, rows.position.seq);
	const segment = await chainSegment(first.seq, toSeq);
	const model = reportModel({
		incidentId,
		events: rows.related.map(toLogEvent),
		position: rows.position,
		now: now.toISOString()
	});
	if (!model) return null;

	const files: Record<string, Uint8Array> = {
		'events.jsonl': jsonl(rows.incident.map(auditRow)),
		'chain.jsonl': jsonl(segment.map(auditRow)),
		'reports/incident-report.docx': await renderDocx(buildDocument(model, 'incident', lang)),
		'reports/summary-report.docx': await renderDocx(buildDocument(model, 'summary', lang)),
		'reports/report.json': strToU8(JSON.stringify(model, null, 2))
	};
	const e = env();
	const alg: ChainAlg = (first.hashAlg as ChainAlg) ?? 'hmac-sm3';
	const key =
		options.key ?? loadChainKey({ hex: e.FENGHUO_CHAIN_KEY, dataDir: e.FENGHUO_DATA_DIR });
	const manifest: AuditManifest = {
		format: AUDIT_FORMAT,
		incidentId,
		streamId: first.streamId,
		generatedAt: now.toISOString(),
		signatureAlg: alg,
		events: {
			file: 'events.jsonl',
			count: rows.incident.length,
			firstSeq: first.seq,
			lastSeq: lastOwn.seq
		},
		chain: {
			file: 'chain.jsonl',
			fromSeq: first.seq,
			toSeq,
			anchorPrevHash: first.prevHash
		},
		position: rows.position,
		files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, sha256(v)]))
	};
	const manifestJson = JSON.stringify(manifest, null, 2);
	const bytes = zipSync({
		...files,
		[MANIFEST]: strToU8(manifestJson),
		[SIGNATURE]: strToU8(signManifest(alg, key, manifestJson) + '\n')
	});
	await logExport(requester, first, {
		kind: 'audit',
		format: 'zip',
		position: rows.position,
		sha256: sha256(bytes),
		now
	});
	return { bytes, filename: `audit-${incidentId}-seq${rows.position.seq}.zip`, manifest };
}
