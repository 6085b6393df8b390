import { describe, expect, it } from 'vitest';
import type { IncidentCommand } from './commands';
import { incidentEventSchemas, type IncidentEvent } from './events';
import { fold } from './evolve';
import { canIssue } from './permissions';
import { actors, at, incidentSpec, paths, report, run, summary, T0 } from './fixtures';

const given = (steps: ReturnType<typeof paths.major>) => incidentSpec(run(steps).events);
const ctx = (actor: (typeof actors)[keyof typeof actors], minutes = 60) => ({
	now: at(minutes),
	actor
});

const majorPath = paths.major();
const upTo = (type: IncidentCommand['type'], path = majorPath) =>
	path.slice(
		0,
		path.findIndex((s) => s.command.type === type)
	);
const inResponse = (path = majorPath) => run(path).events;

describe('ReportIncident', () => {
	it('given nothing, when the processor reports, then the incident is discovered', () => {
		const r = report();
		incidentSpec([])
			.when(
				{ type: 'ReportIncident', data: { incidentId: 'inc-1', report: r } },
				ctx(actors.processor, 1)
			)
			.then([
				{
					type: 'IncidentReported',
					data: {
						at: at(1),
						by: 'u-proc',
						incidentId: 'inc-1',
						report: r,
						regulatorRegion: '440300'
					}
				}
			]);
		const s = fold(run(paths.reported()).events);
		expect(s.status).toBe('discovered');
	});

	it('accepts 尚不明确 where the template allows it and a central SOE HQ reporting a subsidiary', () => {
		const r = report({
			occurredAt: 'unknown',
			howLearned: 'unknown',
			systems: 'unknown',
			cause: 'unknown'
		});
		const events = incidentSpec([])
			.when({ type: 'ReportIncident', data: { incidentId: 'inc-1', report: r } }, ctx(actors.hq, 1))
			.events();
		expect(events[0]?.type).toBe('IncidentReported');
	});

	it('routes telecom data in a 计划单列市 to the provincial regulator', () => {
		const r = report({ sector: 'telecom' });
		const [e] = incidentSpec([])
			.when(
				{ type: 'ReportIncident', data: { incidentId: 'inc-1', report: r } },
				ctx(actors.processor, 1)
			)
			.events();
		expect(e?.type === 'IncidentReported' && e.data.regulatorRegion).toBe('440000');
	});

	it.each([
		['another org', actors.otherProcessor, 'forbidden'],
		['a regulator of another sector', actors.telecomRegulator, 'forbidden'],
		['a display', actors.display, 'forbidden'],
		['the scenario engine outside a drill', actors.system, 'forbidden']
	])('refuses a report by %s', (_, actor, code) => {
		incidentSpec([])
			.when(
				{ type: 'ReportIncident', data: { incidentId: 'inc-1', report: report() } },
				ctx(actor, 1)
			)
			.thenThrows(code);
	});

	it('lets the scenario engine report drills', () => {
		const r = report({ drill: true });
		const events = incidentSpec([])
			.when(
				{ type: 'ReportIncident', data: { incidentId: 'inc-1', report: r } },
				ctx(actors.system, 1)
			)
			.events();
		expect(fold(events)).toMatchObject({ drill: true });
	});

	it.each([
		[
			'occurrence after discovery',
			report({ occurredAt: at(5) }),
			'incident.invalid_time',
			'report.occurredAt'
		],
		[
			'discovery in the future',
			report({ discoveredAt: at(90) }),
			'incident.invalid_time',
			'report.discoveredAt'
		],
		[
			'occurrence with seconds',
			report({ occurredAt: '2026-09-18T09:30:15.000Z' }),
			'incident.invalid_payload',
			'report.occurredAt'
		],
		['an unknown region', report({ region: '999999' }), 'incident.invalid_region', 'report.region'],
		[
			'Hong Kong (no MIIT-line regulator)',
			report({ region: '810000' }),
			'incident.invalid_region',
			'report.region'
		],
		[
			'an empty contact',
			report({ reportingUnit: { name: 'x', contact: ' ', mobile: '1' } }),
			'incident.invalid_payload',
			'report.reportingUnit.contact'
		]
	])('refuses %s', (_, r, code, field) => {
		incidentSpec([])
			.when(
				{ type: 'ReportIncident', data: { incidentId: 'inc-1', report: r } },
				ctx(actors.processor, 60)
			)
			.thenThrows(code, field);
	});

	it('refuses a second report on the same stream', () => {
		given(paths.reported())
			.when(
				{ type: 'ReportIncident', data: { incidentId: 'inc-1', report: report() } },
				ctx(actors.processor)
			)
			.thenThrows('incident.already_exists');
	});

	it('refuses any other command before the report', () => {
		incidentSpec([])
			.when({ type: 'RecordProgress', data: { note: 'x' } }, ctx(actors.processor))
			.thenThrows('incident.not_found');
	});
});

