import { z } from 'zod';
import type { Actor } from '../actor';
import type { DecideContext } from '../decider';
import { refusals, type DomainError } from '../errors';
import { isRegionCode, regionByCode } from '../regions';

/**
 * A drill (演练): a scenario script started for chosen regions. Everything it causes is
 * flagged `drill` end to end; it can be stopped at any time, and ends by itself when its
 * script has played.
 */

const iso = z.iso.datetime();
const text = z.string().trim().min(1).max(500);

export const drillEventSchemas = {
	DrillStarted: z.object({
		at: iso,
		by: text,
		drillId: text,
		scenarioId: text,
		name: text,
		regions: z.array(z.string().refine(isRegionCode, { message: 'unknown region code' })).min(1)
	}),
	DrillStopped: z.object({ at: iso, by: text, reason: text }),
	DrillCompleted: z.object({ at: iso, by: text })
} as const;

export type DrillEvent = {
	[K in keyof typeof drillEventSchemas]: { type: K; data: z.infer<(typeof drillEventSchemas)[K]> };
}[keyof typeof drillEventSchemas];

export type DrillCommand =
	| {
			type: 'StartDrill';
			data: { drillId: string; scenarioId: string; name: string; regions: string[] };
	  }
	| { type: 'StopDrill'; data: { reason: string } }
	| { type: 'CompleteDrill'; data: Record<string, never> };

export type DrillState =
	| { status: 'none' }
	| {
			status: 'running' | 'stopped' | 'completed';
			drillId: string;
			scenarioId: string;
			name: string;
			regions: string[];
			startedAt: string;
			startedBy: string;
			endedAt: string | null;
			stopReason: string | null;
	  };

export const initialState: DrillState = { status: 'none' };

/** Ministry: any region; a regulator: its own region (and the 计划单列市 within it); the scenario engine. */
export function mayRunDrill(actor: Actor, regions: readonly string[]): boolean {
	if (actor.role === 'ministry' || actor.role === 'system') return true;
	if (actor.role !== 'regulator' || !actor.region) return false;
	return regions.every((r) => r === actor.region || regionByCode(r)?.parent === actor.region);
}

/** The drill's refusals, by kind (codes `drill.…`). */
const fail = refusals('drill');

/** Whether `actor` may start a drill at all: in its own region, or anywhere (ministry, engine). */
export function mayStartDrill(actor: Actor): boolean {
	return mayRunDrill(actor, actor.region ? [actor.region] : []);
}

/**
 * Why `actor` cannot stop or complete this drill now (null: it can, given a reason to stop).
 * Written once: `decide` refuses with it, the console offers "stop" when it is null.
 */
export function drillRefusal(actor: Actor, state: DrillState): DomainError | null {
	if (state.status === 'none') return fail.notFound('not_found', 'no such drill');
	if (state.status !== 'running') return fail.conflict('not_running', `drill is ${state.status}`);
	if (!mayRunDrill(actor, state.regions))
		return fail.forbidden('forbidden', 'not allowed to end this drill');
	return null;
}

export function decide(command: DrillCommand, state: DrillState, ctx: DecideContext): DrillEvent[] {
	const { now: at, actor } = ctx;
	const by = actor.id;
	if (command.type === 'StartDrill') {
		if (state.status !== 'none')
			throw fail.conflict('already_exists', 'drill already started', 'drillId');
		const { regions } = command.data;
		if (regions.length === 0)
			throw fail.invalid('empty_scope', 'choose at least one region', 'regions');
		const unknown = regions.find((r) => !isRegionCode(r));
		if (unknown) throw fail.invalid('invalid_region', `unknown region ${unknown}`, 'regions');
		if (!mayRunDrill(actor, regions))
			throw fail.forbidden('forbidden', 'not allowed to run a drill here', 'regions');
		return [{ type: 'DrillStarted', data: { at, by, ...command.data } }];
	}
	const refused = drillRefusal(actor, state);
	if (refused) throw refused;
	if (command.type === 'StopDrill') {
		const reason = command.data.reason.trim();
		if (!reason) throw fail.invalid('reason_required', 'say why the drill stops', 'reason');
		return [{ type: 'DrillStopped', data: { at, by, reason } }];
	}
	return [{ type: 'DrillCompleted', data: { at, by } }];
}

export function evolve(state: DrillState, event: DrillEvent): DrillState {
	switch (event.type) {
		case 'DrillStarted':
			return {
				status: 'running',
				drillId: event.data.drillId,
				scenarioId: event.data.scenarioId,
				name: event.data.name,
				regions: event.data.regions,
				startedAt: event.data.at,
				startedBy: event.data.by,
				endedAt: null,
				stopReason: null
			};
		case 'DrillStopped':
			return state.status === 'none'
				? state
				: { ...state, status: 'stopped', endedAt: event.data.at, stopReason: event.data.reason };
		case 'DrillCompleted':
			return state.status === 'none'
				? state
				: { ...state, status: 'completed', endedAt: event.data.at };
	}
}
