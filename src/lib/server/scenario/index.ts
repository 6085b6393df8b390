import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor';
import { chinaDayStart } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import {
	demoDay,
	demoRegistry,
	drillCompletionKey,
	DRILL_SCRIPTS,
	drillSeed,
	SYSTEM_ACTOR
} from '../../domain/scenario';
import { drillAggregate } from '../commands/aggregates';
import { execute } from '../commands/execute';
import { env } from '../config/env';
import { drillCurrent } from '../db/schema';
import { getEventStore } from '../events/app';
import type { EventStore } from '../events/store';
import { logger } from '../log';
import { play, type Playback } from './runner';

const DAY_MS = 86_400_000;

const running = new Map<string, Playback>();
let demo: { stop(): void } | undefined;

/**
 * Background scenario work of this process: the live demo (FENGHUO_DEMO=on) and the drills
 * that were running when the server last stopped.
 */
export async function startScenarioServices(): Promise<{ stop(): void }> {
	const store = await getEventStore();
	if (env().FENGHUO_DEMO === 'on') demo = await startDemo(store);
	await resumeDrills(store);
	return {
		stop() {
			demo?.stop();
			for (const p of running.values()) p.stop();
			running.clear();
		}
	};
}

/**
 * The demo: registers the support agencies, then plays yesterday and today (China time) as
 * seeded demo days (the past part at once, the rest live), and every following day. Runs only
 * on an empty log or one the demo itself wrote: never over real data.
 */
export async function startDemo(
	store: EventStore,
	options: { seed?: number; now?: () => number } = {}
): Promise<{ stop(): void }> {
	const log = logger('demo');
	const now = options.now ?? Date.now;
	const seed = options.seed ?? 2024;
	const registryKey = demoRegistry()[0]!.key!;
	const registered = await store.findIdempotent(registryKey);
	if ((await store.headSeq()) !== 0 && !registered) {
		log.warn('FENGHUO_DEMO=on but the log holds other data: demo not started');
		return { stop() {} };
	}
	// The demo's first day is fixed by its first run (when the registry was recorded), so a
	// restart days later plays the same world on.
	const firstDay = registered
		? chinaDayStart(registered.events[0]!.occurredAt.getTime())
		: chinaDayStart(now()) - DAY_MS;
	const firstDayIso = new Date(firstDay).toISOString();
	let current: Playback | undefined;
	let stopped = false;
	const drillRunning = (drillId: string) => isDrillRunning(store, drillId);
	const loop = async () => {
		const registry = play(
			store,
			{
				id: 'demo-registry',
				name: { zh: '支撑机构名录', en: 'Agency registry' },
				durationMs: 0,
				injects: demoRegistry()
			},
			{ startMs: firstDay, keyPrefix: 'demo:registry', now },
			log
		);
		current = registry;
		await registry.done;
		// From yesterday (or the first day) on: a day already played replays as no-ops.
		for (let day = Math.max(firstDay, chinaDayStart(now()) - DAY_MS); !stopped; day += DAY_MS) {
			const dayIso = new Date(day).toISOString();
			const scenario = demoDay(seed, dayIso, { firstDayIso });
			const started = performance.now();
			current = play(store, scenario, { startMs: day, keyPrefix: 'demo', now, drillRunning }, log);
			const result = await current.done;
			log.info(
				{
					day: dayIso,
					...result,
					refused: result.refused.length,
					ms: Math.round(performance.now() - started)
				},
				'demo day played'
			);
			if (result.stopped) break;
		}
	};
	loop().catch((err: unknown) => log.error({ err }, 'demo stopped by an error'));
	return {
		stop() {
			stopped = true;
			current?.stop();
		}
	};
}

export interface StartDrillInput {
	scenarioId: string;
	regions: string[];
	name?: string;
}

/** Where drills write and what time it is: the app's store and clock unless a test says otherwise. */
export interface DrillDeps {
	store?: EventStore;
	now?: () => number;
}

/** Start a drill from a scenario script, for chosen regions. Returns the drill id. */
export async function startDrill(
	actor: Actor,
	input: StartDrillInput,
	deps: DrillDeps = {}
): Promise<string> {
	const script = DRILL_SCRIPTS[input.scenarioId];
	if (!script) {
		throw new DomainError(
			'invalid',
			'drill.unknown_scenario',
			`no drill script "${input.scenarioId}"`,
			{
				field: 'scenarioId'
			}
		);
	}
	const store = deps.store ?? (await getEventStore());
	const now = deps.now ?? Date.now;
	const drillId = randomUUID();
	const startMs = now();
	await execute(
		store,
		drillAggregate,
		drillId,
		{
			type: 'StartDrill',
			data: {
				drillId,
				scenarioId: input.scenarioId,
				name: input.name ?? script.name.zh,
				regions: input.regions
			}
		},
		{ actor, drill: true, now: new Date(startMs) }
	);
	launchDrill(store, drillId, input.scenarioId, input.regions, startMs, now);
	return drillId;
}

/**
 * Stop a drill at any time; its playback notices before its next inject, on any node. When this
 * returns, this node applies nothing more of the drill.
 */
export async function stopDrill(
	actor: Actor,
	drillId: string,
	reason: string,
	deps: DrillDeps = {}
): Promise<void> {
	const store = deps.store ?? (await getEventStore());
	await execute(
		store,
		drillAggregate,
		drillId,
		{ type: 'StopDrill', data: { reason } },
		{ actor, drill: true, ...(deps.now ? { now: new Date(deps.now()) } : {}) }
	);
	const playback = running.get(drillId);
	running.delete(drillId);
	playback?.stop();
	await playback?.done;
}

function launchDrill(
	store: EventStore,
	drillId: string,
	scenarioId: string,
	regions: string[],
	startMs: number,
	now: () => number = Date.now
) {
	const log = logger('drill');
	const script = DRILL_SCRIPTS[scenarioId];
	if (!script || running.has(drillId)) return;
	const scenario = script.build({
		drillId,
		regions,
		seed: drillSeed(drillId),
		startIso: new Date(startMs).toISOString()
	});
	const playback = play(
		store,
		scenario,
		{
			startMs,
			keyPrefix: `drill:${drillId}`,
			drill: true,
			now,
			shouldContinue: () => isDrillRunning(store, drillId)
		},
		log
	);
	running.set(drillId, playback);
	void playback.done
		.then(async (result) => {
			running.delete(drillId);
			log.info({ drillId, ...result, refused: result.refused.length }, 'drill script played');
			if (!result.stopped) {
				await execute(
					store,
					drillAggregate,
					drillId,
					{ type: 'CompleteDrill', data: {} },
					{
						actor: SYSTEM_ACTOR,
						drill: true,
						now: new Date(now()),
						idempotencyKey: drillCompletionKey(drillId)
					}
				);
			}
		})
		.catch((err: unknown) => log.error({ err, drillId }, 'drill playback failed'));
}

async function resumeDrills(store: EventStore) {
	const rows = await store.database.db
		.select()
		.from(drillCurrent)
		.where(eq(drillCurrent.status, 'running'));
	for (const row of rows)
		launchDrill(store, row.drillId, row.scenarioId, row.regions, row.startedAt.getTime());
}

async function isDrillRunning(store: EventStore, drillId: string): Promise<boolean> {
	const [row] = await store.database.db
		.select({ status: drillCurrent.status })
		.from(drillCurrent)
		.where(eq(drillCurrent.drillId, drillId));
	return row?.status === 'running';
}
