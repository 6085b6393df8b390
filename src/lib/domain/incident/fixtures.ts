/**
 * Test fixtures and a given/when/then helper for deciders. Kept beside the incident aggregate
 * because clocks and agency tests build incidents too; nothing in production imports it.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { LEVELS } from '../levels';
import type { Actor } from '../actor';
import { DomainError, isDomainError } from '../errors';
import type { IncidentCommand } from './commands';
import type { IncidentEvent, IncidentReportForm, SummaryReport } from './events';
import { decide } from './decide';
import { evolve, initialState, type IncidentState } from './evolve';

export interface Decider<C, E, S, Ctx> {
	decide(command: C, state: S, ctx: Ctx): E[];
	evolve(state: S, event: E): S;
	initialState: S;
}

export function deciderSpec<C, E, S, Ctx>(d: Decider<C, E, S, Ctx>) {
	return (given: readonly E[]) => {
		const state = given.reduce(d.evolve, d.initialState);
		return {
			state,
			when(command: C, ctx: Ctx) {
				const run = () => d.decide(command, state, ctx);
				return {
					then(expected: E[]) {
						expect(run()).toEqual(expected);
					},
					thenThrows(code: string, field?: string) {
						let error: unknown;
						try {
							run();
						} catch (e) {
							error = e;
						}
						expect(error).toBeInstanceOf(DomainError);
						expect((error as DomainError).code).toBe(code);
						if (field !== undefined) expect((error as DomainError).field).toBe(field);
					},
					events: run
				};
			}
		};
	};
}

export const incidentSpec = deciderSpec({ decide, evolve, initialState });

/** Friday 2026-09-18 17:50 China time. */
export const T0 = '2026-09-18T09:50:00.000Z';
export const at = (minutes: number, from = T0) =>
	new Date(Date.parse(from) + minutes * 60_000).toISOString();

export const ORG = 'org-sz-1';
export const actors = {
	processor: { id: 'u-proc', role: 'processor', orgId: ORG, region: '440300' },
	hq: { id: 'u-hq', role: 'processor', orgId: 'org-hq', subsidiaries: [ORG] },
	otherProcessor: { id: 'u-proc2', role: 'processor', orgId: 'org-other' },
	// Shenzhen is a 计划单列市: it regulates industrial data itself.
	regulator: { id: 'u-reg', role: 'regulator', region: '440300', sector: 'industrial' },
	provinceRegulator: { id: 'u-gd', role: 'regulator', region: '440000', sector: 'industrial' },
	telecomRegulator: { id: 'u-gdca', role: 'regulator', region: '440000', sector: 'telecom' },
	ministry: { id: 'u-min', role: 'ministry' },
	agency: { id: 'u-ag', role: 'agency', agencyId: 'ag-1' },
	system: { id: 'scenario', role: 'system' },
	display: { id: 'wall-1', role: 'display' }
} satisfies Record<string, Actor>;

export function report(overrides: Partial<IncidentReportForm> = {}): IncidentReportForm {
	return {
		reportingUnit: { name: '深圳某制造有限公司', contact: '张三', mobile: '13800000000' },
		occurredAt: '2026-09-18T09:30:00.000Z',
		discoveredAt: T0,
		howLearned: { kind: 'own_monitoring' },
		organisation: { orgId: ORG, name: '深圳某制造有限公司' },
		region: '440300',
		sector: 'industrial',
		systems: [{ name: 'MES', address: '10.0.0.8' }],
		cause: 'unknown',
		data: { types: ['production'], grade: 'important', records: 120_000 },
		impact: { organisations: 'unknown', regionsSectors: '广东 工业' },
		handling: {
			measuresTaken: '隔离受影响主机',
			furtherMeasures: 'unknown',
			supportRequested: ['攻击溯源']
		},
		signedOff: true,
		drill: false,
		...overrides
	};
}

export const summary: SummaryReport = {
	filingUnit: '深圳某制造有限公司',
	basicFacts: {
		cause: '弱口令',
		course: '见附件',
		authenticity: '属实',
		responsibility: '运维部门',
		impactAndLoss: '12万条生产数据泄露'
	},
	measures: {
		management: '修订制度',
		technical: '强制多因素认证',
		personnel: '培训',
		emergency: '隔离',
		userNotice: '已通知'
	},
	improvementPlan: '三个月内完成整改',
	lessonsLearned: '加强监测',
	otherMatters: '',
	evidence: ['日志摘录']
};

