import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor';
import { CN_CALENDAR_2025_2026 } from '../calendar';
import { clocks } from '../clocks';
import { actors, deciderSpec, paths, run } from '../incident/fixtures';
import { MIIT_2024_POLICY } from '../policy';
import type { WatchCommand, WatchEvent } from './events';
import {
	activeWatchFor,
	decide,
	effectivePolicy,
	evolve,
	initialState,
	watchStatus,
	zeroReportClocks,
	type WatchState
} from './watch';

const spec = deciderSpec({ decide, evolve, initialState });
const fold = (events: WatchEvent[]) => events.reduce(evolve, initialState);
const china = (local: string) => new Date(`${local}+08:00`).toISOString();

// 国庆 2026 watch over Guangdong: 2026-09-28 00:00 to 2026-10-08 00:00 China time.
const create: WatchCommand = {
	type: 'CreateWatchPeriod',
	data: {
		watchId: 'w-1',
		name: '国庆保障',
		startsAt: china('2026-09-28T00:00:00'),
		endsAt: china('2026-10-08T00:00:00'),
		regions: ['440000'],
		clockOverrides: { ministryWritten: 20, reportLocal: 30 },
		designatedProcessors: [
			{ orgId: 'org-sz-1', name: '深圳某制造', region: '440300' },
			{ orgId: 'org-gz-2', name: '广州某电信', region: '440000' }
		]
	}
};
const gdRegulator: Actor = {
	id: 'u-gd',
	role: 'regulator',
	region: '440000',
	sector: 'industrial'
};
const bjRegulator: Actor = {
	id: 'u-bj',
	role: 'regulator',
	region: '110000',
	sector: 'industrial'
};
const created = spec([])
	.when(create, { now: china('2026-09-20T09:00:00'), actor: actors.ministry })
	.events();
const zero = (orgId: string, date: string): WatchCommand => ({
	type: 'SubmitZeroReport',
	data: { orgId, date }
});
const gz: Actor = { id: 'u-gz', role: 'processor', orgId: 'org-gz-2' };

describe('CreateWatchPeriod', () => {
	it('given nothing, when the ministry creates a watch, then it is open with its processors', () => {
		expect(created[0]).toMatchObject({
			type: 'WatchPeriodCreated',
			data: { watchId: 'w-1', drill: false, by: 'u-min' }
		});
		expect(fold(created)).toMatchObject({
			status: 'open',
			processors: [{ orgId: 'org-sz-1' }, { orgId: 'org-gz-2' }]
		});
	});

	it('lets a regulator create one within its own province only', () => {
		expect(
			spec([])
				.when(create, { now: china('2026-09-20T09:00:00'), actor: actors.regulator })
				.events()
		).toHaveLength(1);
		expect(
			spec([])
				.when(create, { now: china('2026-09-20T09:00:00'), actor: gdRegulator })
				.events()
		).toHaveLength(1);
		spec([])
			.when(create, { now: china('2026-09-20T09:00:00'), actor: bjRegulator })
			.thenThrows('forbidden');
		spec([])
			.when(create, { now: china('2026-09-20T09:00:00'), actor: actors.processor })
			.thenThrows('forbidden');
	});

	it.each([
		[
			'an inverted window',
			{ endsAt: create.type === 'CreateWatchPeriod' ? create.data.startsAt : '' },
			'watch.invalid_window'
		],
		['an unknown region', { regions: ['999999'] }, 'watch.invalid_payload'],
		[
			'an override that is not a whole number of minutes',
			{ clockOverrides: { ministryPhone: 2.5 } },
			'watch.invalid_payload'
		],
		['an unknown override', { clockOverrides: { coffeeBreak: 5 } }, 'watch.invalid_payload'],
		[
			'a processor listed twice',
			{
				designatedProcessors: [
					{ orgId: 'a', name: 'a', region: '440300' },
					{ orgId: 'a', name: 'b', region: '440300' }
				]
			},
			'watch.duplicate_processor'
		]
	])('refuses %s', (_, patch, code) => {
		const cmd = { ...create, data: { ...create.data, ...patch } } as WatchCommand;
		spec([])
			.when(cmd, { now: china('2026-09-20T09:00:00'), actor: actors.ministry })
			.thenThrows(code);
	});
});

