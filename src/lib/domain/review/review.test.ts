import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../shared/socket';
import {
	advanceTime,
	filterEvents,
	foldPrefix,
	nextStop,
	pictureAt,
	prevStop,
	prune,
	reasonOf,
	stops
} from '.';
import { actors, paths, report, T0 } from '../incident/fixtures';
import { decide, evolve, initialState, type IncidentState } from '../incident';

/** The fixtures' 重大 path as log rows; row 6 (phone to the ministry) recorded 30 min late. */
function rows(): WireEvent[] {
	let state: IncidentState = initialState;
	const out: WireEvent[] = [];
	for (const step of paths.major(report())) {
		for (const e of decide(step.command, state, { now: step.now, actor: step.actor })) {
			state = evolve(state, e);
			const seq = out.length + 1;
			const late = e.type === 'IncidentReportedMinistry' && out.length < 7 ? 30 * 60_000 : 0;
			out.push({
				seq,
				streamId: 'incident-inc-1',
				streamVersion: seq,
				type: e.type,
				payload: e.data as Record<string, unknown>,
				actor: 'by' in e.data ? String(e.data.by) : 'x',
				region: '440300',
				regions: ['440300'],
				drill: false,
				occurredAt: step.now,
				recordedAt: new Date(Date.parse(step.now) + late).toISOString()
			});
		}
	}
	return out;
}
const min = (m: number) => Date.parse(T0) + m * 60_000;

describe('review time travel', () => {
	it('"as we knew it" lags a late-recorded fact that "as it happened" already shows', () => {
		const log = rows();
		// +9 min: the phone call (at +8) happened but was only recorded at +38.
		const knew = foldPrefix(log, min(9), 'recorded').incidents['inc-1'];
		const happened = foldPrefix(log, min(9), 'occurred').incidents['inc-1'];
		expect(knew?.status === 'none' ? null : knew?.milestones.reportedMinistryAt).toEqual({});
		expect(happened?.status === 'none' ? null : happened?.milestones.reportedMinistryAt).toEqual({
			phone: new Date(min(8)).toISOString()
		});
		expect(foldPrefix(log, min(0), 'recorded').incidents).toEqual({});
	});

	it('folds on top of a base without changing it', () => {
		const log = rows();
		const base = foldPrefix(log.slice(0, 3), min(100), 'recorded');
		const before = JSON.stringify(base);
		const p = pictureAt(base, log.slice(3), min(100), 'recorded');
		expect(JSON.stringify(base)).toBe(before);
		expect(p).toEqual(foldPrefix(log, min(100), 'recorded'));
		expect(p.seq).toBe(log.length);
	});

	it('steps between event instants and plays at a speed, bounded by the window', () => {
		const s = stops(rows(), 'occurred');
		expect(s[0]).toBe(min(1));
		expect(nextStop(s, min(1))).toBe(min(2));
		expect(nextStop(s, min(0))).toBe(min(1));
		expect(nextStop(s, min(30))).toBeUndefined();
		expect(prevStop(s, min(2))).toBe(min(1));
		expect(prevStop(s, min(1))).toBeUndefined();
		expect(advanceTime(min(0), 1000, 60, min(10))).toBe(min(1));
		expect(advanceTime(min(0), 1000, 3600, min(10))).toBe(min(10));
	});

	it('filters the event list by type, actor and stream, and shows a reason', () => {
		const log = rows();
		expect(filterEvents(log, { types: ['LevelConfirmed'] }).map((e) => e.seq)).toEqual([5]);
		expect(filterEvents(log, { actor: 'U-REG' }).every((e) => e.actor === 'u-reg')).toBe(true);
		expect(filterEvents(log, { stream: 'inc-2' })).toEqual([]);
		expect(reasonOf(log[1]!)).toBe('断网');
		expect(reasonOf(log.find((e) => e.type === 'IncidentReportedMinistry')!)).toBe('phone');
		expect(actors.regulator.id).toBe('u-reg');
	});

	it('drops states that never started (an assignment of an agency registered outside the room)', () => {
		const assigned: WireEvent = {
			...rows()[0]!,
			seq: 99,
			streamId: 'agency-ag-1',
			streamVersion: 2,
			type: 'AgencyAssigned',
			payload: { assignmentId: 'as-1', incidentId: 'inc-1', at: T0, by: 'u-min' }
		};
		const folded = foldPrefix([...rows(), assigned], min(100), 'recorded');
		expect(Object.keys(folded.agencies)).toEqual([]);
		expect(Object.keys(folded.incidents)).toEqual(['inc-1']);
		expect(prune({ ...folded, agencies: { x: { status: 'none' } } }).agencies).toEqual({});
	});
});
