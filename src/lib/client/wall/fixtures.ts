/**
 * Pictures for the wall's unit tests, built by the domain's own deciders (decide → evolve), so
 * the view models are tested against states the system can actually reach. Not used in production.
 */
import type { Actor } from '$lib/domain/actor';
import * as agency from '$lib/domain/agency';
import * as drill from '$lib/domain/drill';
import * as incident from '$lib/domain/incident';
import type { Level, Sector, WarningColour } from '$lib/domain/levels';
import { emptyPicture, type Picture } from '$lib/domain/picture';
import type { ClockOverrides } from '$lib/domain/policy';
import * as warning from '$lib/domain/warning';
import * as watch from '$lib/domain/watch';

export const NOW = '2026-09-18T10:30:00.000Z';
export const ago = (minutes: number, from = NOW) =>
	new Date(Date.parse(from) - minutes * 60_000).toISOString();
export const later = (minutes: number, from = NOW) => ago(-minutes, from);

const ministry: Actor = { id: 'u-min', role: 'ministry' };

function fold<C, E, S>(
	d: { decide: (c: C, s: S, ctx: never) => E[]; evolve: (s: S, e: E) => S },
	state: S,
	steps: { command: C; actor: Actor; now: string }[]
): S {
	for (const step of steps)
		for (const e of d.decide(step.command, state, { now: step.now, actor: step.actor } as never))
			state = d.evolve(state, e);
	return state;
}

export interface IncidentSpec {
	id: string;
	orgName?: string;
	region?: string;
	sector?: Sector;
	level?: Level;
	/** Discovered this many minutes before NOW (also when it is reported and graded). */
	discoveredAgo?: number;
	drill?: boolean;
	/** Response ended (no longer open). */
	ended?: boolean;
}

export function makeIncident(spec: IncidentSpec): incident.IncidentState {
	const region = spec.region ?? '440000';
	const sector = spec.sector ?? 'industrial';
	const discovered = ago(spec.discoveredAgo ?? 5);
	const processor: Actor = { id: `u-${spec.id}`, role: 'processor', orgId: `org-${spec.id}` };
	const report: incident.IncidentReportForm = {
		reportingUnit: {
			name: spec.orgName ?? `单位${spec.id}`,
			contact: '张三',
			mobile: '13800000000'
		},
		occurredAt: new Date(Math.floor(Date.parse(discovered) / 60_000 - 5) * 60_000).toISOString(),
		discoveredAt: discovered,
		howLearned: { kind: 'own_monitoring' },
		organisation: { orgId: `org-${spec.id}`, name: spec.orgName ?? `单位${spec.id}` },
		region,
		sector,
		systems: 'unknown',
		cause: 'unknown',
		data: { types: ['production'], grade: 'important' },
		impact: { organisations: 'unknown', regionsSectors: 'unknown' },
		handling: { measuresTaken: 'unknown', furtherMeasures: 'unknown', supportRequested: [] },
		signedOff: true,
		drill: spec.drill ?? false
	};
	const steps: { command: incident.IncidentCommand; actor: Actor; now: string }[] = [
		{
			command: { type: 'ReportIncident', data: { incidentId: spec.id, report } },
			actor: processor,
			now: discovered
		}
	];
	if (spec.level)
		steps.push({
			command: {
				type: 'SelfGrade',
				data: { level: spec.level, ruleSetVersion: 'national-2024.1', firedCriteria: ['x'] }
			},
			actor: processor,
			now: discovered
		});
	if (spec.ended && spec.level === 'general')
		steps.push(
			{
				command: { type: 'StartResponse', data: { level: 'general' } },
				actor: processor,
				now: discovered
			},
			{ command: { type: 'EndResponse', data: {} }, actor: processor, now: discovered }
		);
	return fold(incident, incident.initialState, steps);
}

export function makeWarning(o: {
	id: string;
	colour: WarningColour;
	regions: string[];
	title?: string;
	until?: string;
}): warning.WarningState {
	return fold(warning, warning.initialState, [
		{
			command: {
				type: 'IssueWarning',
				warningId: o.id,
				colour: o.colour,
				scope: { regions: o.regions, sectors: ['industrial'] },
				validFrom: ago(60),
				validUntil: o.until ?? later(600),
				title: o.title ?? `预警${o.id}`,
				likelyHarm: '数据泄露',
				requiredActions: ['加强监测']
			},
			actor: ministry,
			now: ago(60)
		}
	]);
}

