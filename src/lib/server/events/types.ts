import type { z } from 'zod';
import type { ChainAlg } from './chain';

/** Payload schema per event type: the store refuses types it does not know. */
export type EventCatalog = Readonly<Record<string, z.ZodType<Record<string, unknown>>>>;

export interface NewEvent {
	type: string;
	payload: Record<string, unknown>;
	/** GB/T 2260 code (or XPCC) for scoping; omit for national/system events. */
	region?: string | null;
	/** Further regions the event concerns (e.g. a warning's scope); `region` is always included. */
	regions?: readonly string[];
	/** Sectors the event concerns, for regulators' scoped rooms. Default: every sector. */
	sectors?: readonly string[];
	/** Processor organisations whose incident it is about, for their rooms. Default none. */
	orgIds?: readonly string[];
	/** When it happened, as reported. Default: when recorded. */
	occurredAt?: Date | string;
}

/**
 * Optimistic concurrency: a number is the version the stream must be at (0 = must not exist
 * yet); 'any' skips the check.
 */
export type ExpectedVersion = number | 'any';

export interface AppendRequest {
	streamId: string;
	expectedVersion: ExpectedVersion;
	events: readonly NewEvent[];
	/** User id or API token id. */
	actor: string;
	/** Everything a drill causes is flagged, end to end. */
	drill?: boolean;
	/** A retried append with the same key returns the original events and writes nothing. */
	idempotencyKey?: string;
}

export interface StoredEvent {
	seq: number;
	streamId: string;
	streamVersion: number;
	type: string;
	payload: Record<string, unknown>;
	actor: string;
	region: string | null;
	regions: string[];
	sectors: string[];
	orgIds: string[];
	drill: boolean;
	occurredAt: Date;
	recordedAt: Date;
	idempotencyKey: string | null;
	hashAlg: ChainAlg;
	prevHash: string;
	hash: string;
}

export interface AppendResult {
	events: StoredEvent[];
	/** seq of the last event of this append. */
	lastSeq: number;
	/** True when an idempotent retry returned the original events. */
	duplicate: boolean;
}

/**
 * A read model updated inside the append transaction. `apply` must be idempotent per event
 * (upserts keyed by the event), so a rebuild from the log equals incremental application.
 */
export interface Projector<Tx = unknown> {
	name: string;
	apply(tx: Tx, events: readonly StoredEvent[]): Promise<void>;
	/** Drop the projection's rows before a rebuild. */
	reset(tx: Tx): Promise<void>;
}
