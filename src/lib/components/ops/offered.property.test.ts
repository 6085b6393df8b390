import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '$lib/domain/actor';
import * as agency from '$lib/domain/agency';
import * as drill from '$lib/domain/drill';
import { isDomainError } from '$lib/domain/errors';
import {
	decide as decideIncident,
	incidentCommandAvailable,
	type Incident,
	type IncidentCommandOf,
	type IncidentState,
	type StateCommandType
} from '$lib/domain/incident';
import { actors, play, scriptArb, summary } from '$lib/domain/incident/fixtures';
import { LEVELS, WARNING_COLOURS, type WarningColour } from '$lib/domain/levels';
import { emptyPicture, type Picture } from '$lib/domain/picture';
import * as warning from '$lib/domain/warning';
import * as watch from '$lib/domain/watch';
import {
	AGENCY_ACTION_NAMES,
	AGENCY_ACTIONS,
	INCIDENT_ACTION_NAMES,
	INCIDENT_ACTIONS,
	offeredAgencyActions
} from '$lib/shared/console';
import {
	agencyCandidates,
	incidentAssignments,
	offeredActions,
	runningDrillsFor,
	warningRows
} from './model';

/**
 * What the operator screens offer is exactly what the domain accepts: for random states and
 * actors, an action is offered if and only if `decide` accepts its command with some data the
 * screen's form could send. The candidate data below are finite and cover every command of
 * every aggregate (the types make a new incident command need its candidates here), so a new
 * line in src/lib/shared/console.ts is covered without touching this file.
 */

const seed = Date.now();
console.log(`offered-actions property seed: ${seed}`);
const runs = { seed, numRuns: 200 };
// Each incident property runs tens of thousands of decides: seconds on a loaded box or under
// libfaketime. How long it takes is not what this file tests.
vi.setConfig({ testTimeout: 120_000 });

/** Whether decide accepts; a refusal must be a DomainError, anything else fails the test. */
function accepts(run: () => unknown): boolean {
	try {
		run();
		return true;
	} catch (e) {
		if (!isDomainError(e)) throw e;
		return false;
	}
}

const ACTORS: readonly Actor[] = [
	...Object.values(actors),
	{ id: 'u-sz-tel', role: 'regulator', region: '440300', sector: 'telecom' }, // not seated
	{ id: 'u-bj', role: 'regulator', region: '110000', sector: 'industrial' },
	{ id: 'u-nobody', role: 'regulator' },
	{ id: 'u-ag-2', role: 'agency', agencyId: 'ag-2' }
];
const actorArb = fc.constantFrom(...ACTORS);

/** Counts, per action, how often it was offered and refused: a property that never sees both proves little. */
function tally() {
	const seen = new Map<string, { offered: number; refused: number }>();
	return {
		add(action: string, offered: boolean) {
			const t = seen.get(action) ?? { offered: 0, refused: 0 };
			if (offered) t.offered++;
			else t.refused++;
			seen.set(action, t);
		},
		expectBoth(actions: readonly string[]) {
			for (const a of actions) {
				expect(seen.get(a)?.offered ?? 0, `${a} never offered`).toBeGreaterThan(0);
				expect(seen.get(a)?.refused ?? 0, `${a} never refused`).toBeGreaterThan(0);
			}
		}
	};
}

// ── incidents ────────────────────────────────────────────────────────────────────────

const reasons = [undefined, '原因'] as const;
const channels = ['phone', 'written'] as const;