export interface Step {
	command: IncidentCommand;
	actor: Actor;
	now: string;
}

/** Runs commands through decide/evolve, returning every event (with time) and the final state. */
export function run(steps: readonly Step[], from: IncidentState = initialState) {
	let state = from;
	const events: IncidentEvent[] = [];
	for (const s of steps) {
		for (const e of decide(s.command, state, { now: s.now, actor: s.actor })) {
			events.push(e);
			state = evolve(state, e);
		}
	}
	return { state, events };
}

const step = (command: IncidentCommand, actor: Actor, now: string): Step => ({
	command,
	actor,
	now
});

/** Canonical paths, each step a minute or so apart, ready to slice. */
export const paths = {
	reported: (r = report()) => [
		step(
			{ type: 'ReportIncident', data: { incidentId: 'inc-1', report: r } },
			actors.processor,
			at(1)
		)
	],
	major: (r = report()) => [
		...paths.reported(r),
		step({ type: 'StartFirstHandling', data: { measures: '断网' } }, actors.processor, at(2)),
		step(
			{
				type: 'SelfGrade',
				data: {
					level: 'major',
					ruleSetVersion: 'national-2024.1',
					firedCriteria: ['data.important.serious']
				}
			},
			actors.processor,
			at(3)
		),
		step({ type: 'ConfirmLevel', data: { level: 'major' } }, actors.regulator, at(5)),
		step({ type: 'EscalateToMinistry', data: { channel: 'phone' } }, actors.regulator, at(8)),
		step({ type: 'EscalateToMinistry', data: { channel: 'written' } }, actors.regulator, at(25)),
		step({ type: 'StartResponse', data: { level: 'major' } }, actors.ministry, at(30))
	],
	general: (r = report()) => [
		...paths.reported(r),
		step(
			{
				type: 'SelfGrade',
				data: {
					level: 'general',
					ruleSetVersion: 'national-2024.1',
					firedCriteria: ['other.general']
				}
			},
			actors.processor,
			at(3)
		)
	],
	relativelyLarge: (r = report()) => [
		...paths.reported(r),
		step(
			{
				type: 'SelfGrade',
				data: {
					level: 'relatively_large',
					ruleSetVersion: 'national-2024.1',
					firedCriteria: ['pi.1m']
				}
			},
			actors.processor,
			at(3)
		),
		step({ type: 'ConfirmLevel', data: { level: 'relatively_large' } }, actors.regulator, at(20))
	],
	step
};

const level = fc.constantFrom(...LEVELS);
const reason = fc.constantFrom('', '原因');
const channel = fc.constantFrom('phone' as const, 'written' as const);