describe('AmendWatchPeriod and EndWatchPeriod', () => {
	it('amends with a reason; a newly designated processor owes from the amendment on', () => {
		const g = spec(created);
		const amend: WatchCommand = {
			type: 'AmendWatchPeriod',
			data: {
				reason: '',
				designatedProcessors: [{ orgId: 'org-sz-1', name: '深圳某制造', region: '440300' }]
			}
		};
		g.when(amend, { now: china('2026-09-21T09:00:00'), actor: actors.ministry }).thenThrows(
			'watch.reason_required'
		);
		const events = g
			.when({ ...amend, data: { ...amend.data, reason: '广州企业改由省局保障' } } as WatchCommand, {
				now: china('2026-09-29T12:00:00'),
				actor: actors.ministry
			})
			.events();
		const s = fold([...created, ...events]);
		expect(s).toMatchObject({
			processors: [
				{ orgId: 'org-sz-1' },
				{ orgId: 'org-gz-2', removedAt: china('2026-09-29T12:00:00') }
			]
		});
		// org-gz-2 still owed the 28th and the 29th, not the 30th.
		const gzDays = zeroReportClocks(s, china('2026-09-30T12:00:00')).filter(
			(c) => c.owedBy.orgId === 'org-gz-2'
		);
		expect(gzDays.map((c) => c.date)).toEqual(['2026-09-28', '2026-09-29']);
		g.when(
			{ type: 'AmendWatchPeriod', data: { reason: 'x' } },
			{ now: china('2026-09-21T09:00:00'), actor: bjRegulator }
		).thenThrows('forbidden');
	});

	it('ends early; an ended watch accepts nothing more', () => {
		const ended = [
			...created,
			...spec(created)
				.when(
					{ type: 'EndWatchPeriod', data: { reason: '活动取消' } },
					{ now: china('2026-10-03T12:00:00'), actor: actors.ministry }
				)
				.events()
		];
		const s = fold(ended);
		expect(watchStatus(s, china('2026-10-03T12:00:01'))).toBe('ended');
		spec(ended)
			.when(zero('org-gz-2', '2026-10-03'), { now: china('2026-10-03T13:00:00'), actor: gz })
			.thenThrows('watch.ended');
		expect(zeroReportClocks(s, china('2026-10-06T12:00:00')).at(-1)?.date).toBe('2026-10-03');
	});
});

describe('SubmitZeroReport', () => {
	const now = china('2026-09-28T09:00:00');
	it('accepts a designated processor once per China-time day', () => {
		spec(created)
			.when(zero('org-gz-2', '2026-09-28'), { now, actor: gz })
			.then([
				{
					type: 'ZeroReportSubmitted',
					data: { at: now, by: 'u-gz', orgId: 'org-gz-2', date: '2026-09-28' }
				}
			]);
		const g = spec([
			...created,
			...spec(created).when(zero('org-gz-2', '2026-09-28'), { now, actor: gz }).events()
		]);
		g.when(zero('org-gz-2', '2026-09-28'), { now, actor: gz }).thenThrows(
			'watch.zero_report_duplicate'
		);
	});

	it('refuses other orgs, undesignated orgs, future days and days outside the window', () => {
		spec(created)
			.when(zero('org-gz-2', '2026-09-28'), { now, actor: actors.processor })
			.thenThrows('forbidden');
		spec(created)
			.when(zero('org-x', '2026-09-28'), {
				now,
				actor: { id: 'x', role: 'processor', orgId: 'org-x' }
			})
			.thenThrows('watch.not_designated');
		spec(created)
			.when(zero('org-gz-2', '2026-09-29'), { now, actor: gz })
			.thenThrows('watch.invalid_date');
		spec(created)
			.when(zero('org-gz-2', '2026-09-27'), { now, actor: gz })
			.thenThrows('watch.invalid_date');
	});
});

