import { z } from 'zod';

/**
 * Security audit events (issue 5). They live in the same hash-chained log as everything else,
 * in one stream per UTC day (`audit-<yyyy-mm-dd>`), with no region: only administrators'
 * `audit` room receives them. Never a password, a token or a TOTP code: only ids, usernames as
 * typed (trimmed, bounded) and reasons.
 */
const iso = z.iso.datetime();
const id = z.string().trim().min(1).max(200);
const name = z.string().max(200);
const base = { at: iso, by: id };

export const AUDIT_REASONS = [
	'bad_credentials',
	'locked',
	'disabled',
	'bad_totp',
	'idle_timeout',
	'absolute_timeout'
] as const;

export const auditEventSchemas = {
	/** A login succeeded: `by` is the user id; `sessionRef` is a non-secret prefix of the session id. */
	LoginSucceeded: z.object({ ...base, username: name, sessionRef: id }),
	/** A login failed (unknown user, wrong password, locked or disabled account, bad code). */
	LoginFailed: z.object({
		...base,
		username: name,
		userId: id.optional(),
		reason: z.enum(AUDIT_REASONS)
	}),
	AccountLocked: z.object({ ...base, userId: id, until: iso, failures: z.number().int() }),
	LoggedOut: z.object({ ...base, sessionRef: id }),
	SessionExpired: z.object({
		...base,
		userId: id,
		sessionRef: id,
		reason: z.enum(['idle_timeout', 'absolute_timeout'])
	}),
	PermissionDenied: z.object({
		...base,
		/** Route id, form action or socket room. */
		target: z.string().min(1).max(500),
		method: z.string().max(10)
	}),
	UserCreated: z.object({
		...base,
		userId: id,
		username: name,
		role: z.string().max(40),
		region: z.string().max(20).nullable(),
		sector: z.string().max(20).nullable(),
		orgId: z.string().max(200).nullable(),
		agencyId: z.string().max(200).nullable()
	}),
	UserUpdated: z.object({
		...base,
		userId: id,
		/** Names of the fields changed (never their secret values). */
		fields: z.array(z.string().max(40)).max(20)
	}),
	UserDisabled: z.object({ ...base, userId: id, sessionsKilled: z.number().int() }),
	UserEnabled: z.object({ ...base, userId: id }),
	OrganisationSaved: z.object({
		...base,
		orgId: id,
		kind: z.string().max(40),
		parentId: z.string().max(200).nullable()
	}),
	ApiTokenIssued: z.object({ ...base, tokenId: id, orgId: id, name }),
	ApiTokenRevoked: z.object({ ...base, tokenId: id, orgId: id }),
	DisplayCreated: z.object({ ...base, displayId: id, region: z.string().max(20), name }),
	DisplayPaired: z.object({ ...base, displayId: id }),
	DisplayRevoked: z.object({ ...base, displayId: id })
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type AuditEventType = keyof typeof auditEventSchemas;
export type AuditEvent = {
	[K in AuditEventType]: { type: K; data: z.infer<(typeof auditEventSchemas)[K]> };
}[AuditEventType];

export const AUDIT_STREAM_PREFIX = 'audit-';

/** The audit stream of the UTC day of `at`. */
export const auditStream = (at: Date | string): string =>
	`${AUDIT_STREAM_PREFIX}${new Date(at).toISOString().slice(0, 10)}`;

export const isAuditStream = (streamId: string): boolean =>
	streamId.startsWith(AUDIT_STREAM_PREFIX);
