import { and, arrayOverlaps, asc, eq, inArray, or } from 'drizzle-orm';
import type { CalendarEvent } from '../../domain/calendar/aggregate';
import { calendarAggregate } from '../commands/aggregates';
import { toDomain } from '../commands/execute';
import type { AgencyState } from '../../domain/agency';
import { emptyPicture, type Picture } from '../../domain/picture';
import { parseRoom, type Room } from '../../shared/socket';
import { regulatorRegion } from '../../domain/regions';
import { getEventStore } from '../events/app';
import { headSeq, toStored } from '../events/store';
import {
	agencyLoad,
	drillCurrent,
	events,
	incidentCurrent,
	warningCurrent,
	watchCurrent
} from '../db/schema';
import { regionsOfRoom } from '../realtime/rooms';

/**
 * The command picture of a room as of one log position, from the projections, read in one
 * repeatable-read transaction so that rows and `seq` agree. A region room gets exactly what its
 * live events would build: the region's incidents, the warnings, watches and drills covering
 * it, and the agencies serving it with only the region's assignments.
 */
export async function pictureFor(room: Room): Promise<Picture> {
	const store = await getEventStore();
	// A regulator's room (region:<code>:<sector>) is its region, without the province step,
	// narrowed to its sector; wall rooms are regions (with their cities) in every sector.
	const parsed = parseRoom(room);
	const sector = parsed?.kind === 'regulator' ? parsed.sector : null;
	const regions = parsed?.kind === 'regulator' ? [parsed.code] : regionsOfRoom(room);
	return store.database.db.transaction(
		async (tx) => {
			const picture = emptyPicture();
			picture.seq = await headSeq(tx);
			const incidents = await tx
				.select({
					id: incidentCurrent.incidentId,
					v: incidentCurrent.streamVersion,
					state: incidentCurrent.state
				})
				.from(incidentCurrent)
				.where(
					and(
						regions
							? or(
									inArray(incidentCurrent.region, regions),
									inArray(incidentCurrent.regulatorRegion, regions)
								)
							: undefined,
						sector ? eq(incidentCurrent.sector, sector) : undefined
					)
				);
			const warnings = await tx
				.select({
					id: warningCurrent.warningId,
					v: warningCurrent.streamVersion,
					state: warningCurrent.state
				})
				.from(warningCurrent)
				.where(
					and(
						regions ? arrayOverlaps(warningCurrent.regions, regions) : undefined,
						sector ? arrayOverlaps(warningCurrent.sectors, [sector]) : undefined
					)
				);
			const watches = await tx
				.select({
					id: watchCurrent.watchId,
					v: watchCurrent.streamVersion,
					state: watchCurrent.state
				})
				.from(watchCurrent)
				.where(regions ? arrayOverlaps(watchCurrent.regions, regions) : undefined);
			const drills = await tx
				.select({
					id: drillCurrent.drillId,
					v: drillCurrent.streamVersion,
					state: drillCurrent.state
				})
				.from(drillCurrent)
				.where(regions ? arrayOverlaps(drillCurrent.regions, regions) : undefined);
			const agencies = await tx
				.select({ id: agencyLoad.agencyId, v: agencyLoad.streamVersion, state: agencyLoad.state })
				.from(agencyLoad)
				.where(regions ? arrayOverlaps(agencyLoad.regionsServed, regions) : undefined);

			const put = <K extends 'incidents' | 'warnings' | 'watches' | 'drills' | 'agencies'>(
				slot: K,
				prefix: string,
				rows: { id: string; v: number; state: unknown }[]
			) => {
				for (const r of rows) {
					(picture[slot] as Record<string, unknown>)[r.id] = r.state;
					picture.versions[`${prefix}-${r.id}`] = r.v;
				}
			};
			put('incidents', 'incident', incidents);
			put('warnings', 'warning', warnings);
			put('watches', 'watch', watches);
			put('drills', 'drill', drills);
			put(
				'agencies',
				'agency',
				regions
					? agencies.map((a) => ({
							...a,
							state: onlyAssignmentsIn(a.state as AgencyState, regions, sector)
						}))
					: agencies
			);
			const calendarEvents = await tx
				.select()
				.from(events)
				.where(eq(events.streamId, 'calendar-cn'))
				.orderBy(asc(events.streamVersion));
			if (calendarEvents.length > 0) {
				picture.calendars.cn = calendarEvents
					.map((e) => toDomain<CalendarEvent>(toStored(e)))
					.reduce(calendarAggregate.decider.evolve, calendarAggregate.decider.initialState);
				picture.versions['calendar-cn'] = calendarEvents.length;
			}
			return picture;
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
}

function onlyAssignmentsIn(
	state: AgencyState,
	regions: readonly string[],
	sector: string | null
): AgencyState {
	if (state.status === 'none') return state;
	return {
		...state,
		assignments: state.assignments.filter((a) =>
			sector
				? a.incidentSector === sector &&
					(regions.includes(a.incidentRegion) ||
						regions.includes(regulatorRegion(a.incidentRegion, a.incidentSector) ?? ''))
				: regions.includes(a.incidentRegion)
		)
	};
}