/** Every form of data each incident command could carry that matters to decide. */
const CANDIDATES: {
	[T in StateCommandType]: (s: Incident) => IncidentCommandOf<T>['data'][];
} = {
	StartFirstHandling: () => [{ measures: '隔离' }],
	SelfGrade: () =>
		LEVELS.flatMap((level) =>
			[true, false].map((signedOff) => ({
				level,
				ruleSetVersion: 'v1',
				firedCriteria: ['c'],
				signedOff
			}))
		),
	ConfirmLevel: () =>
		LEVELS.flatMap((level) => reasons.map((reason) => ({ level, ...(reason ? { reason } : {}) }))),
	EscalateToMinistry: () => channels.map((channel) => ({ channel })),
	ReportToLeadingGroup: () => channels.map((channel) => ({ channel })),
	StartResponse: () =>
		LEVELS.flatMap((level) =>
			[undefined, 'LG-1'].map((approval) => ({ level, ...(approval ? { approval } : {}) }))
		),
	RecordProgress: () => [{ note: '进展' }],
	RequestLevelChange: () => LEVELS.map((level) => ({ level, reason: '原因' })),
	ChangeLevel: () => LEVELS.map((level) => ({ level, reason: '原因' })),
	EndResponse: () => [{}, { approval: 'LG-2' }],
	SubmitSummary: () => [{ summary }],
	SubmitRegulatorSummary: () => [{ summary }],
	CloseIncident: () => [{}, { note: '结案' }],
	WithdrawIncident: () => [{ reason: '误报' }],
	MergeIncident: () => [{ intoIncidentId: 'inc-other', reason: '重复' }]
};

function incidentAccepts(type: StateCommandType, state: IncidentState, actor: Actor, now: string) {
	if (state.status === 'none') return false;
	return (CANDIDATES[type](state) as IncidentCommandOf<StateCommandType>['data'][]).some((data) =>
		accepts(() =>
			decideIncident({ type, data } as IncidentCommandOf<StateCommandType>, state, { now, actor })
		)
	);
}

/** An incident anywhere along its life: a random script, cut at a random point. */
const incidentArb = fc
	.tuple(scriptArb, fc.nat())
	.map(([script, cut]) => play(script.slice(0, cut % (script.length + 1))));

const STATE_COMMANDS = Object.keys(CANDIDATES) as StateCommandType[];

describe('the console offers exactly what the domain accepts', () => {
	it('incident actions: offered ⇔ decide accepts (every entry of INCIDENT_ACTIONS)', () => {
		const seen = tally();
		fc.assert(
			fc.property(incidentArb, ({ state, now }) => {
				if (state.status === 'none') return;
				for (const actor of ACTORS) {
					const offered = offeredActions(actor, state);
					for (const action of INCIDENT_ACTION_NAMES) {
						const accepted = incidentAccepts(INCIDENT_ACTIONS[action], state, actor, now);
						expect(offered.includes(action), `${action} by ${actor.id} in ${state.status}`).toBe(
							accepted
						);
						seen.add(action, accepted);
					}
				}
			}),
			runs
		);
		seen.expectBoth(INCIDENT_ACTION_NAMES);
	});

	it('every incident command: incidentCommandAvailable ⇔ decide accepts', () => {
		const seen = tally();
		fc.assert(
			fc.property(incidentArb, ({ state, now }) => {
				for (const actor of ACTORS)
					for (const type of STATE_COMMANDS) {
						const accepted = incidentAccepts(type, state, actor, now);
						expect(incidentCommandAvailable(actor, state, type), `${type} by ${actor.id}`).toBe(
							accepted
						);
						seen.add(type, accepted);
					}
			}),
			runs
		);
		seen.expectBoth(STATE_COMMANDS);
	});
});

// ── warnings ─────────────────────────────────────────────────────────────────────────

const T0 = Date.parse('2026-10-01T00:00:00.000Z');
const iso = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();

const SCOPES: readonly warning.WarningScope[] = [
	{ regions: ['440000'], sectors: ['industrial'] },
	{ regions: ['440300'], sectors: ['industrial'] },
	{ regions: ['440000'], sectors: ['telecom'] },
	{ regions: ['110000', '440000'], sectors: ['industrial', 'telecom'] }
];

const issue = (colour: WarningColour, scope: warning.WarningScope): warning.IssueWarning => ({
	type: 'IssueWarning',
	warningId: 'w-1',
	colour,
	scope,
	validFrom: iso(0),
	validUntil: iso(48),
	title: '勒索攻击风险',
	likelyHarm: '数据被加密',
	requiredActions: ['排查']
});

