import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_2025_2026 } from '../calendar';
import type { IncidentCommand } from '../incident';
import { actors, at, paths, report, run, summary, T0, type Step } from '../incident/fixtures';
import { applyOverrides, CAC_2025_PROFILE, MIIT_2024_POLICY } from '../policy';
import { agencyClocks, clocks, type Clock, type Duty } from './clocks';

const cal = CN_CALENDAR_2025_2026;
const step = paths.step;
const clocksOf = (steps: Step[], now: string, policy = MIIT_2024_POLICY) =>
	clocks(run(steps).state, policy, now, cal);
const byId = (cs: Clock[], id: string) => cs.find((c) => c.id === id);
const duty = (cs: Clock[], d: Duty) => cs.filter((c) => c.duty === d);

/** A 重大 incident discovered Friday 2026-09-18 17:50 China time, before any ministry report. */
const graded = paths.major().slice(0, 4);
const major = paths.major();

describe('ministry clocks of a 重大 incident (10 min phone, 30 min written, from discovery)', () => {
	it('given graded and confirmed, then both run from discovery, not from the self-grade', () => {
		const cs = clocksOf(graded, at(5));
		expect(byId(cs, 'ministry_phone')).toMatchObject({
			startedAt: T0,
			dueAt: '2026-09-18T10:00:00.000Z',
			status: 'due_soon',
			owedBy: { party: 'regulator', region: '440300', sector: 'industrial' },
			policyVersion: 'miit-2024-214@2024.1',
			reason: { code: 'graded', level: 'major' }
		});
		expect(byId(cs, 'ministry_written')).toMatchObject({
			dueAt: '2026-09-18T10:20:00.000Z',
			status: 'running'
		});
	});

	it.each([
		[10, 'ministry_phone', 'due_soon'],
		[11, 'ministry_phone', 'overdue'],
		[19, 'ministry_written', 'running'],
		[20, 'ministry_written', 'due_soon'],
		[30, 'ministry_written', 'due_soon'],
		[31, 'ministry_written', 'overdue'],
		[20, 'leading_group_phone', 'due_soon'],
		[21, 'leading_group_phone', 'overdue'],
		[41, 'leading_group_written', 'overdue']
	])('at +%i min without a report, %s is %s', (minutes, id, status) => {
		expect(byId(clocksOf(graded, at(minutes)), id)?.status).toBe(status);
	});

	it('a call at the due instant is met; a letter five minutes late is missed, with its time', () => {
		const steps = [
			...graded,
			step(
				{ type: 'EscalateToMinistry', data: { channel: 'phone', at: at(10) } },
				actors.regulator,
				at(12)
			),
			step({ type: 'EscalateToMinistry', data: { channel: 'written' } }, actors.regulator, at(35))
		];
		const cs = clocksOf(steps, at(36));
		expect(byId(cs, 'ministry_phone')).toMatchObject({ status: 'met', metAt: at(10) });
		expect(byId(cs, 'ministry_written')).toMatchObject({ status: 'missed', metAt: at(35) });
		// Before the letter was recorded the clock was plainly overdue, never met.
		expect(byId(clocksOf(steps.slice(0, -1), at(34)), 'ministry_written')?.status).toBe('overdue');
	});

	it('a written report also discharges the phone duty', () => {
		const steps = [
			...graded,
			step({ type: 'EscalateToMinistry', data: { channel: 'written' } }, actors.regulator, at(9))
		];
		const cs = clocksOf(steps, at(12));
		expect(byId(cs, 'ministry_phone')).toMatchObject({ status: 'met', metAt: at(9) });
		expect(byId(cs, 'ministry_written')).toMatchObject({ status: 'met', metAt: at(9) });
	});

	it('the processor report to the local regulator is met at self-grading', () => {
		expect(byId(clocksOf(graded, at(5)), 'report_local')).toMatchObject({
			status: 'met',
			metAt: at(3),
			dueAt: at(60),
			owedBy: { party: 'processor', orgId: 'org-sz-1' }
		});
	});

	it('a 一般 incident owes no reports', () => {
		expect(clocksOf(paths.general(), at(600))).toEqual([]);
	});
});