describe('zeroReportClocks', () => {
	const reported = (list: [string, string, string][]): WatchState =>
		fold([
			...created,
			...list.flatMap(([orgId, date, at]) =>
				spec(created)
					.when(zero(orgId, date), { now: at, actor: { id: orgId, role: 'processor', orgId } })
					.events()
			)
		]);

	it('gives each processor a 10:00 China-time clock per day: met, due soon, overdue, missed', () => {
		const s = reported([
			['org-sz-1', '2026-09-28', china('2026-09-28T09:00:00')],
			['org-sz-1', '2026-09-29', china('2026-09-29T10:30:00')]
		]);
		const at = (local: string) =>
			Object.fromEntries(
				zeroReportClocks(s, china(local)).map((c) => [`${c.owedBy.orgId} ${c.date}`, c.status])
			);
		expect(at('2026-09-29T09:55:00')).toEqual({
			'org-sz-1 2026-09-28': 'met',
			'org-gz-2 2026-09-28': 'missed',
			'org-sz-1 2026-09-29': 'due_soon',
			'org-gz-2 2026-09-29': 'due_soon'
		});
		expect(at('2026-09-29T11:00:00')).toMatchObject({
			'org-sz-1 2026-09-29': 'missed',
			'org-gz-2 2026-09-29': 'overdue'
		});
		expect(at('2026-09-29T07:59:00')['org-gz-2 2026-09-29']).toBe('running');
		const first = zeroReportClocks(s, china('2026-09-29T11:00:00'))[0];
		expect(first).toMatchObject({
			id: 'zero_report:org-sz-1:2026-09-28',
			dueAt: china('2026-09-28T10:00:00'),
			startedAt: china('2026-09-28T00:00:00'),
			metAt: china('2026-09-28T09:00:00'),
			policyVersion: 'miit-2024-214@2024.1+watch:w-1'
		});
	});

	it('uses a stricter due time from the watch overrides, and a whole window once over', () => {
		const early = fold(
			spec([])
				.when(
					{
						...create,
						data: { ...create.data, clockOverrides: { zeroReportDueTime: '09:00' } }
					} as WatchCommand,
					{ now: china('2026-09-20T09:00:00'), actor: actors.ministry }
				)
				.events()
		);
		expect(zeroReportClocks(early, china('2026-09-28T09:30:00'))[0]).toMatchObject({
			dueAt: china('2026-09-28T09:00:00'),
			status: 'overdue'
		});
		// The window ends 2026-10-08 00:00, so Oct 8 owes nothing: 10 days × 2 processors.
		expect(zeroReportClocks(early, china('2026-10-20T00:00:00'))).toHaveLength(20);
		expect(zeroReportClocks(early, china('2026-09-27T23:00:00'))).toEqual([]);
	});
});

describe('watch status and the policy it imposes', () => {
	const s = fold(created);

	it('is scheduled, then active, then ended', () => {
		expect(watchStatus(initialState, china('2026-09-28T00:00:00'))).toBe('none');
		expect(watchStatus(s, china('2026-09-27T23:59:00'))).toBe('scheduled');
		expect(watchStatus(s, china('2026-09-28T00:00:00'))).toBe('active');
		expect(watchStatus(s, china('2026-10-08T00:00:00'))).toBe('ended');
	});

	it('a provincial watch covers its 计划单列市; a city watch does not cover the province', () => {
		const now = china('2026-10-01T12:00:00');
		expect(activeWatchFor('440300', [s], now)?.watchId).toBe('w-1');
		expect(activeWatchFor('110000', [s], now)).toBeUndefined();
		const city = fold(
			spec([])
				.when({ ...create, data: { ...create.data, regions: ['440300'] } } as WatchCommand, {
					now,
					actor: actors.ministry
				})
				.events()
		);
		expect(activeWatchFor('440000', [city], now)).toBeUndefined();
	});

	it('shortens the clocks of incidents discovered during the watch, not before it', () => {
		const during = china('2026-10-01T12:00:00');
		const policy = effectivePolicy(MIIT_2024_POLICY, { region: '440300', discoveredAt: during }, [
			s
		]);
		expect(policy.version).toBe('2024.1+watch:w-1');
		expect(
			effectivePolicy(
				MIIT_2024_POLICY,
				{ region: '440300', discoveredAt: china('2026-09-27T12:00:00') },
				[s]
			)
		).toBe(MIIT_2024_POLICY);
		const incident = run(paths.major().slice(0, 4)).state;
		const cs = clocks(incident, policy, paths.major()[3]!.now, CN_CALENDAR_2025_2026);
		const written = cs.find((c) => c.id === 'ministry_written')!;
		expect(Date.parse(written.dueAt) - Date.parse(written.startedAt)).toBe(20 * 60_000);
		expect(cs.find((c) => c.id === 'report_local')!.dueAt).toBe(
			new Date(Date.parse(written.startedAt) + 30 * 60_000).toISOString()
		);
	});
});