/** A warning issued by the ministry, maybe adjusted and lifted, looked at some hours later. */
const warningArb = fc
	.record({
		colour: fc.constantFrom(...WARNING_COLOURS),
		scope: fc.constantFrom(...SCOPES),
		adjustTo: fc.option(fc.constantFrom(...WARNING_COLOURS), { nil: undefined }),
		lifted: fc.boolean(),
		hours: fc.integer({ min: -4, max: 60 })
	})
	.map(({ colour, scope, adjustTo, lifted, hours }) => {
		const ctx = { now: iso(-6), actor: actors.ministry };
		let state: warning.WarningState = warning.initialState;
		const apply = (c: warning.WarningCommand) => {
			for (const e of warning.decide(c, state, ctx)) state = warning.evolve(state, e);
		};
		apply(issue(colour, scope));
		if (adjustTo && adjustTo !== colour)
			apply({ type: 'AdjustWarning', warningId: 'w-1', colour: adjustTo, reason: '升级' });
		if (lifted) apply({ type: 'LiftWarning', warningId: 'w-1', reason: '解除' });
		return { state: state as warning.IssuedWarning, now: iso(hours) };
	});

const adjustAccepted = (w: warning.WarningState, actor: Actor, now: string) =>
	WARNING_COLOURS.filter((colour) =>
		accepts(() =>
			warning.decide({ type: 'AdjustWarning', warningId: 'w-1', colour, reason: '调整' }, w, {
				now,
				actor
			})
		)
	);

const liftAccepted = (w: warning.WarningState, actor: Actor, now: string) =>
	accepts(() =>
		warning.decide({ type: 'LiftWarning', warningId: 'w-1', reason: '解除' }, w, { now, actor })
	);

/** The scopes an issue form could send: a regulator's own (the form fixes it), or any. */
const issueScopes = (actor: Actor): warning.WarningScope[] =>
	actor.role === 'regulator'
		? [{ regions: actor.region ? [actor.region] : [], sectors: actor.sector ? [actor.sector] : [] }]
		: [...SCOPES];

describe('warnings, watch periods and drills: offered ⇔ accepted', () => {
	it('issuing: issuableColours is exactly the colours decide accepts', () => {
		for (const actor of ACTORS) {
			const accepted = WARNING_COLOURS.filter((c) =>
				issueScopes(actor).some((scope) =>
					accepts(() =>
						warning.decide(issue(c, scope), warning.initialState, { now: iso(-1), actor })
					)
				)
			);
			expect(warning.issuableColours(actor), actor.id).toEqual(accepted);
			expect(
				warning.warningCommandAvailable(actor, warning.initialState, 'IssueWarning', iso(-1))
			).toBe(accepted.length > 0);
		}
	});

	it('adjusting and lifting: the domain and the console rows agree with decide', () => {
		const seen = tally();
		fc.assert(
			fc.property(warningArb, actorArb, ({ state, now }, actor) => {
				const colours = adjustAccepted(state, actor, now);
				const lift = liftAccepted(state, actor, now);
				expect(warning.warningCommandAvailable(actor, state, 'AdjustWarning', now)).toBe(
					colours.length > 0
				);
				expect(warning.warningCommandAvailable(actor, state, 'LiftWarning', now)).toBe(lift);
				const picture: Picture = { ...emptyPicture(), warnings: { 'w-1': state } };
				for (const row of warningRows(picture, actor, now)) {
					expect(row.mayAdjust).toBe(colours.length > 0);
					if (row.mayAdjust) expect(row.adjustColours).toEqual(colours);
					expect(row.mayLift).toBe(lift);
				}
				seen.add('adjust', colours.length > 0);
				seen.add('lift', lift);
			}),
			runs
		);
		seen.expectBoth(['adjust', 'lift']);
	});

	it('declaring a watch: mayDeclareWatch ⇔ decide accepts one over the regions it could choose', () => {
		for (const actor of ACTORS) {
			const regionSets = [
				...(actor.region ? [[actor.region]] : []),
				['110000'],
				['440000', '440300']
			];
			const accepted = regionSets.some((regions) =>
				accepts(() =>
					watch.decide(
						{
							type: 'CreateWatchPeriod',
							data: {
								watchId: 'watch-1',
								name: '保障期',
								startsAt: iso(0),
								endsAt: iso(72),
								regions,
								clockOverrides: {},
								designatedProcessors: []
							}
						},
						watch.initialState,
						{ now: iso(-1), actor }
					)
				)
			);
			expect(watch.mayDeclareWatch(actor), actor.id).toBe(accepted);
		}
	});

	it('drills: starting and stopping are offered exactly when decide accepts them', () => {
		const start = (actor: Actor, regions: string[]) =>
			drill.decide(
				{
					type: 'StartDrill',
					data: { drillId: 'd-1', scenarioId: 's', name: '演练', regions }
				},
				drill.initialState,
				{ now: iso(0), actor }
			);
		for (const actor of ACTORS) {
			const candidates = [...(actor.region ? [[actor.region]] : []), ['110000'], ['440000']];
			const accepted = candidates.some((regions) => accepts(() => start(actor, regions)));
			expect(drill.mayStartDrill(actor), actor.id).toBe(accepted);
		}
		const stateArb = fc
			.record({
				regions: fc.constantFrom<string[]>(
					['440000'],
					['440300'],
					['440000', '440300'],
					['110000']
				),
				end: fc.constantFrom('running', 'StopDrill', 'CompleteDrill')
			})
			.map(({ regions, end }) => {
				let state = drill.initialState;
				const apply = (events: drill.DrillEvent[]) => {
					for (const e of events) state = drill.evolve(state, e);
				};
				apply(start(actors.ministry, regions));
				if (end === 'StopDrill')
					apply(
						drill.decide({ type: 'StopDrill', data: { reason: '结束' } }, state, {
							now: iso(1),
							actor: actors.ministry
						})
					);
				if (end === 'CompleteDrill')
					apply(
						drill.decide({ type: 'CompleteDrill', data: {} }, state, {
							now: iso(1),
							actor: actors.system
						})
					);
				return state;
			});
		const seen = tally();
		fc.assert(
			fc.property(stateArb, actorArb, (state, actor) => {
				const accepted = accepts(() =>
					drill.decide({ type: 'StopDrill', data: { reason: '提前结束' } }, state, {
						now: iso(2),
						actor
					})
				);
				expect(drill.drillRefusal(actor, state) === null).toBe(accepted);
				const picture: Picture = { ...emptyPicture(), drills: { 'd-1': state } };
				const rows = runningDrillsFor(picture, actor);
				if (state.status === 'running') expect(rows[0]?.mayStop).toBe(accepted);
				else expect(rows).toEqual([]);
				seen.add('stop', accepted);
			}),
			runs
		);
		seen.expectBoth(['stop']);
	});
});

