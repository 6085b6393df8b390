import type { Logger } from 'pino';
import { isDomainError } from '../../domain/errors';
import type { Inject, Scenario } from '../../domain/scenario/types';
import { AGGREGATES, type AggregateSpec } from '../commands/aggregates';
import { execute } from '../commands/execute';
import type { EventStore } from '../events/store';

export interface PlayOptions {
	/** Epoch ms the scenario's offset 0 corresponds to. Injects already due run at once. */
	startMs: number;
	/** Idempotency key prefix: replaying a scenario (after a restart) writes nothing twice. */
	keyPrefix: string;
	drill?: boolean;
	/** Asked before every inject; false stops the playback (e.g. the drill was stopped elsewhere). */
	shouldContinue?: () => Promise<boolean>;
	/**
	 * Asked before an inject that belongs to a drill (other than the one starting it): a stopped
	 * drill's remaining injects are skipped while the rest of the scenario plays on.
	 */
	drillRunning?: (drillId: string) => Promise<boolean>;
	/** Clock. Default Date.now. */
	now?: () => number;
}

export interface PlaybackResult {
	executed: number;
	duplicates: number;
	refused: { index: number; label?: string; code: string }[];
	/** Injects of drills stopped meanwhile. */
	skipped: number;
	stopped: boolean;
}

export interface Playback {
	stop(): void;
	done: Promise<PlaybackResult>;
}

/**
 * Plays a scenario (the demo day, a drill script) through the same command handlers people
 * use, never by writing rows. Each inject runs at `startMs + offsetMs` with that instant as
 * the command's time; injects already due (a restart, a backfilled morning) run immediately.
 */
export function play(
	store: EventStore,
	scenario: Scenario,
	options: PlayOptions,
	log?: Logger
): Playback {
	const now = options.now ?? Date.now;
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let wake: (() => void) | undefined;
	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			wake = resolve;
			timer = setTimeout(resolve, ms);
		});
	const injects = [...scenario.injects].sort((a, b) => a.offsetMs - b.offsetMs);

	const done = (async (): Promise<PlaybackResult> => {
		const result: PlaybackResult = {
			executed: 0,
			duplicates: 0,
			refused: [],
			skipped: 0,
			stopped: false
		};
		for (const [index, inject] of injects.entries()) {
			const due = options.startMs + inject.offsetMs;
			const wait = due - now();
			if (wait > 0) await sleep(wait);
			if (stopped || (options.shouldContinue && !(await options.shouldContinue()))) {
				result.stopped = true;
				break;
			}
			if (
				inject.drillId &&
				inject.command.type !== 'StartDrill' &&
				options.drillRunning &&
				!(await options.drillRunning(inject.drillId))
			) {
				result.skipped += 1;
				continue;
			}
			try {
				const r = await run(store, inject, {
					now: new Date(due),
					drill: options.drill || inject.drillId !== undefined,
					idempotencyKey: inject.key ?? `${options.keyPrefix}:${index}`
				});
				if (r.duplicate) result.duplicates += 1;
				else result.executed += 1;
			} catch (err) {
				if (!isDomainError(err)) throw err;
				// A scripted step the domain refuses (e.g. someone acted first during a drill) is
				// reported, not fatal: the rest of the script still plays.
				result.refused.push({ index, label: inject.label, code: err.code });
				log?.warn(
					{ scenario: scenario.id, index, label: inject.label, code: err.code },
					'inject refused'
				);
			}
		}
		return result;
	})();

	return {
		stop() {
			stopped = true;
			clearTimeout(timer);
			wake?.();
		},
		done
	};
}

function run(
	store: EventStore,
	inject: Inject,
	ctx: { now: Date; drill?: boolean; idempotencyKey: string }
) {
	const spec = AGGREGATES[inject.aggregate] as unknown as AggregateSpec<unknown, never, unknown>;
	return execute(store, spec, inject.id, inject.command, { actor: inject.actor, ...ctx });
}