describe('watch-period overrides', () => {
	const watchPolicy = applyOverrides(
		MIIT_2024_POLICY,
		{ ministryPhone: 5, ministryWritten: 15, reportLocal: 120 },
		'watch:apec'
	);

	it('shorten clocks, only ever stricter, and say so in the version', () => {
		const cs = clocksOf(graded, at(12), watchPolicy);
		expect(byId(cs, 'ministry_phone')).toMatchObject({ dueAt: at(5), status: 'overdue' });
		expect(byId(cs, 'ministry_written')).toMatchObject({ dueAt: at(15), status: 'due_soon' });
		expect(byId(cs, 'report_local')?.dueAt).toBe(at(60));
		expect(byId(cs, 'ministry_phone')?.policyVersion).toBe('miit-2024-214@2024.1+watch:apec');
	});
});

describe('progress clocks', () => {
	it('run every 120 min in a II response; a report restarts the interval', () => {
		const steps = [
			...major,
			step({ type: 'RecordProgress', data: { note: '进展1' } }, actors.processor, at(140))
		];
		const cs = duty(clocksOf(steps, at(200)), 'progress');
		expect(cs).toMatchObject([
			{
				id: 'progress#1',
				startedAt: at(30),
				dueAt: at(150),
				status: 'met',
				metAt: at(140),
				reason: { code: 'response_started' }
			},
			{
				id: 'progress#2',
				startedAt: at(140),
				dueAt: at(260),
				status: 'running',
				reason: { code: 'progress_reported' }
			}
		]);
	});

	it("the regulator's own notes do not discharge the processor's duty", () => {
		const steps = [
			...major,
			step({ type: 'RecordProgress', data: { note: '督导' } }, actors.regulator, at(100))
		];
		expect(duty(clocksOf(steps, at(151)), 'progress')).toMatchObject([{ status: 'overdue' }]);
	});

	it('a level change recomputes the interval and records why; a missed interval stays missed', () => {
		const steps = [
			...major,
			step(
				{ type: 'ChangeLevel', data: { level: 'relatively_large', reason: '影响已控制' } },
				actors.ministry,
				at(200)
			)
		];
		const cs = duty(clocksOf(steps, at(300)), 'progress');
		expect(cs).toMatchObject([
			{ id: 'progress#1', dueAt: at(150), status: 'missed' },
			{
				id: 'progress#2',
				startedAt: at(200),
				dueAt: at(200 + 1440),
				status: 'running',
				reason: {
					code: 'level_change',
					from: 'major',
					level: 'relatively_large',
					note: '影响已控制'
				}
			}
		]);
		expect(cs[0]?.metAt).toBeUndefined();
	});

	it('an interval not yet due when the level changes is dropped, not met', () => {
		const steps = [
			...major,
			step(
				{ type: 'ChangeLevel', data: { level: 'general', reason: '误判' } },
				actors.ministry,
				at(60)
			)
		];
		expect(duty(clocksOf(steps, at(3000)), 'progress')).toEqual([]);
	});
});

