import type { Actor } from '../actor';

/** Aggregates a scenario can drive, by the name the command layer knows them under. */
export type ScenarioAggregate = 'incident' | 'warning' | 'agency' | 'watch' | 'dutylog' | 'drill';

/**
 * One timed step of a scenario: a command, by an actor, `offsetMs` after the scenario starts.
 * Scenarios are data: the demo day and every drill script are lists of injects, played by
 * the same runner through the same command handlers as people use.
 */
export interface Inject {
	offsetMs: number;
	aggregate: ScenarioAggregate;
	/** Aggregate id (stream `<aggregate>-<id>`). */
	id: string;
	command: { type: string } & Record<string, unknown>;
	actor: Actor;
	/** Short human label for logs and the drill console. */
	label?: string;
	/**
	 * Full idempotency key. Stable across the ways an inject can be played (a demo day, an
	 * overlapping day after a restart, a resumed drill), so it is applied once. Default: the
	 * playback's prefix and the inject's index.
	 */
	key?: string;
	/** The drill this inject belongs to: not played once that drill is stopped. */
	drillId?: string;
}

export interface Scenario {
	id: string;
	name: { zh: string; en: string };
	/** Total length; the runner ends the scenario after the last inject. */
	durationMs: number;
	injects: Inject[];
}

/** mulberry32: a seeded PRNG, so a scenario is a pure function of its seed. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
