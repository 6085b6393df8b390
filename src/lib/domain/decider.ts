import type { Actor } from './actor';

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

export function fold<E extends DomainEvent, S>(
	decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>,
	events: readonly E[]
): S {
	return events.reduce(decider.evolve, decider.initialState);
}
