import { isDomainError, type ErrorKind, type FieldIssue } from '../domain/errors';

/**
 * Where a refusal becomes an HTTP answer: the kind → status map, written once and used by the
 * console's form actions, the processor API, the summary and admin forms, the sign-in and
 * pairing forms and the report/statistics queries alike. The kinds and what each means:
 * src/lib/domain/errors.ts. (Refusals of the HTTP envelope itself, 401, 413, 415 and 429, are
 * the API's own: they say nothing about what was asked.)
 */
export const REFUSALS = {
	malformed: {
		status: 400,
		description: 'malformed request: not JSON, or a header or URL parameter out of its syntax'
	},
	invalid: { status: 422, description: 'invalid input, with field-level errors' },
	forbidden: { status: 403, description: 'not allowed for this caller' },
	not_found: { status: 404, description: 'no such thing (or not within the caller’s scope)' },
	conflict: {
		status: 409,
		description: 'conflicts with the current state (status, duplicate, concurrent change)'
	}
} as const satisfies Record<ErrorKind, { status: number; description: string }>;

export type RefusalStatus = (typeof REFUSALS)[ErrorKind]['status'];

export function statusOf(kind: ErrorKind): RefusalStatus {
	return REFUSALS[kind].status;
}

/** A refusal as every surface reports it. */
export interface Refusal {
	status: RefusalStatus;
	kind: ErrorKind;
	code: string;
	message: string;
	/** The offending fields (none when the refusal is about the request as a whole). */
	issues: readonly FieldIssue[];
}

/** The refusal `err` is, or null when it is not one a user can act on (log it: it is a 500). */
export function refusalOf(err: unknown): Refusal | null {
	if (!isDomainError(err)) return null;
	return {
		status: statusOf(err.kind),
		kind: err.kind,
		code: err.code,
		message: err.message,
		issues: err.issues
	};
}

/** Field → code (the message key a form shows beside the field); `_` for the form as a whole. */
export function fieldCodes(r: Pick<Refusal, 'code' | 'issues'>): Record<string, string> {
	if (r.issues.length === 0) return { _: r.code };
	return Object.fromEntries(r.issues.map((i) => [i.field, i.code]));
}

/** The status of a refused account operation (src/lib/server/auth): its kind, else invalid. */
export function statusOfRefused(outcome: { kind?: ErrorKind }): RefusalStatus {
	return statusOf(outcome.kind ?? 'invalid');
}
