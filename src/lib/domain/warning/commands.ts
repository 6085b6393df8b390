import type { WarningColour } from '../levels';
import type { WarningScope } from './events';

/**
 * Commands carry `warningId` so the handler can load the stream (`warning-<id>`); `decide`
 * checks it against the state. Instants may carry any zone offset and are stored as UTC.
 */
export interface IssueWarning {
	type: 'IssueWarning';
	warningId: string;
	colour: WarningColour;
	scope: WarningScope;
	validFrom: string;
	validUntil: string;
	title: string;
	likelyHarm: string;
	requiredActions: string[];
	handlingDeadline?: string;
	/** Organisation ids the warning is addressed to. */
	recipients?: string[];
}

/** Re-issues the warning at another colour; scope, end and actions may change with it. */
export interface AdjustWarning {
	type: 'AdjustWarning';
	warningId: string;
	colour: WarningColour;
	reason: string;
	scope?: WarningScope;
	validUntil?: string;
	requiredActions?: string[];
}

export interface LiftWarning {
	type: 'LiftWarning';
	warningId: string;
	reason: string;
}

/** Records that a later incident materialised from the risk this warning announced. */
export interface LinkIncident {
	type: 'LinkIncident';
	warningId: string;
	incidentId: string;
}

export type WarningCommand = IssueWarning | AdjustWarning | LiftWarning | LinkIncident;