// ── agencies ─────────────────────────────────────────────────────────────────────────

const agencyDefArb = fc.record({
	tier: fc.constantFrom('local' as const, 'ministry' as const),
	regionsServed: fc.constantFrom<string[]>(['440300'], ['440000'], ['110000']),
	capabilities: fc.subarray([...agency.CAPABILITIES], { minLength: 1 }),
	capacity: fc.integer({ min: 1, max: 2 })
});

/** Random work an agency has been given and done, on incidents in any status. */
const workArb = fc.array(
	fc.record({
		kind: fc.constantFrom('assign', 'accept', 'decline', 'release', 'progress'),
		incident: fc.constantFrom('inc-1', 'inc-2'),
		capability: fc.constantFrom(...agency.CAPABILITIES),
		pick: fc.nat()
	}),
	{ maxLength: 8 }
);

function agencyState(
	def: Omit<agency.Agency, 'id' | 'name' | 'contact'>,
	work: { kind: string; incident: string; capability: agency.Capability; pick: number }[]
): agency.AgencyState {
	const self: Actor = { id: 'u-ag', role: 'agency', agencyId: 'ag-1' };
	let state: agency.AgencyState = agency.initialState;
	const apply = (c: agency.AgencyCommand, actor: Actor) => {
		try {
			for (const e of agency.decide(c, state, { now: iso(0), actor }))
				state = agency.evolve(state, e);
		} catch (e) {
			if (!isDomainError(e)) throw e;
		}
	};
	apply(
		{
			type: 'RegisterAgency',
			data: {
				agency: { ...def, id: 'ag-1', name: '支撑机构', contact: { name: '李四', phone: '010' } }
			}
		},
		actors.ministry
	);
	let n = 0;
	for (const w of work) {
		const ids = state.status === 'registered' ? state.assignments.map((a) => a.assignmentId) : [];
		const assignmentId = ids[w.pick % Math.max(1, ids.length)] ?? 'none';
		if (w.kind === 'assign')
			apply(
				{
					type: 'AssignAgency',
					data: {
						assignmentId: `as-${++n}`,
						incidentId: w.incident,
						incidentRegion: '440300',
						incidentSector: 'industrial',
						incidentStatus: 'response',
						capability: w.capability
					}
				},
				actors.ministry
			);
		else if (w.kind === 'accept') apply({ type: 'AcceptAssignment', data: { assignmentId } }, self);
		else if (w.kind === 'decline')
			apply({ type: 'DeclineAssignment', data: { assignmentId, reason: '人手不足' } }, self);
		else if (w.kind === 'progress')
			apply({ type: 'RecordAgencyProgress', data: { assignmentId, note: '到场' } }, self);
		else apply({ type: 'ReleaseAgency', data: { assignmentId } }, actors.ministry);
	}
	return state;
}