describe('first handling and self-grading', () => {
	it('moves discovered → first_handling', () => {
		given(paths.reported())
			.when({ type: 'StartFirstHandling', data: { measures: '断网' } }, ctx(actors.processor, 2))
			.then([
				{ type: 'FirstHandlingStarted', data: { at: at(2), by: 'u-proc', measures: '断网' } }
			]);
	});

	it('self-grades 一般 without reporting to the regulator', () => {
		const s = fold(run(paths.general()).events);
		expect(s).toMatchObject({
			status: 'self_graded',
			level: 'general',
			selfGradedLevel: 'general'
		});
		expect(s.status !== 'none' && s.milestones.reportedLocalAt).toBeUndefined();
	});

	it('self-grading 较大+ is the report to the local regulator', () => {
		given(paths.reported())
			.when(
				{
					type: 'SelfGrade',
					data: { level: 'relatively_large', ruleSetVersion: 'v1', firedCriteria: ['pi.1m'] }
				},
				ctx(actors.processor, 3)
			)
			.then([
				{
					type: 'IncidentSelfGraded',
					data: {
						at: at(3),
						by: 'u-proc',
						level: 'relatively_large',
						ruleSetVersion: 'v1',
						firedCriteria: ['pi.1m'],
						signedOff: true
					}
				},
				{
					type: 'IncidentReportedLocal',
					data: { at: at(3), by: 'u-proc', regulatorRegion: '440300' }
				}
			]);
	});

	it('refuses an unsigned 重大 self-grade, accepts it when signed with the grade', () => {
		const unsigned = given(paths.reported(report({ signedOff: false })));
		const cmd = (signedOff?: boolean): IncidentCommand => ({
			type: 'SelfGrade',
			data: {
				level: 'major',
				ruleSetVersion: 'v1',
				firedCriteria: ['x'],
				...(signedOff ? { signedOff } : {})
			}
		});
		unsigned
			.when(cmd(), ctx(actors.processor))
			.thenThrows('incident.signoff_required', 'signedOff');
		expect(unsigned.when(cmd(true), ctx(actors.processor)).events()).toHaveLength(2);
	});

	it('refuses a grade without fired criteria', () => {
		given(paths.reported())
			.when(
				{ type: 'SelfGrade', data: { level: 'general', ruleSetVersion: 'v1', firedCriteria: [] } },
				ctx(actors.processor)
			)
			.thenThrows('incident.invalid_payload', 'firedCriteria');
	});

	it('refuses self-grading by the regulator and grading twice', () => {
		const cmd: IncidentCommand = {
			type: 'SelfGrade',
			data: { level: 'general', ruleSetVersion: 'v1', firedCriteria: ['x'] }
		};
		given(paths.reported()).when(cmd, ctx(actors.regulator)).thenThrows('forbidden');
		given(paths.general())
			.when(cmd, ctx(actors.processor))
			.thenThrows('incident.invalid_transition');
	});

	it('refuses first handling once graded', () => {
		given(paths.general())
			.when({ type: 'StartFirstHandling', data: { measures: 'x' } }, ctx(actors.processor))
			.thenThrows('incident.invalid_transition');
	});
});

