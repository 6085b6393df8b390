import type { Level } from '../levels';
import type { IncidentReportForm, ReportChannel, SummaryReport } from './events';

/**
 * Commands are intentions; `decide` turns them into events or refuses them. Payloads that
 * come from outside (the report and summary templates) are validated by the event schemas.
 * `at` on the reporting commands is when the call or letter actually happened, when it is
 * recorded afterwards; it defaults to ctx.now.
 */
export type IncidentCommand =
	| { type: 'ReportIncident'; data: { incidentId: string; report: IncidentReportForm } }
	| { type: 'StartFirstHandling'; data: { measures: string } }
	| {
			type: 'SelfGrade';
			data: { level: Level; ruleSetVersion: string; firedCriteria: string[]; signedOff?: boolean };
	  }
	| {
			type: 'ConfirmLevel';
			data: { level: Level; reason?: string; ruleSetVersion?: string; firedCriteria?: string[] };
	  }
	| { type: 'EscalateToMinistry'; data: { channel: ReportChannel; at?: string } }
	| { type: 'ReportToLeadingGroup'; data: { channel: ReportChannel; at?: string } }
	| { type: 'StartResponse'; data: { level: Level; approval?: string } }
	| { type: 'RecordProgress'; data: { note: string } }
	| { type: 'RequestLevelChange'; data: { level: Level; reason: string } }
	| { type: 'ChangeLevel'; data: { level: Level; reason: string } }
	| { type: 'EndResponse'; data: { approval?: string } }
	| { type: 'SubmitSummary'; data: { summary: SummaryReport } }
	| { type: 'SubmitRegulatorSummary'; data: { summary: SummaryReport } }
	| { type: 'CloseIncident'; data: { note?: string } }
	| { type: 'WithdrawIncident'; data: { reason: string } }
	| { type: 'MergeIncident'; data: { intoIncidentId: string; reason: string } };

export type IncidentCommandType = IncidentCommand['type'];
export type IncidentCommandOf<K extends IncidentCommandType> = Extract<
	IncidentCommand,
	{ type: K }
>;