export function makeAgency(o: {
	id: string;
	name?: string;
	tier?: 'ministry' | 'local';
	regions?: string[];
	capacity?: number;
	assignments?: {
		id: string;
		incidentId: string;
		region: string;
		accepted?: boolean;
		at?: string;
	}[];
}): agency.AgencyState {
	const steps: { command: agency.AgencyCommand; actor: Actor; now: string }[] = [
		{
			command: {
				type: 'RegisterAgency',
				data: {
					agency: {
						id: o.id,
						name: o.name ?? `机构${o.id}`,
						tier: o.tier ?? 'local',
						regionsServed: o.regions ?? ['440000'],
						capabilities: ['forensics', 'tracing'],
						capacity: o.capacity ?? 2,
						contact: { name: '李四', phone: '010' }
					}
				}
			},
			actor: ministry,
			now: ago(600)
		}
	];
	for (const a of o.assignments ?? []) {
		steps.push({
			command: {
				type: 'AssignAgency',
				data: {
					assignmentId: a.id,
					incidentId: a.incidentId,
					incidentRegion: a.region,
					incidentSector: 'industrial',
					incidentStatus: 'response',
					capability: 'forensics'
				}
			},
			actor: ministry,
			now: a.at ?? ago(10)
		});
		if (a.accepted)
			steps.push({
				command: { type: 'AcceptAssignment', data: { assignmentId: a.id } },
				actor: { id: `u-${o.id}`, role: 'agency', agencyId: o.id },
				now: a.at ?? ago(10)
			});
	}
	return fold(agency, agency.initialState, steps);
}

export function makeWatch(o: {
	id: string;
	regions: string[];
	processors: { orgId: string; name: string; region: string }[];
	overrides?: ClockOverrides;
	startsAt?: string;
	endsAt?: string;
	zeroReports?: { orgId: string; date: string; at: string }[];
}): watch.WatchState {
	const steps: { command: watch.WatchCommand; actor: Actor; now: string }[] = [
		{
			command: {
				type: 'CreateWatchPeriod',
				data: {
					watchId: o.id,
					name: `保障期${o.id}`,
					startsAt: o.startsAt ?? ago(60 * 30),
					endsAt: o.endsAt ?? later(60 * 24),
					regions: o.regions,
					clockOverrides: o.overrides ?? {},
					designatedProcessors: o.processors
				}
			},
			actor: ministry,
			now: ago(60 * 31)
		}
	];
	for (const r of o.zeroReports ?? [])
		steps.push({
			command: { type: 'SubmitZeroReport', data: { orgId: r.orgId, date: r.date } },
			actor: { id: `u-${r.orgId}`, role: 'processor', orgId: r.orgId },
			now: r.at
		});
	return fold(watch, watch.initialState, steps);
}

export function makeDrill(id: string, name: string, stopped = false): drill.DrillState {
	const steps: { command: drill.DrillCommand; actor: Actor; now: string }[] = [
		{
			command: {
				type: 'StartDrill',
				data: { drillId: id, scenarioId: 's', name, regions: ['440000'] }
			},
			actor: ministry,
			now: ago(30)
		}
	];
	if (stopped)
		steps.push({
			command: { type: 'StopDrill', data: { reason: '结束' } },
			actor: ministry,
			now: ago(5)
		});
	return fold(drill, drill.initialState, steps);
}

export function pictureOf(parts: {
	incidents?: incident.IncidentState[];
	warnings?: warning.WarningState[];
	agencies?: agency.AgencyState[];
	watches?: watch.WatchState[];
}): Picture {
	const p = emptyPicture();
	for (const s of parts.incidents ?? []) if (s.status !== 'none') p.incidents[s.incidentId] = s;
	for (const s of parts.warnings ?? []) if (s.status !== 'not_issued') p.warnings[s.warningId] = s;
	for (const s of parts.agencies ?? []) if (s.status !== 'none') p.agencies[s.agency.id] = s;
	for (const s of parts.watches ?? []) if (s.status !== 'none') p.watches[s.watchId] = s;
	return p;
}