describe('ConfirmLevel', () => {
	const reported = upTo('ConfirmLevel');

	it('confirms the self-grade without a reason', () => {
		given(reported)
			.when({ type: 'ConfirmLevel', data: { level: 'major' } }, ctx(actors.regulator, 5))
			.then([
				{
					type: 'LevelConfirmed',
					data: { at: at(5), by: 'u-reg', level: 'major', previousLevel: 'major' }
				}
			]);
	});

	it('changes the level only with a reason, and records who and why', () => {
		const g = given(reported);
		g.when(
			{ type: 'ConfirmLevel', data: { level: 'especially_major' } },
			ctx(actors.regulator)
		).thenThrows('incident.reason_required', 'reason');
		const events = g
			.when(
				{ type: 'ConfirmLevel', data: { level: 'especially_major', reason: '核心数据' } },
				ctx(actors.regulator)
			)
			.events();
		const s = fold([...run(reported).events, ...events]);
		expect(s.status !== 'none' && s.levelHistory.at(-1)).toMatchObject({
			level: 'especially_major',
			from: 'major',
			by: 'u-reg',
			role: 'regulator',
			reason: '核心数据',
			source: 'confirmed'
		});
	});

	it.each([
		['the processor', actors.processor],
		['the province for a 计划单列市 industrial incident', actors.provinceRegulator],
		['a regulator of another sector', actors.telecomRegulator]
	])('refuses confirmation by %s', (_, actor) => {
		given(reported)
			.when({ type: 'ConfirmLevel', data: { level: 'major' } }, ctx(actor))
			.thenThrows('forbidden');
	});

	it('refuses confirmation before the report reached the regulator', () => {
		given(paths.general())
			.when({ type: 'ConfirmLevel', data: { level: 'general' } }, ctx(actors.regulator))
			.thenThrows('incident.invalid_transition');
	});
});

describe('EscalateToMinistry and ReportToLeadingGroup', () => {
	it('moves regulator_graded → reported_ministry on the first channel, with the call time', () => {
		given(upTo('EscalateToMinistry'))
			.when(
				{ type: 'EscalateToMinistry', data: { channel: 'phone', at: at(7) } },
				ctx(actors.regulator, 9)
			)
			.then([
				{ type: 'IncidentReportedMinistry', data: { at: at(7), by: 'u-reg', channel: 'phone' } }
			]);
		expect(fold(run(upTo('StartResponse')).events)).toMatchObject({
			status: 'reported_ministry',
			milestones: { reportedMinistryAt: { phone: at(8), written: at(25) } }
		});
	});

	it('refuses a second report on the same channel and a call time outside discovery..now', () => {
		const g = given(upTo('StartResponse'));
		g.when(
			{ type: 'EscalateToMinistry', data: { channel: 'phone' } },
			ctx(actors.regulator)
		).thenThrows('incident.already_reported');
		given(upTo('EscalateToMinistry'))
			.when(
				{ type: 'EscalateToMinistry', data: { channel: 'phone', at: at(70) } },
				ctx(actors.regulator, 60)
			)
			.thenThrows('incident.invalid_time', 'at');
		given(upTo('EscalateToMinistry'))
			.when(
				{ type: 'EscalateToMinistry', data: { channel: 'phone', at: at(-1) } },
				ctx(actors.regulator, 60)
			)
			.thenThrows('incident.invalid_time', 'at');
	});

	it('refuses escalation of a 较大 incident and by another region', () => {
		given(paths.relativelyLarge())
			.when({ type: 'EscalateToMinistry', data: { channel: 'phone' } }, ctx(actors.regulator))
			.thenThrows('incident.invalid_transition');
		given(upTo('EscalateToMinistry'))
			.when(
				{ type: 'EscalateToMinistry', data: { channel: 'phone' } },
				ctx(actors.provinceRegulator)
			)
			.thenThrows('forbidden');
	});

	it('lets the ministry report to the leading group, once per channel', () => {
		const g = given(upTo('StartResponse'));
		g.when(
			{ type: 'ReportToLeadingGroup', data: { channel: 'phone' } },
			ctx(actors.ministry, 26)
		).then([
			{ type: 'IncidentReportedLeadingGroup', data: { at: at(26), by: 'u-min', channel: 'phone' } }
		]);
		g.when(
			{ type: 'ReportToLeadingGroup', data: { channel: 'phone' } },
			ctx(actors.regulator)
		).thenThrows('forbidden');
		given(upTo('EscalateToMinistry'))
			.when({ type: 'ReportToLeadingGroup', data: { channel: 'phone' } }, ctx(actors.ministry))
			.thenThrows('incident.invalid_transition');
	});
});

