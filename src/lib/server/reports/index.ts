import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/actor';
import { DomainError, invalidInput, isDomainError, notFound } from '../../domain/errors';
import {
	stateAllows,
	summarySchema,
	type Incident,
	type SummaryReport
} from '../../domain/incident';
import { reportModel, type ReportModel } from '../../domain/report';
import type { Lang } from '../../i18n';
import { incidentAggregate } from '../commands/aggregates';
import { execute, toDomain } from '../commands/execute';
import type { IncidentEvent } from '../../domain/incident';
import { getEventStore } from '../events/app';
import { refusalOf, type RefusalStatus } from '../refusal';
import { incidentRowsFor, logExport, toLogEvent, type Requester } from './access';
import { buildDocument, type DocumentKind, type ReportDocument } from './document';
import { renderDocx } from './docx';

export { requesterOf, covers, type Requester, type Scope } from './access';
export type { ReportDocument, DocumentKind, Block } from './document';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The report model of an incident as of now (null: no such incident in the scope). */
export async function incidentReportModel(
	requester: Requester,
	incidentId: string,
	now = new Date()
): Promise<ReportModel | null> {
	const rows = await incidentRowsFor(requester, incidentId);
	if (!rows) return null;
	return reportModel({
		incidentId,
		events: rows.related.map(toLogEvent),
		position: rows.position,
		now: now.toISOString()
	});
}

export async function reportDocument(
	requester: Requester,
	incidentId: string,
	kind: DocumentKind,
	lang: Lang,
	now = new Date()
): Promise<ReportDocument | null> {
	const model = await incidentReportModel(requester, incidentId, now);
	return model && buildDocument(model, kind, lang);
}

export interface Exported {
	bytes: Uint8Array;
	filename: string;
	document: ReportDocument;
	/** seq of the ReportExported event. */
	exportSeq: number;
}

/** A DOCX of the incident or summary report; the export is logged with its position and hash. */
export async function exportDocx(
	requester: Requester,
	incidentId: string,
	kind: DocumentKind,
	lang: Lang,
	now = new Date()
): Promise<Exported | null> {
	const rows = await incidentRowsFor(requester, incidentId);
	if (!rows) return null;
	const model = reportModel({
		incidentId,
		events: rows.related.map(toLogEvent),
		position: rows.position,
		now: now.toISOString()
	});
	if (!model) return null;
	const document = buildDocument(model, kind, lang);
	const bytes = await renderDocx(document);
	const exportSeq = await logExport(requester, rows.incident[0]!, {
		kind,
		format: 'docx',
		position: rows.position,
		sha256: sha256(bytes),
		now
	});
	return {
		bytes,
		filename: `${kind}-report-${incidentId}-seq${rows.position.seq}.docx`,
		document,
		exportSeq
	};
}

/** Logs that the printable page was produced (the page itself is the export). */
export async function logHtmlExport(
	requester: Requester,
	incidentId: string,
	kind: DocumentKind,
	position: { seq: number; hash: string },
	now = new Date()
): Promise<number | null> {
	const rows = await incidentRowsFor(requester, incidentId);
	if (!rows) return null;
	return logExport(requester, rows.incident[0]!, { kind, format: 'html', position, now });
}

// ---------------------------------------------------------------- summary form

export type SummaryRole = 'processor' | 'regulator';

export interface SummaryFormData {
	incidentId: string;
	status: Incident['status'];
	/** Whose summary is due now (null: none can be filed in this status). */
	role: SummaryRole | null;
	values: SummaryReport;
	drill: boolean;
}

const EMPTY: SummaryReport = {
	filingUnit: '',
	basicFacts: { cause: '', course: '', authenticity: '', responsibility: '', impactAndLoss: '' },
	measures: { management: '', technical: '', personnel: '', emergency: '', userNotice: '' },
	improvementPlan: '',
	lessonsLearned: '',
	otherMatters: '',
	evidence: []
};

async function incidentState(requester: Requester, incidentId: string) {
	const rows = await incidentRowsFor(requester, incidentId);
	if (!rows) return null;
	const state = rows.incident
		.map((e) => toDomain<IncidentEvent>(e))
		.reduce(incidentAggregate.decider.evolve, incidentAggregate.decider.initialState);
	return state.status === 'none' ? null : state;
}

/** Whose summary the incident awaits now (the domain's preconditions of the two commands). */
function dueRole(s: Incident): SummaryRole | null {
	if (stateAllows(s, 'SubmitSummary')) return 'processor';
	if (stateAllows(s, 'SubmitRegulatorSummary')) return 'regulator';
	return null;
}

