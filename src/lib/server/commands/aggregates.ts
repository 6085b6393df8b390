import type { Decider, DomainEvent } from '../../domain/decider';
import * as incident from '../../domain/incident';
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
	scope(state: S, event: E): { region: string | null; regions: string[]; drill: boolean };
}

export type AnyAggregate = AggregateSpec<never, DomainEvent, unknown>;

export const incidentAggregate: AggregateSpec<
	incident.IncidentCommand,
	incident.IncidentEvent,
	incident.IncidentState
> = {
	kind: 'incident',
	stream: (id) => `incident-${id}`,
	decider: { initialState: incident.initialState, decide: incident.decide, evolve: incident.evolve },
	idIn: (command) => (command.type === 'ReportIncident' ? command.data.incidentId : undefined),
	scope(state) {
		if (state.status === 'none') return { region: null, regions: [], drill: false };
		return {
			region: state.region,
			regions: [state.region, state.regulatorRegion],
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
		return { region: regions.length === 1 ? regions[0]! : null, regions, drill: false };
	}
};