describe('StartResponse: who commands each level', () => {
	it('IV by the processor straight after self-grading', () => {
		given(paths.general())
			.when({ type: 'StartResponse', data: { level: 'general' } }, ctx(actors.processor, 4))
			.then([{ type: 'ResponseStarted', data: { at: at(4), by: 'u-proc', level: 'general' } }]);
		given(paths.general())
			.when({ type: 'StartResponse', data: { level: 'general' } }, ctx(actors.regulator, 4))
			.thenThrows('forbidden');
	});

	it('III by the local regulator after grading', () => {
		given(paths.relativelyLarge())
			.when(
				{ type: 'StartResponse', data: { level: 'relatively_large' } },
				ctx(actors.regulator, 21)
			)
			.then([
				{ type: 'ResponseStarted', data: { at: at(21), by: 'u-reg', level: 'relatively_large' } }
			]);
		for (const actor of [actors.processor, actors.ministry, actors.provinceRegulator])
			given(paths.relativelyLarge())
				.when({ type: 'StartResponse', data: { level: 'relatively_large' } }, ctx(actor))
				.thenThrows('forbidden');
	});

	it('II by the ministry once reported, not before', () => {
		expect(fold(run(majorPath).events)).toMatchObject({
			status: 'response',
			responseLevel: 'major'
		});
		given(upTo('StartResponse'))
			.when({ type: 'StartResponse', data: { level: 'major' } }, ctx(actors.regulator))
			.thenThrows('forbidden');
		given(upTo('EscalateToMinistry'))
			.when({ type: 'StartResponse', data: { level: 'major' } }, ctx(actors.ministry))
			.thenThrows('incident.invalid_transition');
	});

	it('I needs the leading group approval', () => {
		const path = upTo('StartResponse').map((s) =>
			s.command.type === 'ConfirmLevel'
				? {
						...s,
						command: {
							type: 'ConfirmLevel',
							data: { level: 'especially_major', reason: '核心数据' }
						} as IncidentCommand
					}
				: s
		);
		const g = given(path);
		g.when(
			{ type: 'StartResponse', data: { level: 'especially_major' } },
			ctx(actors.ministry)
		).thenThrows('incident.approval_required', 'approval');
		expect(
			g
				.when(
					{
						type: 'StartResponse',
						data: { level: 'especially_major', approval: '领导小组 2026-1' }
					},
					ctx(actors.ministry)
				)
				.events()
		).toHaveLength(1);
	});

	it('refuses a response level other than the graded one', () => {
		given(upTo('StartResponse'))
			.when(
				{ type: 'StartResponse', data: { level: 'especially_major', approval: 'x' } },
				ctx(actors.ministry)
			)
			.thenThrows('incident.level_mismatch', 'level');
		given(paths.relativelyLarge())
			.when({ type: 'StartResponse', data: { level: 'general' } }, ctx(actors.regulator))
			.thenThrows('forbidden');
		given(paths.general())
			.when({ type: 'StartResponse', data: { level: 'relatively_large' } }, ctx(actors.processor))
			.thenThrows('forbidden');
	});
});

