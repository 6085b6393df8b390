import type { Actor } from '../../src/lib/domain/actor';
import type { Agency } from '../../src/lib/domain/agency';
import type { Level, Sector, WarningColour } from '../../src/lib/domain/levels';
import type { ClockOverrides } from '../../src/lib/domain/policy';
import { regulatorRegion } from '../../src/lib/domain/regions';
import {
	agencyAggregate,
	drillAggregate,
	incidentAggregate,
	warningAggregate,
	watchAggregate,
	type AggregateSpec
} from '../../src/lib/server/commands/aggregates';
import { execute } from '../../src/lib/server/commands/execute';
import type { EventStore } from '../../src/lib/server/events/store';
import type { DomainEvent } from '../../src/lib/domain/decider';

/**
 * Wall test data created through the command layer (decide → append), exactly as operators'
 * actions would: the wall sees the same events, projections and rooms as in production.
 */
const MINUTE = 60_000;
const ministry: Actor = { id: 'e2e-ministry', role: 'ministry' };

const minuteIso = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString();

export interface IncidentSpec {
	id: string;
	orgId: string;
	orgName: string;
	region: string;
	sector?: Sector;
	/** Self-graded level; none = reported only. */
	level?: Level;
	/** Discovery this many minutes before now (clocks count from it). */
	discoveredAgo?: number;
	drill?: boolean;
}

export class WallData {
	constructor(private readonly store: EventStore) {}

	run<C, E extends DomainEvent, S>(
		spec: AggregateSpec<C, E, S>,
		id: string,
		command: C,
		actor: Actor,
		/** When the command is decided (default: now); a watch set up in the past needs it. */
		at?: Date
	) {
		return execute(this.store, spec, id, command, { actor, ...(at ? { now: at } : {}) });
	}

	/** Reports an incident and, with `level`, self-grades it (较大+ also reaches the regulator). */
	async incident(spec: IncidentSpec): Promise<number> {
		const sector = spec.sector ?? 'industrial';
		const processor: Actor = {
			id: `e2e-u-${spec.orgId}`,
			role: 'processor',
			orgId: spec.orgId,
			region: spec.region
		};
		const discovered = Date.now() - (spec.discoveredAgo ?? 5) * MINUTE;
		let r = await this.run(
			incidentAggregate,
			spec.id,
			{
				type: 'ReportIncident',
				data: {
					incidentId: spec.id,
					report: {
						reportingUnit: { name: spec.orgName, contact: '值班员', mobile: '13800000000' },
						occurredAt: minuteIso(discovered - 10 * MINUTE),
						discoveredAt: new Date(discovered).toISOString(),
						howLearned: { kind: 'own_monitoring' },
						organisation: { orgId: spec.orgId, name: spec.orgName },
						region: spec.region,
						sector,
						systems: [{ name: 'MES', address: '10.0.0.8' }],
						cause: 'unknown',
						data: { types: ['production'], grade: 'important', records: 120_000 },
						impact: { organisations: 'unknown', regionsSectors: 'unknown' },
						handling: {
							measuresTaken: '隔离受影响主机',
							furtherMeasures: 'unknown',
							supportRequested: []
						},
						signedOff: true,
						drill: spec.drill ?? false
					}
				}
			},
			processor
		);
		if (spec.level) {
			r = await this.run(
				incidentAggregate,
				spec.id,
				{
					type: 'SelfGrade',
					data: {
						level: spec.level,
						ruleSetVersion: 'national-2024.1',
						firedCriteria: ['other.catch_all'],
						signedOff: true
					}
				},
				processor
			);
		}
		return r.seq;
	}

	/** The regulator confirms the level (records who, and stops the report-local clock). */
	async confirm(id: string, region: string, sector: Sector, level: Level): Promise<number> {
		const reg = regulatorRegion(region, sector)!;
		const actor: Actor = { id: `e2e-reg-${reg}`, role: 'regulator', region: reg, sector };
		const command = { type: 'ConfirmLevel' as const, data: { level, reason: '监管部门复核定级' } };
		return (await this.run(incidentAggregate, id, command, actor)).seq;
	}