export const commandArb: fc.Arbitrary<IncidentCommand> = fc.oneof(
	fc.constant<IncidentCommand>({
		type: 'ReportIncident',
		data: { incidentId: 'inc-1', report: report() }
	}),
	fc.boolean().map<IncidentCommand>((signedOff) => ({
		type: 'ReportIncident',
		data: { incidentId: 'inc-1', report: report({ signedOff }) }
	})),
	fc.constant<IncidentCommand>({ type: 'StartFirstHandling', data: { measures: '隔离' } }),
	fc.tuple(level, fc.boolean()).map<IncidentCommand>(([l, signedOff]) => ({
		type: 'SelfGrade',
		data: { level: l, ruleSetVersion: 'v1', firedCriteria: ['c'], signedOff }
	})),
	fc.tuple(level, reason).map<IncidentCommand>(([l, r]) => ({
		type: 'ConfirmLevel',
		data: { level: l, ...(r ? { reason: r } : {}) }
	})),
	channel.map<IncidentCommand>((c) => ({ type: 'EscalateToMinistry', data: { channel: c } })),
	channel.map<IncidentCommand>((c) => ({ type: 'ReportToLeadingGroup', data: { channel: c } })),
	fc.tuple(level, fc.boolean()).map<IncidentCommand>(([l, a]) => ({
		type: 'StartResponse',
		data: { level: l, ...(a ? { approval: 'LG-1' } : {}) }
	})),
	fc.constant<IncidentCommand>({ type: 'RecordProgress', data: { note: '进展' } }),
	fc.tuple(level, reason).map<IncidentCommand>(([l, r]) => ({
		type: 'RequestLevelChange',
		data: { level: l, reason: r }
	})),
	fc
		.tuple(level, reason)
		.map<IncidentCommand>(([l, r]) => ({ type: 'ChangeLevel', data: { level: l, reason: r } })),
	fc
		.boolean()
		.map<IncidentCommand>((a) => ({ type: 'EndResponse', data: a ? { approval: 'LG-2' } : {} })),
	fc.constant<IncidentCommand>({ type: 'SubmitSummary', data: { summary } }),
	fc.constant<IncidentCommand>({ type: 'SubmitRegulatorSummary', data: { summary } }),
	fc.constant<IncidentCommand>({ type: 'CloseIncident', data: {} }),
	reason.map<IncidentCommand>((r) => ({ type: 'WithdrawIncident', data: { reason: r } })),
	fc.constantFrom('inc-1', 'inc-0').map<IncidentCommand>((into) => ({
		type: 'MergeIncident',
		data: { intoIncidentId: into, reason: '重复' }
	}))
);

const actorArb = fc.constantFrom<Actor>(
	actors.processor,
	actors.regulator,
	actors.ministry,
	actors.provinceRegulator,
	actors.hq
);

interface ScriptStep {
	command: IncidentCommand;
	actor: Actor;
	gap: number;
}

// Mostly minutes apart (so 10-minute clocks can be met), sometimes hours.
const gapArb = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 240 }));
const noiseArb = fc.record({ command: commandArb, actor: actorArb, gap: gapArb });

const ending = (who: Actor): Step[] => [
	paths.step({ type: 'RecordProgress', data: { note: '进展' } }, actors.processor, ''),
	paths.step({ type: 'EndResponse', data: { approval: 'LG' } }, who, ''),
	paths.step({ type: 'SubmitSummary', data: { summary } }, actors.processor, ''),
	paths.step({ type: 'SubmitRegulatorSummary', data: { summary } }, actors.regulator, ''),
	paths.step({ type: 'CloseIncident', data: {} }, actors.ministry, '')
];

/** Canonical paths so random noise explores deep states, not only refusals of an empty stream. */
const backbones: Step[][] = [
	[...paths.major(), ...ending(actors.ministry)],
	[
		...paths.general(),
		paths.step({ type: 'StartResponse', data: { level: 'general' } }, actors.processor, ''),
		...ending(actors.processor)
	],
	[
		...paths.relativelyLarge(),
		paths.step(
			{ type: 'StartResponse', data: { level: 'relatively_large' } },
			actors.regulator,
			''
		),
		...ending(actors.regulator)
	]
];

/** A script: a backbone with random commands by random actors interleaved, minutes apart. */
export const scriptArb: fc.Arbitrary<ScriptStep[]> = fc
	.tuple(
		fc.constantFrom(...backbones),
		fc.array(fc.tuple(fc.nat(), noiseArb), { maxLength: 40 }),
		fc.array(gapArb, { minLength: 20, maxLength: 20 })
	)
	.map(([backbone, noise, gaps]) => {
		const script: ScriptStep[] = backbone.map((s, i) => ({
			command: s.command,
			actor: s.actor,
			gap: gaps[i % gaps.length] ?? 1
		}));
		for (const [pos, step] of noise) script.splice(pos % (script.length + 1), 0, step);
		return script;
	});

/** Runs a script, skipping commands decide refuses; any non-domain error fails the property. */
export function play(script: readonly ScriptStep[]) {
	let state: IncidentState = initialState;
	let minute = 1;
	const events: IncidentEvent[] = [];
	for (const { command, actor, gap } of script) {
		minute += gap;
		try {
			for (const e of decide(command, state, { now: at(minute), actor })) {
				events.push(e);
				state = evolve(state, e);
			}
		} catch (e) {
			if (!isDomainError(e)) throw e;
		}
	}
	return { state, events, now: at(minute) };
}