describe('during response', () => {
	const g = () => given(majorPath);

	it('records progress from the processor, with its role', () => {
		g()
			.when({ type: 'RecordProgress', data: { note: '已恢复' } }, ctx(actors.processor, 90))
			.then([
				{
					type: 'ProgressRecorded',
					data: { at: at(90), by: 'u-proc', note: '已恢复', role: 'processor' }
				}
			]);
		g()
			.when({ type: 'RecordProgress', data: { note: 'x' } }, ctx(actors.otherProcessor))
			.thenThrows('forbidden');
	});

	it('lets the processor request a change with a reason', () => {
		g()
			.when(
				{ type: 'RequestLevelChange', data: { level: 'relatively_large', reason: '' } },
				ctx(actors.processor)
			)
			.thenThrows('incident.reason_required');
		g()
			.when(
				{ type: 'RequestLevelChange', data: { level: 'major', reason: 'x' } },
				ctx(actors.processor)
			)
			.thenThrows('incident.level_unchanged');
		g()
			.when(
				{ type: 'RequestLevelChange', data: { level: 'relatively_large', reason: '影响已控制' } },
				ctx(actors.processor, 99)
			)
			.then([
				{
					type: 'LevelChangeRequested',
					data: {
						at: at(99),
						by: 'u-proc',
						from: 'major',
						to: 'relatively_large',
						reason: '影响已控制'
					}
				}
			]);
		g()
			.when(
				{ type: 'RequestLevelChange', data: { level: 'general', reason: 'x' } },
				ctx(actors.regulator)
			)
			.thenThrows('forbidden');
	});

	it('changes out of II only by the ministry, with a reason, and records it', () => {
		const cmd: IncidentCommand = {
			type: 'ChangeLevel',
			data: { level: 'relatively_large', reason: '影响已控制' }
		};
		g().when(cmd, ctx(actors.regulator)).thenThrows('forbidden');
		g()
			.when({ ...cmd, data: { ...cmd.data, reason: ' ' } } as IncidentCommand, ctx(actors.ministry))
			.thenThrows('incident.reason_required');
		const events = g().when(cmd, ctx(actors.ministry, 100)).events();
		expect(events).toEqual([
			{
				type: 'LevelChanged',
				data: {
					at: at(100),
					by: 'u-min',
					from: 'major',
					to: 'relatively_large',
					reason: '影响已控制',
					role: 'ministry'
				}
			}
		]);
		const s = fold([...inResponse(), ...events]);
		expect(s).toMatchObject({
			status: 'response',
			level: 'relatively_large',
			responseLevel: 'major'
		});
	});

	it('lets the regulator move between III and IV but not into II', () => {
		const iii = [
			...paths.relativelyLarge(),
			paths.step(
				{ type: 'StartResponse', data: { level: 'relatively_large' } },
				actors.regulator,
				at(21)
			)
		];
		expect(
			given(iii)
				.when(
					{ type: 'ChangeLevel', data: { level: 'general', reason: '已控制' } },
					ctx(actors.regulator)
				)
				.events()
		).toHaveLength(1);
		given(iii)
			.when(
				{ type: 'ChangeLevel', data: { level: 'major', reason: '扩散' } },
				ctx(actors.regulator)
			)
			.thenThrows('forbidden');
		expect(
			given(iii)
				.when(
					{ type: 'ChangeLevel', data: { level: 'major', reason: '扩散' } },
					ctx(actors.ministry)
				)
				.events()
		).toHaveLength(1);
	});

	it('refuses a level change outside a response', () => {
		given(upTo('StartResponse'))
			.when(
				{ type: 'ChangeLevel', data: { level: 'especially_major', reason: 'x' } },
				ctx(actors.ministry)
			)
			.thenThrows('incident.invalid_transition');
	});
});

describe('end of response, summaries, closing', () => {
	const ended = [
		...majorPath,
		paths.step({ type: 'EndResponse', data: {} }, actors.ministry, at(600))
	];
	const processorSummary = [
		...ended,
		paths.step({ type: 'SubmitSummary', data: { summary } }, actors.processor, at(3000))
	];
	const regulatorSummary = [
		...processorSummary,
		paths.step({ type: 'SubmitRegulatorSummary', data: { summary } }, actors.regulator, at(6000))
	];

	it('II ends by the ministry', () => {
		given(majorPath)
			.when({ type: 'EndResponse', data: {} }, ctx(actors.ministry, 600))
			.then([{ type: 'ResponseEnded', data: { at: at(600), by: 'u-min', level: 'major' } }]);
		given(majorPath)
			.when({ type: 'EndResponse', data: {} }, ctx(actors.regulator))
			.thenThrows('forbidden');
		given(majorPath)
			.when({ type: 'EndResponse', data: {} }, ctx(actors.processor))
			.thenThrows('forbidden');
	});

	it('IV ends by the processor', () => {
		const iv = [
			...paths.general(),
			paths.step({ type: 'StartResponse', data: { level: 'general' } }, actors.processor, at(4))
		];
		expect(
			given(iv).when({ type: 'EndResponse', data: {} }, ctx(actors.processor)).events()
		).toHaveLength(1);
		given(iv).when({ type: 'EndResponse', data: {} }, ctx(actors.ministry)).thenThrows('forbidden');
	});

	it('a 重大 incident goes processor summary → regulator summary → closed', () => {
		given(ended)
			.when({ type: 'CloseIncident', data: {} }, ctx(actors.ministry))
			.thenThrows('incident.summary_required');
		given(ended)
			.when({ type: 'SubmitRegulatorSummary', data: { summary } }, ctx(actors.regulator))
			.thenThrows('incident.invalid_transition');
		given(ended)
			.when({ type: 'SubmitSummary', data: { summary } }, ctx(actors.regulator))
			.thenThrows('forbidden');
		given(processorSummary)
			.when({ type: 'CloseIncident', data: {} }, ctx(actors.ministry))
			.thenThrows('incident.summary_required');
		given(regulatorSummary)
			.when({ type: 'CloseIncident', data: {} }, ctx(actors.ministry, 7000))
			.then([{ type: 'IncidentClosed', data: { at: at(7000), by: 'u-min' } }]);
		expect(fold(run(regulatorSummary).events)).toMatchObject({
			status: 'summary_by_regulator',
			milestones: {
				responseEndedAt: at(600),
				processorSummaryAt: at(3000),
				regulatorSummaryAt: at(6000)
			}
		});
		given(regulatorSummary)
			.when({ type: 'CloseIncident', data: {} }, ctx(actors.processor))
			.thenThrows('forbidden');
	});

	it('a 一般 incident closes straight after its response', () => {
		const iv = [
			...paths.general(),
			paths.step({ type: 'StartResponse', data: { level: 'general' } }, actors.processor, at(4)),
			paths.step({ type: 'EndResponse', data: {} }, actors.processor, at(50))
		];
		expect(
			given(iv).when({ type: 'CloseIncident', data: {} }, ctx(actors.processor)).events()
		).toHaveLength(1);
	});

	it('nothing happens to a closed incident', () => {
		const closed = [
			...regulatorSummary,
			paths.step({ type: 'CloseIncident', data: {} }, actors.ministry, at(7000))
		];
		given(closed)
			.when({ type: 'RecordProgress', data: { note: 'x' } }, ctx(actors.ministry, 8000))
			.thenThrows('incident.invalid_transition');
		given(closed)
			.when({ type: 'WithdrawIncident', data: { reason: 'x' } }, ctx(actors.ministry, 8000))
			.thenThrows('incident.invalid_transition');
	});
});

