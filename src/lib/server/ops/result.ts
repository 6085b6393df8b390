import type { z } from 'zod';
import { invalidInput } from '../../domain/errors';
import { logger } from '../log';
import { fieldCodes, refusalOf, type RefusalStatus } from '../refusal';

/**
 * What a console action returns to its form: success with the log position it reached, or a
 * refusal with a stable code and per-field codes (the page shows them beside the inputs). A
 * refusal never appends anything: commands run whole in one transaction or not at all. Its
 * status is the one every surface gives that kind of refusal (../refusal.ts).
 */
export type OpsResult =
	| { ok: true; seq: number; id?: string }
	| {
			ok: false;
			status: RefusalStatus | 500;
			code: string;
			message: string;
			/** field name → message key (under `ops.error`); `_` for the form as a whole. */
			errors: Record<string, string>;
	  };

export { formFields, lines, many, one, type FormFields } from '../../components/ops/fields';
export { invalidFields, notFound } from '../../domain/errors';

/** Validates a form's fields with zod; refuses with every offending field (../../domain/errors). */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
	const r = schema.safeParse(value);
	if (r.success) return r.data;
	throw invalidInput(r.error);
}

/** Runs an action and turns every refusal a user can act on into an OpsResult. */
export async function attempt(
	what: string,
	run: () => Promise<{ seq: number; id?: string }>
): Promise<OpsResult> {
	try {
		const r = await run();
		return { ok: true, ...r };
	} catch (err) {
		const refusal = refusalOf(err);
		if (refusal)
			return {
				ok: false,
				status: refusal.status,
				code: refusal.code,
				message: refusal.message,
				errors: fieldCodes(refusal)
			};
		logger('ops').error({ err, what }, 'console action failed');
		return { ok: false, status: 500, code: 'internal', message: 'internal error', errors: {} };
	}
}