const AGENCY_ACTORS: readonly Actor[] = [
	...ACTORS,
	{ id: 'u-ag', role: 'agency', agencyId: 'ag-1' }
];

/** The data the agency page's forms send for each of its actions. */
const AGENCY_FORM_DATA: Record<agency.AssignmentCommandType, Record<string, unknown>[]> = {
	AcceptAssignment: [{}],
	DeclineAssignment: [{ reason: '人手不足' }],
	RecordAgencyProgress: [{ note: '进展' }, { note: '到场', onSite: true }],
	ReleaseAgency: [{}, { reason: '任务完成' }]
};

describe('agencies: offered ⇔ accepted', () => {
	it('assigning: the console lists exactly the capabilities decide would accept', () => {
		const seen = tally();
		fc.assert(
			fc.property(agencyDefArb, workArb, incidentArb, (def, work, { state: incident, now }) => {
				if (incident.status === 'none') return;
				const state = agencyState(def, work);
				const picture: Picture = {
					...emptyPicture(),
					incidents: { [incident.incidentId]: incident },
					agencies: { 'ag-1': state }
				};
				for (const actor of AGENCY_ACTORS) {
					const accepted = agency.CAPABILITIES.filter((capability) =>
						accepts(() =>
							agency.decide(
								{
									type: 'AssignAgency',
									data: {
										assignmentId: 'as-new',
										incidentId: incident.incidentId,
										incidentRegion: incident.region,
										incidentSector: incident.sector,
										incidentStatus: incident.status,
										capability
									}
								},
								state,
								{ now, actor }
							)
						)
					);
					const candidate = agencyCandidates(picture, actor, incident, now).find(
						(c) => c.id === 'ag-1'
					);
					expect(candidate?.assignable ?? []).toEqual(
						agency.CAPABILITIES.filter((c) => accepted.includes(c))
					);
					seen.add('assign', accepted.length > 0);

					for (const row of incidentAssignments(picture, actor, incident)) {
						const release = AGENCY_FORM_DATA.ReleaseAgency.some((data) =>
							accepts(() =>
								agency.decide(
									{
										type: 'ReleaseAgency',
										data: { assignmentId: row.assignmentId, ...data }
									},
									state,
									{ now, actor }
								)
							)
						);
						expect(row.releasable).toBe(release);
						seen.add('release', release);
					}
				}
			}),
			runs
		);
		seen.expectBoth(['assign', 'release']);
	});

	it("the agency page: each assignment's actions are those decide accepts", () => {
		const seen = tally();
		fc.assert(
			fc.property(agencyDefArb, workArb, (def, work) => {
				const state = agencyState(def, work);
				if (state.status === 'none') return;
				for (const actor of AGENCY_ACTORS)
					for (const a of state.assignments) {
						const offered = offeredAgencyActions(actor, state, a.assignmentId);
						for (const action of AGENCY_ACTION_NAMES) {
							const type = AGENCY_ACTIONS[action];
							const accepted = AGENCY_FORM_DATA[type].some((data) =>
								accepts(() =>
									agency.decide(
										{
											type,
											data: { assignmentId: a.assignmentId, ...data }
										} as agency.AgencyCommand,
										state,
										{ now: iso(1), actor }
									)
								)
							);
							expect(offered.includes(action), `${action} on a ${a.status} assignment`).toBe(
								accepted
							);
							seen.add(action, accepted);
						}
					}
			}),
			runs
		);
		seen.expectBoth(AGENCY_ACTION_NAMES);
	});
});
