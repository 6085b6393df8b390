import type { Actor } from '../../domain/actor';
import type { DomainEvent } from '../../domain/decider';
import { DomainError } from '../../domain/errors';
import { ConcurrencyError, type EventStore } from '../events/store';
import type { NewEvent, StoredEvent } from '../events/types';
import type { AggregateSpec } from './aggregates';

export interface CommandContext {
	actor: Actor;
	/** Default: the system clock. Drills and the demo pass their own. */
	now?: Date;
	/** Retried requests with the same key return the original result (scope it per caller). */
	idempotencyKey?: string;
	/** Everything a drill causes is flagged, end to end. */
	drill?: boolean;
}

export interface CommandResult<S> {
	/** seq of the last event appended (or of the original events for a retry); 0 if none. */
	seq: number;
	events: StoredEvent[];
	state: S;
	duplicate: boolean;
}

const MAX_ATTEMPTS = 4;

export const toDomain = <E extends DomainEvent>(e: StoredEvent): E =>
	({ type: e.type, data: e.payload }) as E;

/**
 * One user action: load the stream → fold → decide → append at the expected version. A
 * concurrent writer makes the append fail; the command is then decided again on the new
 * state (bounded). Authorization of scope happens before (routes/API); the domain's own
 * "who may do this" rules run inside decide.
 */
export async function execute<C, E extends DomainEvent, S>(
	store: EventStore,
	spec: AggregateSpec<C, E, S>,
	id: string,
	command: C,
	ctx: CommandContext
): Promise<CommandResult<S>> {
	const streamId = spec.stream(id);
	const named = spec.idIn?.(command);
	if (named !== undefined && named !== id) {
		throw new DomainError('invalid', 'command.id_mismatch', `command names ${named}, not ${id}`, {
			field: 'id'
		});
	}
	if (ctx.idempotencyKey) {
		const original = await store.findIdempotent(ctx.idempotencyKey);
		if (original) {
			const state = (await store.readStream(streamId))
				.map((e) => toDomain<E>(e))
				.reduce(spec.decider.evolve, spec.decider.initialState);
			return { seq: original.lastSeq, events: original.events, state, duplicate: true };
		}
	}
	for (let attempt = 1; ; attempt++) {
		const history = await store.readStream(streamId);
		let state = history
			.map((e) => toDomain<E>(e))
			.reduce(spec.decider.evolve, spec.decider.initialState);
		const now = (ctx.now ?? new Date()).toISOString();
		const decided = spec.decider.decide(command, state, { now, actor: ctx.actor });
		if (decided.length === 0) return { seq: 0, events: [], state, duplicate: false };

		let drill = ctx.drill ?? false;
		const events: NewEvent[] = decided.map((event) => {
			state = spec.decider.evolve(state, event);
			const scope = spec.scope(state, event);
			drill ||= scope.drill;
			const at = (event.data as { at?: unknown }).at;
			return {
				type: event.type,
				payload: event.data as Record<string, unknown>,
				region: scope.region,
				regions: scope.regions,
				sectors: scope.sectors,
				orgIds: scope.orgIds,
				occurredAt: typeof at === 'string' ? at : undefined
			};
		});
		try {
			const result = await store.append({
				streamId,
				expectedVersion: history.length,
				actor: ctx.actor.id,
				drill,
				idempotencyKey: ctx.idempotencyKey,
				events
			});
			return { seq: result.lastSeq, events: result.events, state, duplicate: result.duplicate };
		} catch (err) {
			if (err instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
			throw err;
		}
	}
}