	async warning(o: {
		id: string;
		colour: WarningColour;
		regions: string[];
		title: string;
		hours?: number;
	}): Promise<number> {
		const now = Date.now();
		const r = await this.run(
			warningAggregate,
			o.id,
			{
				type: 'IssueWarning',
				warningId: o.id,
				colour: o.colour,
				scope: { regions: o.regions, sectors: ['industrial', 'telecom'] },
				validFrom: new Date(now - MINUTE).toISOString(),
				validUntil: new Date(now + (o.hours ?? 12) * 60 * MINUTE).toISOString(),
				title: o.title,
				likelyHarm: '可能导致重要数据泄露',
				requiredActions: ['加强监测', '落实值班值守']
			},
			ministry
		);
		return r.seq;
	}

	async agency(agency: Omit<Agency, 'contact'>): Promise<number> {
		const r = await this.run(
			agencyAggregate,
			agency.id,
			{
				type: 'RegisterAgency',
				data: { agency: { ...agency, contact: { name: '联络人', phone: '010-00000000' } } }
			},
			ministry
		);
		return r.seq;
	}

	async assign(o: {
		agencyId: string;
		assignmentId: string;
		incidentId: string;
		region: string;
		sector?: Sector;
		accept?: boolean;
	}): Promise<number> {
		let r = await this.run(
			agencyAggregate,
			o.agencyId,
			{
				type: 'AssignAgency',
				data: {
					assignmentId: o.assignmentId,
					incidentId: o.incidentId,
					incidentRegion: o.region,
					incidentSector: o.sector ?? 'industrial',
					incidentStatus: 'response',
					capability: 'forensics'
				}
			},
			ministry
		);
		if (o.accept)
			r = await this.run(
				agencyAggregate,
				o.agencyId,
				{ type: 'AcceptAssignment', data: { assignmentId: o.assignmentId } },
				{ id: `e2e-u-${o.agencyId}`, role: 'agency', agencyId: o.agencyId }
			);
		return r.seq;
	}

	async watch(o: {
		id: string;
		name: string;
		regions: string[];
		processors: { orgId: string; name: string; region: string }[];
		overrides?: ClockOverrides;
		/** Started this many hours ago (and was declared a minute before that). */
		startedAgo?: number;
		hours?: number;
	}): Promise<number> {
		const now = Date.now();
		const startsAt = now - (o.startedAgo ?? 30) * 60 * MINUTE;
		const r = await this.run(
			watchAggregate,
			o.id,
			{
				type: 'CreateWatchPeriod',
				data: {
					watchId: o.id,
					name: o.name,
					startsAt: new Date(startsAt).toISOString(),
					endsAt: new Date(now + (o.hours ?? 48) * 60 * MINUTE).toISOString(),
					regions: o.regions,
					clockOverrides: o.overrides ?? {},
					designatedProcessors: o.processors
				}
			},
			ministry,
			// Declared (and processors designated) just before it started, as a real one would be.
			new Date(startsAt - MINUTE)
		);
		return r.seq;
	}

	/** Starts a drill (演练) over `regions`: the walls there show its watermark while it runs. */
	async drill(id: string, name: string, regions: string[]): Promise<number> {
		const command = {
			type: 'StartDrill' as const,
			data: { drillId: id, scenarioId: 'e2e', name, regions }
		};
		return (await this.run(drillAggregate, id, command, ministry)).seq;
	}

	async zeroReport(watchId: string, org: { orgId: string; region: string }, date: string) {
		return (
			await this.run(
				watchAggregate,
				watchId,
				{ type: 'SubmitZeroReport', data: { orgId: org.orgId, date } },
				{ id: `e2e-u-${org.orgId}`, role: 'processor', orgId: org.orgId, region: org.region }
			)
		).seq;
	}
}
