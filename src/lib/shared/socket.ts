import { SECTORS, type Sector } from '../domain/levels';

/**
 * The realtime wire contract, used by both `Server<…>` and `Socket<…>`.
 *
 * Every batch carries `seq`: the global log position it brings the room up to, and `prevSeq`:
 * the position the previous batch for that room ended at. A client whose last seq is below
 * `prevSeq` has missed a batch (gap → re-subscribe from its last seq); a batch with
 * `seq` ≤ its last seq is a duplicate. Events inside a batch carry their own `seq`.
 */

/**
 * national · region:<code> (walls) · region:<code>:<sector> (regulators) · org:<id> (processors)
 * · agency:<id> · incident:<id> · standby:<code> (agencies) · audit (administrators)
 */
export type Room = string;

export interface WireEvent {
	seq: number;
	streamId: string;
	streamVersion: number;
	type: string;
	payload: Record<string, unknown>;
	actor: string;
	region: string | null;
	regions: string[];
	drill: boolean;
	occurredAt: string;
	recordedAt: string;
}

export interface EventBatch {
	room: Room;
	prevSeq: number;
	seq: number;
	/** Server clock when sent (ISO): walls correct their local clocks with it. */
	serverTime: string;
	events: WireEvent[];
}

export interface SubscribeRequest {
	room: Room;
	/** Last seq the client has applied (0 = nothing). */
	since: number;
}

export type SubscribeAck =
	| {
			ok: true;
			/** Catch-up from `since` to the server's position; then live batches follow. */
			batch: EventBatch;
			/**
			 * True when the client was too far behind to replay: `batch.events` is empty and the
			 * client must reload its state over HTTP, then continue from `batch.seq`.
			 */
			snapshot: boolean;
	  }
	| { ok: false; error: { code: string; message: string } };

/** Why the server is about to drop a socket: its credential no longer holds. */
export interface AccessLost {
	reason: 'signed_out' | 'expired' | 'disabled' | 'revoked';
}

export interface ServerToClientEvents {
	events: (batch: EventBatch) => void;
	/** Sent just before the server disconnects a socket whose session or display ended. */
	access: (info: AccessLost) => void;
}

export interface ClientToServerEvents {
	subscribe: (request: SubscribeRequest, ack: (response: SubscribeAck) => void) => void;
	unsubscribe: (room: Room) => void;
}

export const ROOM_NATIONAL = 'national';
/** Administrators only: the security audit stream. */
export const ROOM_AUDIT = 'audit';
export const regionRoom = (code: string): Room => `region:${code}`;
/** A regulator's room: its region and sector. */
export const regulatorRoom = (code: string, sector: string): Room => `region:${code}:${sector}`;
export const orgRoom = (orgId: string): Room => `org:${orgId}`;
export const agencyRoom = (agencyId: string): Room => `agency:${agencyId}`;
export const incidentRoom = (incidentId: string): Room => `incident:${incidentId}`;
/** Warnings over a region, for the support agencies serving it (standby notices). */
export const standbyRoom = (code: string): Room => `standby:${code}`;

export type ParsedRoom =
	| { kind: 'national' }
	| { kind: 'audit' }
	| { kind: 'region'; code: string }
	| { kind: 'regulator'; code: string; sector: Sector }
	| { kind: 'org'; id: string }
	| { kind: 'agency'; id: string }
	| { kind: 'incident'; id: string }
	| { kind: 'standby'; code: string };

const REGION = '(\\d{6}|XPCC)';
const ID = '([A-Za-z0-9_.:-]{1,200})';
const PATTERNS: [RegExp, (m: RegExpExecArray) => ParsedRoom][] = [
	[new RegExp(`^region:${REGION}$`), (m) => ({ kind: 'region', code: m[1]! })],
	[
		new RegExp(`^region:${REGION}:(${SECTORS.join('|')})$`),
		(m) => ({
			kind: 'regulator',
			code: m[1]!,
			sector: m[2] as Sector
		})
	],
	[new RegExp(`^org:${ID}$`), (m) => ({ kind: 'org', id: m[1]! })],
	[new RegExp(`^agency:${ID}$`), (m) => ({ kind: 'agency', id: m[1]! })],
	[new RegExp(`^incident:${ID}$`), (m) => ({ kind: 'incident', id: m[1]! })],
	[new RegExp(`^standby:${REGION}$`), (m) => ({ kind: 'standby', code: m[1]! })]
];

export function parseRoom(room: unknown): ParsedRoom | null {
	if (room === ROOM_NATIONAL) return { kind: 'national' };
	if (room === ROOM_AUDIT) return { kind: 'audit' };
	if (typeof room !== 'string') return null;
	for (const [re, make] of PATTERNS) {
		const m = re.exec(room);
		if (m) return make(m);
	}
	return null;
}
