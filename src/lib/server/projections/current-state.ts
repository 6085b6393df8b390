import { inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Decider, DomainEvent } from '../../domain/decider';
import type { AppTx } from '../db/client';
import type { Projector, StoredEvent } from '../events/types';
import { toDomain } from '../commands/execute';

interface CurrentRow {
	streamVersion: number;
	state: Record<string, unknown>;
}

/**
 * A "current state" read model: one row per aggregate holding its folded state and the
 * columns screens query. Idempotent: events at or below the row's stream version are skipped,
 * so replaying any prefix twice changes nothing.
 */
export function currentStateProjector<E extends DomainEvent, S, T extends PgTable>(options: {
	name: string;
	decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>;
	prefix: string;
	table: T;
	key: PgColumn;
	/** The key's property name in selected rows (e.g. 'incidentId'). */
	keyField: string;
	/** Columns of the row for `state` (null: no row, e.g. not yet created). */
	toRow(state: S, last: StoredEvent, id: string): Record<string, unknown> | null;
	/** Runs after the rows changed, with the ids touched (e.g. to refresh a summary). */
	after?(tx: AppTx, ids: string[], last: StoredEvent): Promise<void>;
}): Projector<AppTx> {
	const { decider, table, key, prefix } = options;
	return {
		name: options.name,
		async apply(tx, events) {
			const byStream = new Map<string, StoredEvent[]>();
			for (const e of events) {
				if (!e.streamId.startsWith(prefix)) continue;
				const list = byStream.get(e.streamId) ?? [];
				list.push(e);
				byStream.set(e.streamId, list);
			}
			if (byStream.size === 0) return;
			const ids = [...byStream.keys()].map((s) => s.slice(prefix.length));
			const existing = new Map<string, CurrentRow>(
				(
					(await tx
						.select()
						.from(table as PgTable)
						.where(inArray(key, ids))) as unknown as (CurrentRow & Record<string, unknown>)[]
				).map((r) => [String(r[options.keyField]), r])
			);
			for (const [streamId, list] of byStream) {
				const id = streamId.slice(prefix.length);
				const row = existing.get(id);
				let state = (row?.state as S | undefined) ?? decider.initialState;
				let version = row?.streamVersion ?? 0;
				for (const e of list) {
					if (e.streamVersion <= version) continue;
					state = decider.evolve(state, toDomain<E>(e));
					version = e.streamVersion;
				}
				if (version === (row?.streamVersion ?? 0)) continue;
				const last = list[list.length - 1]!;
				const columns = options.toRow(state, last, id);
				if (!columns) continue;
				const values = {
					...columns,
					streamVersion: version,
					lastSeq: last.seq,
					state: state as Record<string, unknown>
				};
				await tx
					.insert(table)
					.values(values as never)
					.onConflictDoUpdate({ target: key, set: values as never });
			}
			if (options.after) await options.after(tx, ids, events[events.length - 1]!);
		},
		async reset(tx) {
			await tx.delete(table);
		}
	};
}
