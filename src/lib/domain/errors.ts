import type { z } from 'zod';

/**
 * What kind of refusal an error is. Five kinds, each with one meaning everywhere; each becomes
 * one HTTP status, in one place (src/lib/server/refusal.ts), for the console's forms, the
 * processor API, the admin pages and every other route alike.
 * - `malformed` (400): the request cannot be read as what it claims to be: not JSON, a header
 *   or a URL parameter outside its syntax. Nothing about the plan.
 * - `invalid` (422): it is read, but what it says breaks a rule about its content: a field
 *   missing, unknown or out of range, or a rule of the plan on the content (a signature for
 *   重大+, a reason for another level). Names the offending field(s).
 * - `forbidden` (403): this actor may not do this (role, region × sector, colour).
 * - `not_found` (404): the thing acted on does not exist, or is outside the actor's scope (the
 *   two are indistinguishable on purpose).
 * - `conflict` (409): valid, but the current state refuses it: a transition its status does
 *   not allow, a duplicate, something already done, a concurrent change (stream version).
 */
export const ERROR_KINDS = ['malformed', 'invalid', 'forbidden', 'not_found', 'conflict'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One offending field: its dotted path, a stable code (also its message key) and words. */
export interface FieldIssue {
	field: string;
	code: string;
	message: string;
}

export interface DomainErrorOptions {
	/** The offending input, when there is one (its issue carries the error's code). */
	field?: string | undefined;
	/** Several offending fields (a form refused as a whole). */
	issues?: readonly FieldIssue[];
	/** The i18n message key, when more specific than the code. Default: the code. */
	messageKey?: string;
	details?: Record<string, unknown> | undefined;
}

/**
 * An error a user can act on. `code` is stable (tests and API clients match on it), `kind` says
 * what sort of refusal it is, `issues` point at the offending inputs when there are any.
 */
export class DomainError extends Error {
	readonly kind: ErrorKind;
	readonly code: string;
	readonly messageKey: string;
	readonly issues: readonly FieldIssue[];
	readonly details: Record<string, unknown> | undefined;

	constructor(kind: ErrorKind, code: string, message: string, options: DomainErrorOptions = {}) {
		super(message);
		this.name = 'DomainError';
		this.kind = kind;
		this.code = code;
		this.messageKey = options.messageKey ?? code;
		this.issues =
			options.issues ??
			(options.field !== undefined ? [{ field: options.field, code, message }] : []);
		this.details = options.details;
	}

	/** The (first) offending field. */
	get field(): string | undefined {
		return this.issues[0]?.field;
	}
}

export function isDomainError(e: unknown): e is DomainError {
	return e instanceof DomainError;
}

type Make = (
	code: string,
	message: string,
	field?: string,
	details?: Record<string, unknown>
) => DomainError;

/**
 * The refusals of one part of the domain, by kind, their codes prefixed with its name:
 * `const fail = refusals('incident'); throw fail.conflict('already_reported', …, 'channel')`
 * makes `incident.already_reported`, a 409.
 */
export function refusals(prefix: string): Record<'invalid' | 'forbidden' | 'conflict', Make> & {
	notFound: Make;
} {
	const make =
		(kind: ErrorKind): Make =>
		(code, message, field, details) =>
			new DomainError(kind, `${prefix}.${code}`, message, { field, details });
	return {
		invalid: make('invalid'),
		forbidden: make('forbidden'),
		notFound: make('not_found'),
		conflict: make('conflict')
	};
}

/** The plain `forbidden` refusal: `role id may not Command`. */
export function forbidden(actor: { id: string; role: string }, what: string): DomainError {
	return new DomainError('forbidden', 'forbidden', `${actor.role} ${actor.id} may not ${what}`, {
		details: { command: what, role: actor.role }
	});
}

/** The plain `not_found` refusal: missing, or outside the actor's scope (the same on purpose). */
export function notFound(message: string): DomainError {
	return new DomainError('not_found', 'not_found', message);
}

/** A message that is already a code (our schemas name their message keys: 'reason_required'). */
const CODE = /^[a-z_.]+$/;

/**
 * THE mapping from zod's issues to offending fields, for every form, body and query: the first
 * issue per field. `code` is the schema's own message when it names a key, `required` for a
 * missing or empty value, `invalid` otherwise; `message` is zod's words.
 * - `field` maps an issue's dotted path to the field shown (default: the path itself);
 * - `root` names an issue about the whole value (default `_`).
 */
export function fieldIssues(
	issues: readonly z.core.$ZodIssue[],
	options: { field?: (path: string) => string; root?: string } = {}
): FieldIssue[] {
	const out = new Map<string, FieldIssue>();
	for (const issue of issues) {
		const path = issue.path.map(String).join('.');
		const field = path === '' ? (options.root ?? '_') : (options.field?.(path) ?? path);
		if (out.has(field)) continue;
		const code = CODE.test(issue.message)
			? issue.message
			: issue.code === 'invalid_type' ||
				  issue.code === 'too_small' ||
				  issue.code === 'invalid_union'
				? 'required'
				: 'invalid';
		out.set(field, { field, code, message: issue.message });
	}
	return [...out.values()];
}

/** Input that does not fit its schema, as one `invalid` refusal naming every offending field. */
export function invalidInput(
	error: z.ZodError,
	options: Parameters<typeof fieldIssues>[1] & { code?: string } = {}
): DomainError {
	const issues = fieldIssues(error.issues, options);
	return new DomainError(
		'invalid',
		options.code ?? 'invalid_input',
		issues[0]?.message ?? 'invalid input',
		{ issues }
	);
}

/** Form fields refused by hand (field → code), as one `invalid` refusal. */
export function invalidFields(errors: Record<string, string>, code = 'invalid_input'): DomainError {
	const issues = Object.entries(errors).map(([field, c]) => ({ field, code: c, message: c }));
	return new DomainError('invalid', code, issues[0]?.message ?? 'invalid input', { issues });
}
