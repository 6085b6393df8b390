import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/actor';
import * as drill from '../domain/drill';
import type { DomainError } from '../domain/errors';
import { ERROR_KINDS, isDomainError } from '../domain/errors';
import { actors, at, paths, run, summary } from '../domain/incident/fixtures';
import { decide as decideIncident } from '../domain/incident';
import * as watch from '../domain/watch';
import { handleApiRequest, RateLimiter } from './api/http';
import type { ApiCaller, Operation } from './api/operations';
import type { EventStore } from './events/store';
import { attempt } from './ops/result';
import { REFUSALS, refusalOf, statusOf } from './refusal';

/** The refusal `act` throws (it must throw one). */
function refusal(act: () => unknown): DomainError {
	try {
		act();
	} catch (e) {
		if (isDomainError(e)) return e;
		throw e;
	}
	throw new Error('expected a refusal');
}

const caller: ApiCaller = {
	actor: { id: 'api:tok', role: 'processor', orgId: 'org-sz-1', region: '440300' },
	orgName: '深圳某制造有限公司',
	tokenId: 'tok'
};

/** What the processor API answers when an operation (not about one incident) refuses with `err`. */
async function apiStatus(err: unknown, path = '/watches/{id}/zero-reports'): Promise<number> {
	const op: Operation = {
		id: 'test',
		method: 'GET',
		path,
		summary: { zh: '', en: '' },
		run: () => Promise.reject(err)
	};
	const res = await handleApiRequest(op, new Request('http://localhost/'), {
		caller,
		store: {} as EventStore,
		params: {},
		limiter: new RateLimiter(10, 10)
	});
	return res.status;
}

/** What the console's form action answers for the same refusal. */
async function consoleStatus(err: unknown): Promise<number> {
	const r = await attempt('test', () => Promise.reject(err));
	return r.ok ? 200 : r.status;
}

const ministry = actors.ministry;
const T0 = '2026-09-18T00:00:00.000Z';

const processor = { id: 'u-p', role: 'processor', orgId: 'org-sz-1' } as const;

/** A watch over Guangdong with one check-in made. */
function checkedInWatch(): watch.WatchState {
	let s: watch.WatchState = watch.initialState;
	const apply = (c: watch.WatchCommand, now: string, actor: Actor = ministry) => {
		for (const e of watch.decide(c, s, { now, actor })) s = watch.evolve(s, e);
	};
	apply(
		{
			type: 'CreateWatchPeriod',
			data: {
				watchId: 'w-1',
				name: '保障期',
				startsAt: T0,
				endsAt: '2026-09-25T00:00:00.000Z',
				regions: ['440000'],
				clockOverrides: {},
				designatedProcessors: [{ orgId: 'org-sz-1', name: '深圳某制造有限公司', region: '440300' }]
			}
		},
		T0
	);
	apply(
		{ type: 'SubmitZeroReport', data: { orgId: 'org-sz-1', date: '2026-09-18' } },
		'2026-09-18T08:00:00.000Z',
		processor
	);
	return s;
}

function stoppedDrill(): drill.DrillState {
	let s: drill.DrillState = drill.initialState;
	const ctx = { now: T0, actor: ministry };
	for (const c of [
		{
			type: 'StartDrill',
			data: { drillId: 'd', scenarioId: 's', name: '演练', regions: ['440000'] }
		},
		{ type: 'StopDrill', data: { reason: '结束' } }
	] as drill.DrillCommand[])
		for (const e of drill.decide(c, s, ctx)) s = drill.evolve(s, e);
	return s;
}

describe('one error taxonomy', () => {
	it('gives every kind one status, and documents it', () => {
		expect(Object.keys(REFUSALS).sort()).toEqual([...ERROR_KINDS].sort());
		expect(ERROR_KINDS.map(statusOf)).toEqual([400, 422, 403, 404, 409]);
	});

	it('the console and the API answer the same status for the refusals they used to disagree on', async () => {
		const open = checkedInWatch();
		const zeroReport = (date: string) =>
			watch.decide({ type: 'SubmitZeroReport', data: { orgId: 'org-sz-1', date } }, open, {
				now: '2026-09-19T08:00:00.000Z',
				actor: processor
			});
		const ended = watch.evolve(open, {
			type: 'WatchPeriodEnded',
			data: { at: '2026-09-19T09:00:00.000Z', by: ministry.id }
		});
		const closing = run([
			...paths.major(),
			paths.step({ type: 'EndResponse', data: {} }, ministry, at(90)),
			paths.step({ type: 'SubmitSummary', data: { summary } }, actors.processor, at(120))
		]).state;
		const cases: [DomainError, string, number][] = [
			[refusal(() => zeroReport('2026-09-18')), 'watch.zero_report_duplicate', 409],
			[
				refusal(() =>
					watch.decide({ type: 'EndWatchPeriod', data: {} }, ended, {
						now: at(2000),
						actor: ministry
					})
				),
				'watch.ended',
				409
			],
			[
				refusal(() =>
					drill.decide({ type: 'StopDrill', data: { reason: '再停' } }, stoppedDrill(), {
						now: T0,
						actor: ministry
					})
				),
				'drill.not_running',
				409
			],
			[
				refusal(() =>
					decideIncident({ type: 'CloseIncident', data: {} }, closing, {
						now: at(200),
						actor: ministry
					})
				),
				'incident.summary_required',
				409
			],
			[refusal(() => zeroReport('2026-09-30')), 'watch.invalid_date', 422]
		];
		for (const [err, code, status] of cases) {
			expect(err.code).toBe(code);
			expect(refusalOf(err)?.status, code).toBe(status);
			expect(await consoleStatus(err), code).toBe(status);
			expect(await apiStatus(err), code).toBe(status);
		}
	});

	it("answers another organisation's incident as missing on the API, forbidden elsewhere", async () => {
		const err = refusal(() =>
			decideIncident(
				{ type: 'RecordProgress', data: { note: '进展' } },
				run(paths.reported()).state,
				{
					now: at(5),
					actor: actors.otherProcessor
				}
			)
		);
		expect(err.kind).toBe('forbidden');
		expect(await consoleStatus(err)).toBe(403);
		expect(await apiStatus(err, '/incidents/{id}/progress')).toBe(404);
		expect(await apiStatus(err)).toBe(403);
	});

	it('answers anything that is not a refusal as a 500 without its details', async () => {
		const bug = new TypeError('x is undefined');
		expect(refusalOf(bug)).toBeNull();
		expect(await consoleStatus(bug)).toBe(500);
		expect(await apiStatus(bug)).toBe(500);
	});
});
