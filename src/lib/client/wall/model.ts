import type { AgencyState, RegisteredAgency } from '$lib/domain/agency';
import { assignmentTimes } from '$lib/domain/agency';
import { clocks, type Clock } from '$lib/domain/clocks';
import { isHandling, type Incident } from '$lib/domain/incident';
import { colourRank, levelRank, type Level } from '$lib/domain/levels';
import { calendarOf, type Picture } from '$lib/domain/picture';
import { MIIT_2024_POLICY, type Policy } from '$lib/domain/policy';
import { provinceOf, REGIONS } from '$lib/domain/regions';
import { warningStatus, type IssuedWarning } from '$lib/domain/warning';
import { effectivePolicy, watchStatus, watchCovers, type WatchPeriod } from '$lib/domain/watch';

/**
 * Selectors shared by the wall's panels: pure functions of (picture, now). The picture is
 * already scoped to the wall's room by the server and the socket; `WallScope` only says how to
 * present it (which regions are "ours", what the map focuses on).
 */
export type WallScope =
	| { kind: 'national' }
	| {
			kind: 'region';
			/** The wall's region: a province, a 计划单列市 or XPCC. */
			code: string;
			/** The province-level unit the map shows. */
			province: string;
			/** The region and the 计划单列市 / XPCC inside it. */
			regions: string[];
	  };

export function scopeOf(region: string): WallScope {
	if (region === 'national') return { kind: 'national' };
	return {
		kind: 'region',
		code: region,
		province: provinceOf(region) ?? region,
		regions: [region, ...REGIONS.filter((r) => r.parent === region).map((r) => r.code)]
	};
}

export function incidentsOf(picture: Picture): Incident[] {
	return Object.values(picture.incidents).filter((s): s is Incident => s.status !== 'none');
}

/** Incidents still being handled (the domain's `isHandling`): what a wall shows as open. */
export function handlingIncidents(picture: Picture): Incident[] {
	return incidentsOf(picture).filter(isHandling);
}

/** Highest of a list of levels (null when empty). */
export function highestLevel(levels: readonly (Level | null)[]): Level | null {
	let best: Level | null = null;
	for (const l of levels) if (l && (!best || levelRank(l) > levelRank(best))) best = l;
	return best;
}

export function activeWarnings(picture: Picture, now: string): IssuedWarning[] {
	return Object.values(picture.warnings)
		.filter((w): w is IssuedWarning => w.status !== 'not_issued')
		.filter((w) => warningStatus(w, now) === 'active')
		.sort(
			(a, b) =>
				colourRank(b.colour) - colourRank(a.colour) || a.warningId.localeCompare(b.warningId)
		);
}

/**
 * Watch periods in force for the wall: on a regional wall those covering its region (a watch
 * over the province covers its cities), on the national wall every active one.
 */
export function activeWatches(picture: Picture, now: string, scope: WallScope): WatchPeriod[] {
	return Object.values(picture.watches)
		.filter((w): w is WatchPeriod => w.status !== 'none')
		.filter((w) => watchStatus(w, now) === 'active')
		.filter((w) => scope.kind === 'national' || watchCovers(w, scope.code))
		.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/** Watches announced but not yet started (a banner counts down to them). */
export function scheduledWatches(picture: Picture, now: string, scope: WallScope): WatchPeriod[] {
	return Object.values(picture.watches)
		.filter((w): w is WatchPeriod => w.status !== 'none')
		.filter((w) => watchStatus(w, now) === 'scheduled')
		.filter((w) => scope.kind === 'national' || watchCovers(w, scope.code));
}

export function runningDrills(picture: Picture) {
	return Object.values(picture.drills).filter((d) => d.status === 'running');
}

export function registeredAgencies(picture: Picture): RegisteredAgency[] {
	return Object.values(picture.agencies).filter(
		(a): a is RegisteredAgency => a.status === 'registered'
	);
}

/** The policy an incident's clocks run under (watch overrides in force at discovery). */
export function policyOf(picture: Picture, incident: Incident, base: Policy = MIIT_2024_POLICY) {
	return effectivePolicy(
		base,
		{ region: incident.region, discoveredAt: incident.milestones.discoveredAt },
		Object.values(picture.watches)
	);
}

export interface IncidentClock extends Clock {
	incident: Incident;
	/** The clock runs under a watch period's stricter override. */
	watchRule: boolean;
}

/** Every clock of every incident in the picture at `now` (open and settled). */
export function allClocks(picture: Picture, now: string): IncidentClock[] {
	const calendar = calendarOf(picture);
	const agencies: AgencyState[] = Object.values(picture.agencies);
	const out: IncidentClock[] = [];
	for (const incident of incidentsOf(picture)) {
		const policy = policyOf(picture, incident);
		const watchRule = policy.version.includes('+watch:');
		const assignments = agencies.flatMap((a) => assignmentTimes(a, incident.incidentId));
		for (const c of clocks(incident, policy, now, calendar, { assignments }))
			out.push({ ...c, incident, watchRule });
	}
	return out;
}
