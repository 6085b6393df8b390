import { assignmentTimes, type RegisteredAgency } from '../agency';
import { clocks as computeClocks, type Clock } from '../clocks';
import type {
	Incident,
	IncidentReportForm,
	IncidentStatus,
	LevelHistoryEntry,
	SummaryReport
} from '../incident';
import type { Level } from '../levels';
import { applyEvents, calendarOf, emptyPicture, parseStream } from '../picture';
import { MIIT_2024_POLICY, type Policy } from '../policy';
import type { IssuedWarning } from '../warning';
import { effectivePolicy } from '../watch';
import type { WireEvent } from '../../shared/socket';

/** A log row as the report reads it: the wire shape plus the chain hash of the row. */
export interface LogEvent extends WireEvent {
	hash?: string;
}

/** The log position a document was built from: the last row read, and its chain hash. */
export interface LogPosition {
	seq: number;
	hash: string;
}

export interface ReportInput {
	incidentId: string;
	/**
	 * Every row the report may need, in seq order: the incident's stream, the streams of the
	 * agencies assigned to it, warnings covering or linked to it, watch periods and the calendar.
	 * Rows of other streams are ignored where they do not concern this incident.
	 */
	events: readonly LogEvent[];
	position: LogPosition;
	/** When the document is generated: open clocks are shown as of this instant. */
	now: string;
	/** Base policy; watch periods active at discovery tighten it as on the wall. */
	policy?: Policy;
}

export interface TimelineEntry {
	seq: number;
	type: string;
	streamId: string;
	/** Who did it (the `by` the domain recorded; the row's actor otherwise). */
	by: string;
	/** When it happened, as reported, and when the log learned it. */
	occurredAt: string;
	recordedAt: string;
	/** Reason, note, level or channel: whatever explains the step, as data text. */
	detail: string;
}

export interface AgencyInvolvement {
	assignmentId: string;
	agencyId: string;
	agencyName: string;
	capability: string;
	assignedAt: string;
	assignedBy: string;
	acceptedAt?: string;
	declinedAt?: string;
	declineReason?: string;
	arrivedAt?: string;
	releasedAt?: string;
	acceptance?: Clock;
}

export interface PrecedingWarning {
	warningId: string;
	colour: IssuedWarning['colour'];
	title: string;
	issuedAt: string;
	validUntil: string;
	liftedAt?: string;
	/** Named by the report or linked afterwards (otherwise it only covered the region). */
	linked: boolean;
}

export interface ReportModel {
	incidentId: string;
	position: LogPosition;
	generatedAt: string;
	policyVersion: string;
	status: IncidentStatus;
	level: Level | null;
	drill: boolean;
	facts: IncidentReportForm;
	milestones: Incident['milestones'];
	levelHistory: LevelHistoryEntry[];
	timeline: TimelineEntry[];
	clocks: Clock[];
	agencies: AgencyInvolvement[];
	warnings: PrecedingWarning[];
	summary: { processor: SummaryReport | null; regulator: SummaryReport | null };
	summaryAt: { processor?: string; regulator?: string };
}

const DETAIL_KEYS = [
	'reason',
	'note',
	'measures',
	'level',
	'to',
	'channel',
	'approval',
	'capability'
] as const;

function detailOf(payload: Record<string, unknown>): string {
	const parts: string[] = [];
	for (const k of DETAIL_KEYS) {
		const v = payload[k];
		if (typeof v === 'string' && v !== '') parts.push(v);
	}
	return parts.join(' · ');
}

const ms = (iso: string) => Date.parse(iso);

/**
 * The document model of one incident, as of a log position: a pure fold of the rows given,
 * with the same reducers and the same clock function the wall uses, so a report can never
 * state a clock differently from the screens.
 */