/** The form's starting values: the summary already filed, else what the log already says. */
export async function summaryForm(
	requester: Requester,
	incidentId: string
): Promise<SummaryFormData | null> {
	const s = await incidentState(requester, incidentId);
	if (!s) return null;
	const role = dueRole(s);
	const filed = s.regulatorSummary ?? s.summary;
	const known = (v: string | undefined) => (v && v !== 'unknown' ? v : '');
	const values: SummaryReport = filed ?? {
		...EMPTY,
		filingUnit: role === 'regulator' ? '' : s.report.reportingUnit.name,
		basicFacts: { ...EMPTY.basicFacts, cause: known(s.report.cause) },
		measures: {
			...EMPTY.measures,
			emergency: [s.report.handling.measuresTaken, s.report.handling.furtherMeasures]
				.map(known)
				.filter(Boolean)
				.join('\n')
		}
	};
	return { incidentId, status: s.status, role, values, drill: s.drill };
}

export type FieldErrors = Record<string, string>;

export type SubmitResult =
	| { ok: true; seq: number }
	| { ok: false; status: RefusalStatus; errors: FieldErrors; values: SummaryReport };

/** A refused summary: the form's fields (the summary's own paths) → words; `form` for the rest. */
function refused(err: DomainError, values: SummaryReport): SubmitResult {
	const r = refusalOf(err)!;
	const errors: FieldErrors = {};
	for (const i of r.issues) errors[i.field.replace(/^summary\./, '')] ??= i.message;
	if (r.issues.length === 0) errors.form = r.message;
	return { ok: false, status: r.status, errors, values };
}

/** Reads the form's fields (names are the summary's dotted paths; evidence one per line). */
export function summaryFromForm(form: FormData): SummaryReport {
	const get = (k: string) => String(form.get(k) ?? '');
	return {
		filingUnit: get('filingUnit'),
		basicFacts: {
			cause: get('basicFacts.cause'),
			course: get('basicFacts.course'),
			authenticity: get('basicFacts.authenticity'),
			responsibility: get('basicFacts.responsibility'),
			impactAndLoss: get('basicFacts.impactAndLoss')
		},
		measures: {
			management: get('measures.management'),
			technical: get('measures.technical'),
			personnel: get('measures.personnel'),
			emergency: get('measures.emergency'),
			userNotice: get('measures.userNotice')
		},
		improvementPlan: get('improvementPlan'),
		lessonsLearned: get('lessonsLearned'),
		otherMatters: get('otherMatters'),
		evidence: get('evidence')
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean)
	};
}

/**
 * The actor a submission is decided as: the requester's own. A `system` requester (the scenario
 * engine, scripts and tests without a session) acts as the party the summary is due from (the
 * incident's processor or its local regulator), so the domain's permission rules still run.
 */
function actingAs(requester: Requester, s: Incident, role: SummaryRole): Actor {
	if (requester.actor.role !== 'system') return requester.actor;
	return role === 'processor'
		? { id: requester.actor.id, role: 'processor', orgId: s.orgId, region: s.region }
		: {
				id: requester.actor.id,
				role: 'regulator',
				region: s.regulatorRegion,
				sector: s.sector
			};
}

/** Validates and submits the summary due now through the incident's command handler. */
export async function submitSummary(
	requester: Requester,
	incidentId: string,
	values: SummaryReport,
	now = new Date()
): Promise<SubmitResult> {
	const s = await incidentState(requester, incidentId);
	if (!s) return refused(notFound('no such incident'), values);
	const parsed = summarySchema.safeParse(values);
	if (!parsed.success)
		return refused(
			invalidInput(parsed.error, { field: (path) => path.replace(/\.\d+$/, ''), root: 'form' }),
			values
		);
	const role = dueRole(s);
	if (!role)
		return refused(
			new DomainError('conflict', 'incident.summary_not_due', `incident.status:${s.status}`),
			values
		);
	try {
		const store = await getEventStore();
		const result = await execute(
			store,
			incidentAggregate,
			incidentId,
			{
				type: role === 'processor' ? 'SubmitSummary' : 'SubmitRegulatorSummary',
				data: { summary: parsed.data }
			},
			{ actor: actingAs(requester, s, role), now }
		);
		return { ok: true, seq: result.seq };
	} catch (err) {
		if (!isDomainError(err)) throw err;
		return refused(err, values);
	}
}