describe('level change during response', () => {
	const iii = [
		...paths.relativelyLarge(),
		step({ type: 'StartResponse', data: { level: 'relatively_large' } }, actors.regulator, at(21))
	];
	const up = [
		...iii,
		step(
			{ type: 'ChangeLevel', data: { level: 'major', reason: '数据扩散' } },
			actors.ministry,
			at(500)
		)
	];

	it('raising III → II starts the ministry and leading-group clocks from the change', () => {
		expect(byId(clocksOf(iii, at(499)), 'ministry_phone')).toBeUndefined();
		const cs = clocksOf(up, at(510));
		// The ministry decided the change itself, so it needs no report to learn of it.
		expect(byId(cs, 'ministry_phone')).toMatchObject({
			startedAt: at(500),
			status: 'met',
			metAt: at(500)
		});
		expect(byId(cs, 'leading_group_phone')).toMatchObject({
			startedAt: at(500),
			dueAt: at(520),
			status: 'due_soon',
			owedBy: { party: 'ministry' },
			reason: { code: 'level_change', from: 'relatively_large', level: 'major', note: '数据扩散' }
		});
		expect(duty(cs, 'progress').at(-1)).toMatchObject({ startedAt: at(500), dueAt: at(620) });
	});

	it('lowering again keeps met clocks met and missed clocks missed, and drops what was not yet due', () => {
		const down = [
			...up,
			step(
				{ type: 'ChangeLevel', data: { level: 'relatively_large', reason: '已控制' } },
				actors.ministry,
				at(530)
			)
		];
		const cs = clocksOf(down, at(600));
		expect(byId(cs, 'ministry_phone')?.status).toBe('met');
		expect(byId(cs, 'leading_group_phone')).toMatchObject({ status: 'missed' });
		expect(byId(cs, 'leading_group_written')).toBeUndefined();
	});

	it('the regulator raising IV → III needs no report to itself', () => {
		const iv = [
			...paths.general(),
			step({ type: 'StartResponse', data: { level: 'general' } }, actors.processor, at(4)),
			step(
				{ type: 'ChangeLevel', data: { level: 'relatively_large', reason: '涉及个人信息' } },
				actors.regulator,
				at(90)
			)
		];
		expect(byId(clocksOf(iv, at(100)), 'report_local')).toMatchObject({
			status: 'met',
			metAt: at(90),
			startedAt: at(90)
		});
	});
});

describe('summary deadlines in working days (2026 中秋/国庆)', () => {
	// Response ends Friday 2026-09-25 18:00 China time, the first day of 中秋 (Sep 25–27);
	// 国庆 Oct 1–7; Sep 20 and Oct 10 are make-up working days.
	// Working days after Sep 25: Sep 28, 29, 30, Oct 8, 9 (5th), Oct 10 (Sat, make-up), 12, 13,
	// 14, 15 (10th).
	const endAt = '2026-09-25T10:00:00.000Z';
	const ended: Step[] = [...major, step({ type: 'EndResponse', data: {} }, actors.ministry, endAt)];

	it('gives the processor until the end of Fri Oct 9 and the regulator until the end of Thu Oct 15', () => {
		const cs = clocksOf(ended, '2026-09-26T00:00:00.000Z');
		expect(byId(cs, 'processor_summary')).toMatchObject({
			startedAt: endAt,
			dueAt: '2026-10-09T15:59:59.999Z',
			status: 'running',
			owedBy: { party: 'processor' }
		});
		expect(byId(cs, 'regulator_summary')).toMatchObject({
			dueAt: '2026-10-15T15:59:59.999Z',
			status: 'running'
		});
	});

	it('a summary filed on Oct 9 at 23:00 China time is met; one on Oct 10 is missed', () => {
		const filed = (iso: string) => [
			...ended,
			step({ type: 'SubmitSummary', data: { summary } }, actors.processor, iso)
		];
		expect(
			byId(
				clocksOf(filed('2026-10-09T15:00:00.000Z'), '2026-10-10T00:00:00.000Z'),
				'processor_summary'
			)?.status
		).toBe('met');
		expect(
			byId(
				clocksOf(filed('2026-10-10T01:00:00.000Z'), '2026-10-10T02:00:00.000Z'),
				'processor_summary'
			)
		).toMatchObject({
			status: 'missed',
			metAt: '2026-10-10T01:00:00.000Z'
		});
		expect(byId(clocksOf(ended, '2026-10-09T16:00:00.000Z'), 'processor_summary')?.status).toBe(
			'overdue'
		);
	});

	it('the open progress interval ends with the response', () => {
		expect(
			duty(clocksOf(ended, '2026-09-26T00:00:00.000Z'), 'progress').every(
				(c) => c.status === 'missed'
			)
		).toBe(true);
	});

	it('a 较大 incident owes no summary under MIIT', () => {
		const iii: Step[] = [
			...paths.relativelyLarge(),
			step(
				{ type: 'StartResponse', data: { level: 'relatively_large' } },
				actors.regulator,
				at(21)
			),
			step({ type: 'EndResponse', data: {} }, actors.regulator, at(60))
		];
		expect(duty(clocksOf(iii, at(100)), 'processor_summary')).toEqual([]);
	});
});

