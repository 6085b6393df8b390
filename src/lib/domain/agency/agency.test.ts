import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor';
import { CN_CALENDAR_2025_2026 } from '../calendar';
import { clocks } from '../clocks';
import { actors, at, deciderSpec, paths, run } from '../incident/fixtures';
import { MIIT_2024_POLICY } from '../policy';
import type { Agency, AgencyCommand, AgencyEvent } from './events';
import {
	agencyLoad,
	assignmentTimes,
	decide,
	evolve,
	initialState,
	standbyStatus,
	type AgencyState
} from './agency';

const spec = deciderSpec({ decide, evolve, initialState });
const fold = (events: AgencyEvent[]) => events.reduce(evolve, initialState);

const local: Agency = {
	id: 'ag-1',
	name: '深圳数据安全应急支撑中心',
	tier: 'local',
	regionsServed: ['440300'],
	capabilities: ['forensics', 'tracing'],
	capacity: 2,
	contact: { name: '李四', phone: '0755-00000000' }
};
const national: Agency = {
	...local,
	id: 'ag-n',
	name: '国家级支撑机构',
	tier: 'ministry',
	regionsServed: ['110000']
};
const self: Actor = { id: 'u-ag', role: 'agency', agencyId: 'ag-1' };

const register = (agency: Agency) =>
	spec([])
		.when({ type: 'RegisterAgency', data: { agency } }, { now: at(0), actor: actors.ministry })
		.events();
const assign = (
	assignmentId: string,
	incidentId = 'inc-1',
	capability: 'forensics' | 'tracing' | 'recovery' = 'forensics'
): AgencyCommand => ({
	type: 'AssignAgency',
	data: {
		assignmentId,
		incidentId,
		incidentRegion: '440300',
		incidentSector: 'industrial',
		incidentStatus: 'response',
		capability
	}
});

function play(steps: [AgencyCommand, Actor, number][], from = register(local)): AgencyEvent[] {
	const events = [...from];
	let state: AgencyState = fold(events);
	for (const [cmd, actor, minute] of steps) {
		for (const e of decide(cmd, state, { now: at(minute), actor })) {
			events.push(e);
			state = evolve(state, e);
		}
	}
	return events;
}

describe('registry', () => {
	it('is registered by the ministry or an admin, once', () => {
		expect(fold(register(local))).toMatchObject({ status: 'registered', agency: { id: 'ag-1' } });
		spec([])
			.when(
				{ type: 'RegisterAgency', data: { agency: local } },
				{ now: at(0), actor: actors.regulator }
			)
			.thenThrows('forbidden');
		spec(register(local))
			.when(
				{ type: 'RegisterAgency', data: { agency: local } },
				{ now: at(0), actor: actors.ministry }
			)
			.thenThrows('agency.already_exists');
		spec([])
			.when(
				{ type: 'RegisterAgency', data: { agency: { ...local, capacity: 0 } } },
				{ now: at(0), actor: actors.ministry }
			)
			.thenThrows('agency.invalid_payload', 'agency.capacity');
	});
});

describe('AssignAgency', () => {
	it('given a local agency, when the incident regulator assigns it, then it is assigned', () => {
		spec(register(local))
			.when(assign('as-1'), { now: at(40), actor: actors.regulator })
			.then([
				{
					type: 'AgencyAssigned',
					data: {
						at: at(40),
						by: 'u-reg',
						assignmentId: 'as-1',
						incidentId: 'inc-1',
						incidentRegion: '440300',
						incidentSector: 'industrial',
						capability: 'forensics',
						drill: false
					}
				}
			]);
	});

	it('refuses regulators of other regions or sectors, and local regulators for ministry-tier agencies', () => {
		spec(register(local))
			.when(assign('as-1'), { now: at(40), actor: actors.provinceRegulator })
			.thenThrows('forbidden');
		spec(register(local))
			.when(assign('as-1'), { now: at(40), actor: actors.telecomRegulator })
			.thenThrows('forbidden');
		spec(register(national))
			.when(assign('as-1'), { now: at(40), actor: actors.regulator })
			.thenThrows('forbidden');
		expect(
			spec(register(national))
				.when(assign('as-1'), { now: at(40), actor: actors.ministry })
				.events()
		).toHaveLength(1);
	});

	it('refuses a missing capability, an unserved region, a duplicate, and load beyond capacity', () => {
		spec(register(local))
			.when(assign('as-1', 'inc-1', 'recovery'), { now: at(40), actor: actors.ministry })
			.thenThrows('agency.capability_missing', 'capability');
		const elsewhere = {
			...assign('as-1'),
			data: { ...assign('as-1').data, incidentRegion: '110000' }
		} as AgencyCommand;
		spec(register(local))
			.when(elsewhere, { now: at(40), actor: actors.ministry })
			.thenThrows('agency.region_not_served');
		const one = play([[assign('as-1'), actors.regulator, 40]]);
		spec(one)
			.when(assign('as-2'), { now: at(41), actor: actors.regulator })
			.thenThrows('agency.already_assigned');
		const full = play([
			[assign('as-1'), actors.regulator, 40],
			[assign('as-2', 'inc-2'), actors.regulator, 41]
		]);
		expect(agencyLoad(fold(full) as Extract<AgencyState, { status: 'registered' }>)).toEqual({
			active: 2,
			capacity: 2,
			available: 0
		});
		spec(full)
			.when(assign('as-3', 'inc-3'), { now: at(42), actor: actors.regulator })
			.thenThrows('agency.over_capacity');
	});

	it('is refused once the response has ended: agencies are called in while the incident is handled', () => {
		for (const incidentStatus of ['response_ended', 'summary_by_processor', 'closed'] as const)
			spec(register(local))
				.when(
					{ ...assign('as-1'), data: { ...assign('as-1').data, incidentStatus } } as AgencyCommand,
					{ now: at(40), actor: actors.regulator }
				)
				.thenThrows('agency.incident_not_handling', 'incidentId');
		expect(
			spec(register(local))
				.when(
					{
						...assign('as-1'),
						data: { ...assign('as-1').data, incidentStatus: 'reported_local' }
					} as AgencyCommand,
					{ now: at(40), actor: actors.regulator }
				)
				.events()
		).toHaveLength(1);
	});
});

