import { and, asc, eq, inArray, like, or, sql, arrayOverlaps } from 'drizzle-orm';
import type { Actor } from '../../domain/actor';
import { parseStream } from '../../domain/picture';
import { provinceOf } from '../../domain/regions';
import type { LogEvent, LogPosition } from '../../domain/report';
import { events } from '../db/schema';
import { getEventStore } from '../events/app';
import { GENESIS_HASH } from '../events/chain';
import { toStored } from '../events/store';
import type { StoredEvent } from '../events/types';
import { toWire } from '../realtime/hub';
import { canSeeIncident, toActor, type Principal } from '../auth/policy';
import { getAuth } from '../auth';

/**
 * Whose data a request may read: the whole country, or some regions (a province's scope lists
 * its 计划单列市 too). Every function of this module takes one, so the session guard being
 * built elsewhere only has to produce it.
 */
export type Scope = { national: true } | { regions: string[] };

/** Who asks: the scope they may read and the actor that exports and submissions are logged as. */
export interface Requester {
	scope: Scope;
	actor: Actor;
	/**
	 * The signed-in principal, when there is one: an incident's documents then follow the
	 * accounts policy's own per-incident rule (region and sector for a regulator, organisation for
	 * a processor, assignment for an agency) rather than a region scope.
	 */
	principal?: Principal;
}

/**
 * The requester of a request, from the session's principal (hooks.server.ts): the ministry
 * reads nationally; a regulator its region (a province's scope includes its 计划单列市); a
 * display its wall's region; anyone else nothing. The route table (auth/policy.ts) decides who
 * may open the pages at all; this decides what they read.
 */
export function requesterOf(locals: App.Locals): Requester {
	const p = locals.principal;
	const actor = toActor(p) ?? { id: p.id, role: 'display' as const };
	if (p.kind === 'display')
		return {
			scope: p.region === 'national' ? { national: true } : { regions: [p.region] },
			actor,
			principal: p
		};
	if (p.kind === 'user' && p.role === 'ministry')
		return { scope: { national: true }, actor, principal: p };
	if (p.kind === 'user' && p.role === 'regulator' && p.region)
		return { scope: { regions: [p.region] }, actor, principal: p };
	return { scope: { regions: [] }, actor, principal: p };
}

/** True when the scope covers any of `regions` (a province covers its cities and XPCC). */
export function covers(scope: Scope, regions: readonly (string | null)[]): boolean {
	if ('national' in scope) return true;
	return regions.some(
		(r) =>
			r !== null && (scope.regions.includes(r) || scope.regions.includes(provinceOf(r) ?? '\u0000'))
	);
}

/** Region codes a scope reads (null: all). */
export function scopeRegions(scope: Scope): string[] | null {
	return 'national' in scope ? null : scope.regions;
}

export const toLogEvent = (e: StoredEvent): LogEvent => ({ ...toWire(e), hash: e.hash });

export interface IncidentRows {
	/** The incident's own stream, by version. */
	incident: StoredEvent[];
	/** Every row a report of it reads (incident, its agencies, warnings, watches, calendar). */
	related: StoredEvent[];
	position: LogPosition;
}

/**
 * The rows of an incident and of what its reports read, if the scope covers the incident.
 * Out of scope reads as absent: a regional user cannot probe for other regions' incident ids.
 */
/**
 * An incident's rows for a requester: by the accounts policy's per-incident rule when a
 * principal asks, else by region scope. Out of scope and missing look the same (null).
 */
export async function incidentRowsFor(
	requester: Requester,
	incidentId: string
): Promise<IncidentRows | null> {
	if (!requester.principal) return incidentRows(requester.scope, incidentId);
	const facts = await (await getAuth()).incidentFacts(incidentId);
	if (!facts || !canSeeIncident(requester.principal, facts)) return null;
	return incidentRows({ national: true }, incidentId);
}

export async function incidentRows(scope: Scope, incidentId: string): Promise<IncidentRows | null> {
	const store = await getEventStore();
	const db = store.database.db;
	const incident = await store.readStream(`incident-${incidentId}`);
	const first = incident[0];
	if (!first || !covers(scope, first.regions)) return null;
	const regions = [...new Set(first.regions)];

	const assigned = await db
		.selectDistinct({ streamId: events.streamId })
		.from(events)
		.where(
			and(eq(events.type, 'AgencyAssigned'), sql`${events.payload}->>'incidentId' = ${incidentId}`)
		);
	const linked = await db
		.selectDistinct({ streamId: events.streamId })
		.from(events)
		.where(
			and(
				like(events.streamId, 'warning-%'),
				or(
					arrayOverlaps(events.regions, regions),
					sql`${events.payload}->>'incidentId' = ${incidentId}`
				)
			)
		);
	const reportWarning = (first.payload as { report?: { warningId?: string } }).report?.warningId;
	const streams = [
		...new Set([
			...assigned.map((r) => r.streamId),
			...linked.map((r) => r.streamId),
			...(reportWarning ? [`warning-${reportWarning}`] : []),
			'calendar-cn'
		])
	];
	const rows = await db
		.select()
		.from(events)
		.where(or(inArray(events.streamId, streams), like(events.streamId, 'watch-%')))
		.orderBy(asc(events.seq));
	const related = [...incident, ...rows.map(toStored)].sort((a, b) => a.seq - b.seq);
	const unique = related.filter((e, i) => i === 0 || related[i - 1]!.seq !== e.seq);
	const last = unique.at(-1);
	return {
		incident,
		related: unique,
		position: last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH }
	};
}

/** Rows with from ≤ seq ≤ to, in order (the chain segment of an audit package). */
export async function chainSegment(from: number, to: number): Promise<StoredEvent[]> {
	const store = await getEventStore();
	const out: StoredEvent[] = [];
	let after = from - 1;
	while (after < to) {
		const page = await store.read(after, Math.min(5000, to - after));
		if (page.length === 0) break;
		out.push(...page.filter((e) => e.seq <= to));
		after = page.at(-1)!.seq;
	}
	return out;
}

/** Logs that a document left the system. */
export async function logExport(
	requester: Requester,
	incident: StoredEvent,
	payload: {
		kind: 'incident' | 'summary' | 'audit';
		format: 'docx' | 'html' | 'zip';
		position: LogPosition;
		sha256?: string;
		now: Date;
	}
): Promise<number> {
	const store = await getEventStore();
	const { id } = parseStream(incident.streamId);
	const result = await store.append({
		streamId: `export-${id}`,
		expectedVersion: 'any',
		actor: requester.actor.id,
		drill: incident.drill,
		events: [
			{
				type: 'ReportExported',
				region: incident.region,
				regions: incident.regions,
				sectors: incident.sectors,
				orgIds: incident.orgIds,
				occurredAt: payload.now,
				payload: {
					at: payload.now.toISOString(),
					by: requester.actor.id,
					incidentId: id,
					kind: payload.kind,
					format: payload.format,
					positionSeq: payload.position.seq,
					positionHash: payload.position.hash,
					...(payload.sha256 ? { sha256: payload.sha256 } : {})
				}
			}
		]
	});
	return result.lastSeq;
}
