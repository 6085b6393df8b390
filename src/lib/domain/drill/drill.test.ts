import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor';
import { DomainError } from '../errors';
import {
	decide,
	evolve,
	initialState,
	type DrillCommand,
	type DrillEvent,
	type DrillState
} from './index';

const now = '2026-11-25T02:00:00.000Z';
const ministry: Actor = { id: 'm', role: 'ministry' };
const gd: Actor = { id: 'gd', role: 'regulator', region: '440000', sector: 'industrial' };
const js: Actor = { id: 'js', role: 'regulator', region: '320000', sector: 'telecom' };
const start: DrillCommand = {
	type: 'StartDrill',
	data: {
		drillId: 'd1',
		scenarioId: 'ransomware-telecom',
		name: '勒索演练',
		regions: ['440000', '440300']
	}
};
const given = (events: DrillEvent[]): DrillState => events.reduce(evolve, initialState);
const codeOf = (f: () => unknown) => {
	try {
		f();
	} catch (e) {
		return e instanceof DomainError ? e.code : 'not-a-domain-error';
	}
	return 'no-error';
};

describe('drill decider', () => {
	it('starts for a regulator in its own province and the 计划单列市 within it', () => {
		const events = decide(start, initialState, { now, actor: gd });
		expect(events).toEqual([{ type: 'DrillStarted', data: { at: now, by: 'gd', ...start.data } }]);
		expect(given(events)).toMatchObject({ status: 'running', regions: ['440000', '440300'] });
	});

	it('refuses another province, unknown regions, an empty scope and a second start', () => {
		expect(codeOf(() => decide(start, initialState, { now, actor: js }))).toBe('drill.forbidden');
		expect(
			codeOf(() =>
				decide({ ...start, data: { ...start.data, regions: ['999999'] } }, initialState, {
					now,
					actor: ministry
				})
			)
		).toBe('drill.invalid_region');
		expect(
			codeOf(() =>
				decide({ ...start, data: { ...start.data, regions: [] } }, initialState, {
					now,
					actor: ministry
				})
			)
		).toBe('drill.empty_scope');
		const running = given(decide(start, initialState, { now, actor: ministry }));
		expect(codeOf(() => decide(start, running, { now, actor: ministry }))).toBe(
			'drill.already_exists'
		);
	});

	it('stops with a reason at any time, once; completes once', () => {
		const running = given(decide(start, initialState, { now, actor: gd }));
		expect(
			codeOf(() =>
				decide({ type: 'StopDrill', data: { reason: ' ' } }, running, { now, actor: gd })
			)
		).toBe('drill.reason_required');
		expect(
			codeOf(() =>
				decide({ type: 'StopDrill', data: { reason: '提前结束' } }, running, { now, actor: js })
			)
		).toBe('drill.forbidden');
		const stopped = given([
			...decide(start, initialState, { now, actor: gd }),
			...decide({ type: 'StopDrill', data: { reason: '提前结束' } }, running, { now, actor: gd })
		]);
		expect(stopped).toMatchObject({ status: 'stopped', stopReason: '提前结束', endedAt: now });
		expect(
			codeOf(() => decide({ type: 'CompleteDrill', data: {} }, stopped, { now, actor: gd }))
		).toBe('drill.not_running');
		expect(
			codeOf(() =>
				decide({ type: 'StopDrill', data: { reason: 'x' } }, initialState, { now, actor: gd })
			)
		).toBe('drill.not_found');
	});
});