describe('the assignment lifecycle', () => {
	const assigned = play([[assign('as-1'), actors.regulator, 40]]);

	it('the agency itself accepts, reports arrival, and is released', () => {
		const events = play(
			[
				[{ type: 'AcceptAssignment', data: { assignmentId: 'as-1' } }, self, 55],
				[
					{
						type: 'RecordAgencyProgress',
						data: { assignmentId: 'as-1', note: '到场', onSite: true }
					},
					self,
					200
				],
				[
					{ type: 'ReleaseAgency', data: { assignmentId: 'as-1', reason: '处置完毕' } },
					actors.regulator,
					900
				]
			],
			assigned
		);
		const s = fold(events);
		expect(s).toMatchObject({
			assignments: [
				{ status: 'released', acceptedAt: at(55), arrivedAt: at(200), released: { at: at(900) } }
			]
		});
		expect(agencyLoad(s as Extract<AgencyState, { status: 'registered' }>).active).toBe(0);
	});

	it('declines only with a reason, and only the agency itself', () => {
		spec(assigned)
			.when(
				{ type: 'DeclineAssignment', data: { assignmentId: 'as-1', reason: '' } },
				{ now: at(50), actor: self }
			)
			.thenThrows('agency.reason_required');
		spec(assigned)
			.when(
				{ type: 'AcceptAssignment', data: { assignmentId: 'as-1' } },
				{ now: at(50), actor: { ...self, agencyId: 'ag-2' } }
			)
			.thenThrows('forbidden');
		spec(assigned)
			.when(
				{ type: 'DeclineAssignment', data: { assignmentId: 'as-1', reason: '满负荷' } },
				{ now: at(50), actor: self }
			)
			.then([
				{
					type: 'AssignmentDeclined',
					data: { at: at(50), by: 'u-ag', assignmentId: 'as-1', reason: '满负荷' }
				}
			]);
	});

	it('refuses progress before acceptance and commands on unknown assignments', () => {
		spec(assigned)
			.when(
				{ type: 'RecordAgencyProgress', data: { assignmentId: 'as-1', note: 'x' } },
				{ now: at(50), actor: self }
			)
			.thenThrows('agency.invalid_transition');
		spec(assigned)
			.when(
				{ type: 'AcceptAssignment', data: { assignmentId: 'as-9' } },
				{ now: at(50), actor: self }
			)
			.thenThrows('agency.assignment_not_found');
	});

	it('feeds acceptance and arrival clocks into the incident clocks', () => {
		const events = play(
			[[{ type: 'AcceptAssignment', data: { assignmentId: 'as-1' } }, self, 55]],
			assigned
		);
		const incident = run(paths.major()).state;
		const cs = clocks(incident, MIIT_2024_POLICY, at(400), CN_CALENDAR_2025_2026, {
			assignments: assignmentTimes(fold(events), 'inc-1')
		});
		expect(cs.filter((c) => c.owedBy.party === 'agency')).toMatchObject([
			{ duty: 'agency_acceptance', startedAt: at(40), dueAt: at(70), status: 'met', metAt: at(55) },
			{ duty: 'agency_arrival', startedAt: at(55), dueAt: at(295), status: 'overdue' }
		]);
	});
});

describe('standbyStatus', () => {
	const w = (
		warningId: string,
		colour: 'red' | 'orange' | 'yellow' | 'blue',
		regions: string[]
	) => ({
		warningId,
		colour,
		scope: { regions }
	});

	it('puts an agency on standby under a red or orange warning over a region it serves', () => {
		expect(standbyStatus(local, [w('w1', 'orange', ['440000'])])).toEqual({
			standby: true,
			warningIds: ['w1']
		});
		expect(standbyStatus(local, [w('w2', 'yellow', ['440300'])]).standby).toBe(false);
		expect(standbyStatus(local, [w('w3', 'red', ['110000'])]).standby).toBe(false);
		expect(standbyStatus(national, [w('w3', 'red', ['650000'])]).standby).toBe(true);
	});
});
