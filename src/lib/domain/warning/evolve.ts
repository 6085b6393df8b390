import { parseInstant } from '../calendar/calendar';
import { DomainError } from '../errors';
import type { WarningColour } from '../levels';
import type { WarningEvent, WarningIssuer, WarningScope } from './events';

export interface WarningAdjustment {
	fromColour: WarningColour;
	colour: WarningColour;
	reason: string;
	at: string;
	by: string;
}

export interface IssuedWarning {
	status: 'issued' | 'lifted';
	warningId: string;
	colour: WarningColour;
	scope: WarningScope;
	validFrom: string;
	validUntil: string;
	title: string;
	likelyHarm: string;
	requiredActions: string[];
	handlingDeadline: string | null;
	recipients: string[];
	issuer: WarningIssuer;
	issuedAt: string;
	issuedBy: string;
	adjustments: WarningAdjustment[];
	lifted: { at: string; by: string; reason: string } | null;
	linkedIncidents: string[];
}

export type WarningState = { status: 'not_issued' } | IssuedWarning;

export const initialState: WarningState = { status: 'not_issued' };

/**
 * Applies one event. Events are facts already accepted by `decide`, so an event that does not fit
 * the state (which a valid stream never contains) leaves the state unchanged rather than throwing.
 */
export function evolve(state: WarningState, event: WarningEvent): WarningState {
	switch (event.type) {
		case 'WarningIssued': {
			if (state.status !== 'not_issued') return state;
			const { at, by, ...d } = event.data;
			return {
				status: 'issued',
				...d,
				issuedAt: at,
				issuedBy: by,
				adjustments: [],
				lifted: null,
				linkedIncidents: []
			};
		}
		case 'WarningAdjusted': {
			if (state.status !== 'issued') return state;
			const d = event.data;
			return {
				...state,
				colour: d.colour,
				scope: d.scope,
				validUntil: d.validUntil,
				requiredActions: d.requiredActions,
				adjustments: [
					...state.adjustments,
					{ fromColour: d.fromColour, colour: d.colour, reason: d.reason, at: d.at, by: d.by }
				]
			};
		}
		case 'WarningLifted': {
			if (state.status !== 'issued') return state;
			const { at, by, reason } = event.data;
			return { ...state, status: 'lifted', lifted: { at, by, reason } };
		}
		case 'WarningIncidentLinked': {
			if (state.status === 'not_issued') return state;
			return { ...state, linkedIncidents: [...state.linkedIncidents, event.data.incidentId] };
		}
	}
}

export type WarningStatus = 'pending' | 'active' | 'expired' | 'lifted';

/** Where a warning stands at `nowIso`: validFrom is inclusive, validUntil exclusive. */
export function warningStatus(state: WarningState, nowIso: string): WarningStatus {
	if (state.status === 'not_issued') {
		throw new DomainError('not_found', 'warning.not_issued', 'The warning has not been issued');
	}
	if (state.status === 'lifted') return 'lifted';
	const now = parseInstant(nowIso, 'now');
	if (now < parseInstant(state.validFrom)) return 'pending';
	if (now >= parseInstant(state.validUntil)) return 'expired';
	return 'active';
}
