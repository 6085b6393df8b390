import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../../domain/actor';
import { getEventStore } from '../events/app';
import type { OpsDeps } from './commands';
import { formFields, type FormFields, type OpsResult } from './result';
import { requireActor } from './session';

/** What every console form gets back: which form it was, and its outcome. */
export type FormOutcome =
	| { formId: string; ok: true; id?: string }
	| { formId: string; ok: false; code: string; message: string; errors: Record<string, string> };

/**
 * A SvelteKit form action around one console function: the signed-in actor, the form's fields,
 * the app's store; a refusal becomes `fail(status, …)` with field errors for the page.
 */
export function formAction(
	run: (deps: OpsDeps, actor: Actor, fields: FormFields, event: RequestEvent) => Promise<OpsResult>
) {
	return async (event: RequestEvent): Promise<FormOutcome | ActionFailure<FormOutcome>> => {
		const actor = requireActor(event.locals);
		const fields = formFields(await event.request.formData());
		const formId = typeof fields.formId === 'string' ? fields.formId : '';
		const r = await run({ store: await getEventStore() }, actor, fields, event);
		if (r.ok) return { formId, ok: true, ...(r.id ? { id: r.id } : {}) };
		return fail(r.status, {
			formId,
			ok: false as const,
			code: r.code,
			message: r.message,
			errors: r.errors
		});
	};
}
