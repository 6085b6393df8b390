import type { z } from 'zod';
import type { Actor } from './actor';
import type { DomainError } from './errors';

/** What `decide` knows besides the command and the state: who asks, and when. */
export interface DecideContext {
	/** ISO-8601 UTC instant of the command. */
	now: string;
	actor: Actor;
}

export interface DomainEvent<T extends string = string, D = unknown> {
	type: T;
	data: D;
}

/**
 * An aggregate's whole business logic (Emmett's decider triple): fold events into state,
 * decide a command against state into new events (or throw a DomainError).
 */
export interface Decider<C, E extends DomainEvent, S> {
	initialState: S;
	decide(command: C, state: S, ctx: DecideContext): E[];
	evolve(state: S, event: E): S;
}

/**
 * `emit(type, data)` for one aggregate: every event leaves decide already valid against the
 * schema the store will check, or decide refuses with `<prefix>.invalid_payload` on the field.
 */
export function eventEmitter<E extends DomainEvent>(
	schemas: { [K in E['type']]: z.ZodType },
	invalid: (
		code: string,
		message: string,
		field?: string,
		details?: Record<string, unknown>
	) => DomainError
) {
	return <K extends E['type']>(
		type: K,
		data: Extract<E, { type: K }>['data']
	): Extract<E, { type: K }> => {
		const parsed = schemas[type].safeParse(data);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw invalid('invalid_payload', issue?.message ?? 'invalid payload', issue?.path.join('.'), {
				issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
			});
		}
		return { type, data: parsed.data } as Extract<E, { type: K }>;
	};
}
