import type { Decider, DomainEvent } from '../../domain/decider';
import * as agency from '../../domain/agency';
import * as calendar from '../../domain/calendar/aggregate';
import { REGIONS, regulatorRegion } from '../../domain/regions';
import * as drill from '../../domain/drill';
import * as dutyLogDomain from '../../domain/duty-log';
import * as incident from '../../domain/incident';
import * as watch from '../../domain/watch';
import * as warning from '../../domain/warning';

/**
 * How an aggregate lives in the log: its stream names, its decider, and the scope of the
 * events it produces (which regions' rooms and regulators see them; drill flag).
 */
export interface AggregateSpec<C, E extends DomainEvent, S> {
	kind: string;
	stream(id: string): string;
	decider: Decider<C, E, S>;
	/** The aggregate id a command names, when it names one (it must match the stream). */
	idIn?(command: C): string | undefined;
	/** Scope of `event`, given the state after it. */
	scope(state: S, event: E): EventScope;
}

/**
 * Who an event concerns: regions (walls, region rooms), sectors (regulators' scoped rooms;
 * absent or empty = every sector) and processor organisations (their rooms).
 */
export interface EventScope {
	region: string | null;
	regions: string[];
	sectors?: string[];
	orgIds?: string[];
	drill: boolean;
}

export type AnyAggregate = AggregateSpec<never, DomainEvent, unknown>;

export const incidentAggregate: AggregateSpec<
	incident.IncidentCommand,
	incident.IncidentEvent,
	incident.IncidentState
> = {
	kind: 'incident',
	stream: (id) => `incident-${id}`,
	decider: {
		initialState: incident.initialState,
		decide: incident.decide,
		evolve: incident.evolve
	},
	idIn: (command) => (command.type === 'ReportIncident' ? command.data.incidentId : undefined),
	scope(state) {
		if (state.status === 'none') return { region: null, regions: [], drill: false };
		return {
			region: state.region,
			regions: [state.region, state.regulatorRegion],
			sectors: [state.sector],
			orgIds: [state.orgId],
			drill: state.drill
		};
	}
};

export const warningAggregate: AggregateSpec<
	warning.WarningCommand,
	warning.WarningEvent,
	warning.WarningState
> = {
	kind: 'warning',
	stream: (id) => `warning-${id}`,
	decider: { initialState: warning.initialState, decide: warning.decide, evolve: warning.evolve },
	idIn: (command) => command.warningId,
	scope(state) {
		if (state.status === 'not_issued') return { region: null, regions: [], drill: false };
		const regions = state.scope.regions;
		return {
			region: regions.length === 1 ? regions[0]! : null,
			regions,
			sectors: [...state.scope.sectors],
			drill: false
		};
	}
};

export const agencyAggregate: AggregateSpec<
	agency.AgencyCommand,
	agency.AgencyEvent,
	agency.AgencyState
> = {
	kind: 'agency',
	stream: (id) => `agency-${id}`,
	decider: { initialState: agency.initialState, decide: agency.decide, evolve: agency.evolve },
	idIn: (command) => (command.type === 'RegisterAgency' ? command.data.agency.id : undefined),
	scope(state, event) {
		if (state.status === 'none') return { region: null, regions: [], drill: false };
		// An assignment concerns the incident's region; registry changes, the regions served.
		if (event.type !== 'AgencyRegistered') {
			const id = event.data.assignmentId;
			const a = state.assignments.find((x) => x.assignmentId === id);
			if (a) {
				// The regulator in charge may sit in the province (telecom in a 计划单列市).
				const regulator = regulatorRegion(a.incidentRegion, a.incidentSector);
				return {
					region: a.incidentRegion,
					regions: regulator ? [a.incidentRegion, regulator] : [a.incidentRegion],
					sectors: [a.incidentSector],
					drill: a.drill
				};
			}
		}
		return { region: null, regions: state.agency.regionsServed, drill: false };
	}
};

export const watchAggregate: AggregateSpec<watch.WatchCommand, watch.WatchEvent, watch.WatchState> =
	{
		kind: 'watch',
		stream: (id) => `watch-${id}`,
		decider: { initialState: watch.initialState, decide: watch.decide, evolve: watch.evolve },
		idIn: (command) => (command.type === 'CreateWatchPeriod' ? command.data.watchId : undefined),
		scope(state) {
			if (state.status === 'none') return { region: null, regions: [], drill: false };
			return {
				region: state.regions.length === 1 ? state.regions[0]! : null,
				regions: state.regions,
				drill: state.drill
			};
		}
	};

export const drillAggregate: AggregateSpec<drill.DrillCommand, drill.DrillEvent, drill.DrillState> =
	{
		kind: 'drill',
		stream: (id) => `drill-${id}`,
		decider: { initialState: drill.initialState, decide: drill.decide, evolve: drill.evolve },
		idIn: (command) => (command.type === 'StartDrill' ? command.data.drillId : undefined),
		scope(state) {
			if (state.status === 'none') return { region: null, regions: [], drill: true };
			return {
				region: state.regions.length === 1 ? state.regions[0]! : null,
				regions: state.regions,
				drill: true
			};
		}
	};

/** The duty log of a region (id = region code) or of the ministry (id = 'national'). */
export const dutyLogAggregate: AggregateSpec<
	dutyLogDomain.DutyLogCommand,
	dutyLogDomain.DutyLogEvent,
	dutyLogDomain.DutyLogState
> = {
	kind: 'dutylog',
	stream: (id) => `dutylog-${id}`,
	decider: dutyLogDomain.dutyLog,
	scope(_state, event) {
		void event;
		return { region: null, regions: [], drill: false };
	}
};

/** The working-day calendar (one stream, id 'cn'); amendments reach every region's room. */
export const calendarAggregate: AggregateSpec<
	calendar.CalendarCommand,
	calendar.CalendarEvent,
	calendar.CalendarState
> = {
	kind: 'calendar',
	stream: (id) => `calendar-${id}`,
	decider: {
		initialState: calendar.initialState,
		decide: calendar.decide,
		evolve: calendar.evolve
	},
	scope: () => ({ region: null, regions: REGIONS.map((r) => r.code), drill: false })
};

export const AGGREGATES = {
	incident: incidentAggregate,
	warning: warningAggregate,
	agency: agencyAggregate,
	watch: watchAggregate,
	drill: drillAggregate,
	dutylog: dutyLogAggregate,
	calendar: calendarAggregate
} as const;
export type AggregateKind = keyof typeof AGGREGATES;
