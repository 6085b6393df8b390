import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Incident, IncidentEvent, IncidentState } from '../../domain/incident';
import { TERMINAL_STATUSES } from '../../domain/incident';
import type { WarningEvent, WarningState } from '../../domain/warning';
import {
	agencyAggregate,
	drillAggregate,
	incidentAggregate,
	warningAggregate,
	watchAggregate
} from '../commands/aggregates';
import {
	agencyLoad as agencyLoadOf,
	type AgencyEvent,
	type AgencyState
} from '../../domain/agency';
import type { DrillEvent, DrillState } from '../../domain/drill';
import { watchEnd, type WatchEvent, type WatchState } from '../../domain/watch';
import type { AppTx } from '../db/client';
import {
	agencyLoad,
	drillCurrent,
	incidentCurrent,
	regionSummary,
	warningCurrent,
	watchCurrent
} from '../db/schema';
import type { Projector } from '../events/types';
import { currentStateProjector } from './current-state';

/** Open = not ended: closed, withdrawn and merged incidents leave the wall. */
export function isOpen(incident: Incident): boolean {
	return !TERMINAL_STATUSES.includes(incident.status);
}

export const incidentProjector = currentStateProjector<
	IncidentEvent,
	IncidentState,
	typeof incidentCurrent
>({
	name: 'incident_current',
	decider: incidentAggregate.decider,
	prefix: 'incident-',
	table: incidentCurrent,
	key: incidentCurrent.incidentId,
	keyField: 'incidentId',
	toRow(state, last) {
		if (state.status === 'none') return null;
		return {
			incidentId: state.incidentId,
			status: state.status,
			level: state.level,
			sector: state.sector,
			region: state.region,
			regulatorRegion: state.regulatorRegion,
			orgId: state.orgId,
			orgName: state.report.organisation.name,
			open: isOpen(state),
			drill: state.drill || last.drill,
			warningId: state.warningId,
			discoveredAt: new Date(state.milestones.discoveredAt),
			updatedAt: last.recordedAt
		};
	},
	after: refreshRegionSummary
});

/** Recount open incidents for the regions the changed incidents are in. */
async function refreshRegionSummary(tx: AppTx, ids: string[], last: { seq: number }) {
	const touched = await tx
		.selectDistinct({ region: incidentCurrent.region })
		.from(incidentCurrent)
		.where(inArray(incidentCurrent.incidentId, ids));
	const regions = touched.map((r) => r.region);
	if (regions.length === 0) return;
	await tx.delete(regionSummary).where(inArray(regionSummary.region, regions));
	const counts = await tx
		.select({
			region: incidentCurrent.region,
			drill: incidentCurrent.drill,
			level: sql<string>`coalesce(${incidentCurrent.level}, 'ungraded')`,
			open: sql<number>`count(*)::int`
		})
		.from(incidentCurrent)
		.where(and(inArray(incidentCurrent.region, regions), eq(incidentCurrent.open, true)))
		.groupBy(incidentCurrent.region, incidentCurrent.drill, sql`3`);
	if (counts.length > 0) {
		await tx.insert(regionSummary).values(counts.map((c) => ({ ...c, lastSeq: last.seq })));
	}
}

const regionSummaryProjector: Projector<AppTx> = {
	name: 'region_summary',
	// Maintained by the incident projector (it knows which regions changed).
	async apply() {},
	async reset(tx) {
		await tx.delete(regionSummary);
	}
};

export const warningProjector = currentStateProjector<
	WarningEvent,
	WarningState,
	typeof warningCurrent
>({
	name: 'warning_current',
	decider: warningAggregate.decider,
	prefix: 'warning-',
	table: warningCurrent,
	key: warningCurrent.warningId,
	keyField: 'warningId',
	toRow(state, last) {
		if (state.status === 'not_issued') return null;
		return {
			warningId: state.warningId,
			status: state.status,
			colour: state.colour,
			regions: state.scope.regions,
			sectors: state.scope.sectors,
			validFrom: new Date(state.validFrom),
			validUntil: new Date(state.validUntil),
			drill: last.drill,
			updatedAt: last.recordedAt
		};
	}
});

export const agencyProjector = currentStateProjector<AgencyEvent, AgencyState, typeof agencyLoad>({
	name: 'agency_load',
	decider: agencyAggregate.decider,
	prefix: 'agency-',
	table: agencyLoad,
	key: agencyLoad.agencyId,
	keyField: 'agencyId',
	toRow(state, last) {
		if (state.status === 'none') return null;
		return {
			agencyId: state.agency.id,
			name: state.agency.name,
			tier: state.agency.tier,
			capacity: state.agency.capacity,
			active: agencyLoadOf(state).active,
			regionsServed: state.agency.regionsServed,
			updatedAt: last.recordedAt
		};
	}
});

export const watchProjector = currentStateProjector<WatchEvent, WatchState, typeof watchCurrent>({
	name: 'watch_current',
	decider: watchAggregate.decider,
	prefix: 'watch-',
	table: watchCurrent,
	key: watchCurrent.watchId,
	keyField: 'watchId',
	toRow(state, last) {
		if (state.status === 'none') return null;
		return {
			watchId: state.watchId,
			name: state.name,
			status: state.status,
			startsAt: new Date(state.startsAt),
			endsAt: new Date(watchEnd(state)),
			regions: state.regions,
			drill: state.drill,
			updatedAt: last.recordedAt
		};
	}
});

export const drillProjector = currentStateProjector<DrillEvent, DrillState, typeof drillCurrent>({
	name: 'drill_current',
	decider: drillAggregate.decider,
	prefix: 'drill-',
	table: drillCurrent,
	key: drillCurrent.drillId,
	keyField: 'drillId',
	toRow(state, last) {
		if (state.status === 'none') return null;
		return {
			drillId: state.drillId,
			scenarioId: state.scenarioId,
			status: state.status,
			regions: state.regions,
			startedAt: new Date(state.startedAt),
			updatedAt: last.recordedAt
		};
	}
});

/** Every projection, in the order they run inside an append transaction. */
export const PROJECTORS: readonly Projector<AppTx>[] = [
	regionSummaryProjector,
	incidentProjector,
	warningProjector,
	agencyProjector,
	watchProjector,
	drillProjector
];
