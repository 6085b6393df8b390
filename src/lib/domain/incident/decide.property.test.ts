import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentEventSchemas } from './events';
import { fold, INCIDENT_STATUSES } from './evolve';
import { play, scriptArb } from './fixtures';

describe('incident decider properties', () => {
	it('accepted command sequences stay inside the defined statuses and fold deterministically', () => {
		const seed = Date.now();
		console.log(`incident property seed: ${seed}`);
		const reached = new Set<string>();
		fc.assert(
			fc.property(scriptArb, (script) => {
				const { state, events } = play(script);
				expect(state.status === 'none' || INCIDENT_STATUSES.includes(state.status)).toBe(true);
				for (const e of events)
					expect(incidentEventSchemas[e.type].safeParse(e.data).success).toBe(true);
				expect(fold(events)).toEqual(state);
				expect(JSON.parse(JSON.stringify(state))).toEqual(state);
				reached.add(state.status);
			}),
			{ seed, verbose: true, numRuns: 300 }
		);
		// Guards the generator: a property that only ever sees refusals proves nothing.
		expect(reached.has('response') || reached.has('closed')).toBe(true);
	});
});