export function reportModel(input: ReportInput): ReportModel | null {
	const rows = [...input.events].sort((a, b) => a.seq - b.seq);
	const picture = applyEvents(emptyPicture(), rows);
	const incident = picture.incidents[input.incidentId];
	if (!incident || incident.status === 'none') return null;

	const agencies = Object.values(picture.agencies).filter(
		(a): a is RegisteredAgency => a.status === 'registered'
	);
	const policy = effectivePolicy(
		input.policy ?? MIIT_2024_POLICY,
		{ region: incident.region, discoveredAt: incident.milestones.discoveredAt },
		Object.values(picture.watches)
	);
	const assignments = agencies.flatMap((a) => assignmentTimes(a, input.incidentId));
	const allClocks = computeClocks(incident, policy, input.now, calendarOf(picture), {
		assignments
	});

	const assignmentIds = new Set(assignments.map((a) => a.assignmentId));
	const timeline: TimelineEntry[] = rows
		.filter((e) => {
			const { kind, id } = parseStream(e.streamId);
			if (kind === 'incident') return id === input.incidentId;
			if (kind === 'agency') {
				const p = e.payload as { incidentId?: unknown; assignmentId?: unknown };
				return (
					p.incidentId === input.incidentId ||
					(typeof p.assignmentId === 'string' && assignmentIds.has(p.assignmentId))
				);
			}
			if (kind === 'warning')
				return e.type === 'WarningIncidentLinked' && e.payload.incidentId === input.incidentId;
			return false;
		})
		.map((e) => ({
			seq: e.seq,
			type: e.type,
			streamId: e.streamId,
			by: typeof e.payload.by === 'string' ? e.payload.by : e.actor,
			occurredAt: e.occurredAt,
			recordedAt: e.recordedAt,
			detail: detailOf(e.payload)
		}));

	const involvement: AgencyInvolvement[] = agencies.flatMap((a) =>
		a.assignments
			.filter((x) => x.incidentId === input.incidentId)
			.map((x) => ({
				assignmentId: x.assignmentId,
				agencyId: a.agency.id,
				agencyName: a.agency.name,
				capability: x.capability,
				assignedAt: x.assignedAt,
				assignedBy: x.assignedBy,
				...(x.acceptedAt ? { acceptedAt: x.acceptedAt } : {}),
				...(x.declined ? { declinedAt: x.declined.at, declineReason: x.declined.reason } : {}),
				...(x.arrivedAt ? { arrivedAt: x.arrivedAt } : {}),
				...(x.released ? { releasedAt: x.released.at } : {}),
				acceptance: allClocks.find((c) => c.id === `agency_acceptance:${x.assignmentId}`)
			}))
	);
	involvement.sort((a, b) => ms(a.assignedAt) - ms(b.assignedAt));

	const discovered = ms(incident.milestones.discoveredAt);
	const warnings: PrecedingWarning[] = Object.values(picture.warnings)
		.filter((w): w is IssuedWarning => w.status !== 'not_issued')
		.map((w) => {
			const linked =
				incident.warningId === w.warningId || w.linkedIncidents.includes(input.incidentId);
			const covered =
				w.scope.sectors.includes(incident.sector) &&
				(w.scope.regions.includes(incident.region) ||
					w.scope.regions.includes(incident.regulatorRegion)) &&
				ms(w.issuedAt) <= discovered &&
				(w.lifted === null || ms(w.lifted.at) >= discovered);
			return { w, linked, covered };
		})
		.filter((x) => x.linked || x.covered)
		.map(({ w, linked }) => ({
			warningId: w.warningId,
			colour: w.colour,
			title: w.title,
			issuedAt: w.issuedAt,
			validUntil: w.validUntil,
			...(w.lifted ? { liftedAt: w.lifted.at } : {}),
			linked
		}))
		.sort((a, b) => ms(a.issuedAt) - ms(b.issuedAt));

	return {
		incidentId: input.incidentId,
		position: input.position,
		generatedAt: input.now,
		policyVersion: `${policy.id}@${policy.version}`,
		status: incident.status,
		level: incident.level,
		drill: incident.drill,
		facts: incident.report,
		milestones: incident.milestones,
		levelHistory: incident.levelHistory,
		timeline,
		clocks: allClocks,
		agencies: involvement,
		warnings,
		summary: { processor: incident.summary, regulator: incident.regulatorSummary },
		summaryAt: {
			...(incident.milestones.processorSummaryAt
				? { processor: incident.milestones.processorSummaryAt }
				: {}),
			...(incident.milestones.regulatorSummaryAt
				? { regulator: incident.milestones.regulatorSummaryAt }
				: {})
		}
	};
}
