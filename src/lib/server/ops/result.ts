import type { z } from 'zod';
import { isDomainError } from '../../domain/errors';
import { ConcurrencyError } from '../events/store';
import { logger } from '../log';

/**
 * What a console action returns to its form: success with the log position it reached, or a
 * refusal with a stable code and per-field messages (the page shows them beside the inputs).
 * A refusal never appends anything: commands run whole in one transaction or not at all.
 */
export type OpsResult =
	| { ok: true; seq: number; id?: string }
	| {
			ok: false;
			status: 400 | 403 | 404 | 409 | 422 | 500;
			code: string;
			message: string;
			/** field name → message key (under `ops.error`) or text. */
			errors: Record<string, string>;
	  };

export { formFields, lines, many, one, type FormFields } from '../../components/ops/fields';

export class InputError extends Error {
	constructor(
		readonly errors: Record<string, string>,
		readonly code = 'invalid_input'
	) {
		super(Object.entries(errors)[0]?.[1] ?? 'invalid input');
	}
}

/** Validates with zod; field errors keyed by the first path element (the form field). */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
	const r = schema.safeParse(value);
	if (r.success) return r.data;
	const errors: Record<string, string> = {};
	for (const issue of r.error.issues) {
		const field = issue.path.map(String).join('.') || '_';
		// Our schemas name their message keys (e.g. 'reason_required'); zod's own messages are
		// prose, shown as 'required' for a missing value and verbatim otherwise.
		errors[field] ??= /^[a-z_.]+$/.test(issue.message)
			? issue.message
			: issue.code === 'too_small' || issue.code === 'invalid_type'
				? 'required'
				: issue.message;
	}
	throw new InputError(errors);
}

const CONFLICT =
	/(^|\.)(invalid_transition|already_[a-z_]+|level_unchanged|over_capacity|level_mismatch|not_running|ended|summary_required)$/;

/** Runs an action and turns every refusal a user can act on into an OpsResult. */
export async function attempt(
	what: string,
	run: () => Promise<{ seq: number; id?: string }>
): Promise<OpsResult> {
	try {
		const r = await run();
		return { ok: true, ...r };
	} catch (err) {
		if (err instanceof InputError)
			return { ok: false, status: 400, code: err.code, message: err.message, errors: err.errors };
		if (err instanceof NotFound)
			return { ok: false, status: 404, code: 'not_found', message: err.message, errors: {} };
		if (err instanceof ConcurrencyError)
			return { ok: false, status: 409, code: 'conflict', message: 'changed meanwhile', errors: {} };
		if (isDomainError(err)) {
			const forbidden = err.code === 'forbidden' || err.code.endsWith('.forbidden');
			const status = forbidden
				? 403
				: err.code.endsWith('not_found')
					? 404
					: CONFLICT.test(err.code)
						? 409
						: 422;
			const field = err.field ?? '_';
			return {
				ok: false,
				status,
				code: err.code,
				message: err.message,
				errors: { [field]: err.code }
			};
		}
		logger('ops').error({ err, what }, 'console action failed');
		return { ok: false, status: 500, code: 'internal', message: 'internal error', errors: {} };
	}
}

/** The thing acted on is missing or outside the actor's scope (indistinguishable on purpose). */
export class NotFound extends Error {}