describe('CAC 2025 profile', () => {
	it('uses 4 h for the local report and 1 h for CII operators, 30 days for the summary', () => {
		const late: IncidentCommand = {
			type: 'SelfGrade',
			data: { level: 'relatively_large', ruleSetVersion: 'v1', firedCriteria: ['x'] }
		};
		const steps = (cii: boolean) => [
			...paths.reported(report({ cii })),
			step(late, actors.processor, at(90))
		];
		expect(byId(clocksOf(steps(false), at(100), CAC_2025_PROFILE), 'report_local')).toMatchObject({
			dueAt: at(240),
			status: 'met'
		});
		expect(byId(clocksOf(steps(true), at(100), CAC_2025_PROFILE), 'report_local')).toMatchObject({
			dueAt: at(60),
			status: 'missed',
			metAt: at(90)
		});
		const ended = [
			...steps(false),
			step({ type: 'ConfirmLevel', data: { level: 'relatively_large' } }, actors.regulator, at(95)),
			step(
				{ type: 'StartResponse', data: { level: 'relatively_large' } },
				actors.regulator,
				at(96)
			),
			step({ type: 'EndResponse', data: {} }, actors.regulator, at(200))
		];
		const cs = clocksOf(ended, at(300), CAC_2025_PROFILE);
		expect(byId(cs, 'processor_summary')?.dueAt).toBe(at(200 + 30 * 1440));
		expect(byId(cs, 'regulator_summary')).toBeUndefined();
		expect(byId(cs, 'ministry_written')).toBeUndefined();
	});
});

describe('withdrawn incidents', () => {
	it('stop owing: overdue duties become missed, undue ones disappear', () => {
		const steps = [
			...graded,
			step({ type: 'WithdrawIncident', data: { reason: '误报' } }, actors.regulator, at(15))
		];
		const cs = clocksOf(steps, at(100));
		expect(byId(cs, 'ministry_phone')?.status).toBe('missed');
		expect(byId(cs, 'ministry_written')).toBeUndefined();
	});
});

describe('agency clocks', () => {
	const a = { assignmentId: 'as-1', agencyId: 'ag-1', assignedAt: T0 };

	it('acceptance is due 30 min after assignment, arrival 240 min after acceptance', () => {
		expect(agencyClocks([a], MIIT_2024_POLICY, at(25))).toMatchObject([
			{
				id: 'agency_acceptance:as-1',
				dueAt: at(30),
				status: 'due_soon',
				owedBy: { party: 'agency', agencyId: 'ag-1' }
			}
		]);
		const cs = agencyClocks([{ ...a, acceptedAt: at(20) }], MIIT_2024_POLICY, at(300));
		expect(cs).toMatchObject([
			{ duty: 'agency_acceptance', status: 'met', metAt: at(20) },
			{ duty: 'agency_arrival', dueAt: at(260), status: 'overdue' }
		]);
	});

	it('a decline answers the assignment; no arrival is owed', () => {
		expect(agencyClocks([{ ...a, declinedAt: at(40) }], MIIT_2024_POLICY, at(50))).toMatchObject([
			{ status: 'missed', metAt: at(40) }
		]);
	});
});