describe('withdraw and merge', () => {
	it('withdraws a false report with a reason', () => {
		given(paths.general())
			.when({ type: 'WithdrawIncident', data: { reason: '误报' } }, ctx(actors.processor, 10))
			.then([{ type: 'IncidentWithdrawn', data: { at: at(10), by: 'u-proc', reason: '误报' } }]);
		given(paths.general())
			.when({ type: 'WithdrawIncident', data: { reason: '' } }, ctx(actors.processor))
			.thenThrows('incident.reason_required');
	});

	it('merges a duplicate into another incident, never into itself', () => {
		given(paths.general())
			.when(
				{ type: 'MergeIncident', data: { intoIncidentId: 'inc-0', reason: '重复上报' } },
				ctx(actors.regulator, 10)
			)
			.then([
				{
					type: 'IncidentMerged',
					data: { at: at(10), by: 'u-reg', intoIncidentId: 'inc-0', reason: '重复上报' }
				}
			]);
		given(paths.general())
			.when(
				{ type: 'MergeIncident', data: { intoIncidentId: 'inc-1', reason: 'x' } },
				ctx(actors.regulator)
			)
			.thenThrows('incident.invalid_merge');
		given(paths.general())
			.when(
				{ type: 'MergeIncident', data: { intoIncidentId: 'inc-0', reason: 'x' } },
				ctx(actors.processor)
			)
			.thenThrows('forbidden');
		const s = fold([
			...run(paths.general()).events,
			{
				type: 'IncidentMerged',
				data: { at: at(10), by: 'u-reg', intoIncidentId: 'inc-0', reason: '重复上报' }
			}
		]);
		expect(s).toMatchObject({ status: 'merged', mergedInto: { incidentId: 'inc-0' } });
	});
});

describe('permissions as data', () => {
	it('answers canIssue by role, scope and level', () => {
		const s = fold(inResponse());
		expect(canIssue(actors.ministry, 'EndResponse', s)).toBe(true);
		expect(canIssue(actors.regulator, 'EndResponse', s)).toBe(false);
		expect(canIssue(actors.regulator, 'ChangeLevel', s)).toBe(false);
		expect(canIssue(actors.hq, 'RecordProgress', s)).toBe(true);
		expect(canIssue(actors.agency, 'RecordProgress', s)).toBe(false);
	});
});

describe('events', () => {
	it('every emitted payload passes its schema and is JSON-safe', () => {
		const events: IncidentEvent[] = run([
			...majorPath,
			paths.step({ type: 'EndResponse', data: {} }, actors.ministry, at(600)),
			paths.step({ type: 'SubmitSummary', data: { summary } }, actors.processor, at(3000))
		]).events;
		for (const e of events) {
			expect(incidentEventSchemas[e.type].safeParse(e.data).success).toBe(true);
			expect(JSON.parse(JSON.stringify(e))).toEqual(e);
		}
		expect(T0).toBe('2026-09-18T09:50:00.000Z');
	});
});
