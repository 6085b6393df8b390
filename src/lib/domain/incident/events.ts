import { z } from 'zod';
import { DATA_GRADES, LEVELS, SECTORS, UNKNOWN } from '../levels';
import { ROLES } from '../actor';

/**
 * Event payloads are the contract with the event store: zod schemas first, types inferred
 * from them, so what the store validates and what `evolve` reads cannot drift apart.
 */

const iso = z.iso.datetime();
const text = z.string().trim().min(1).max(20_000);
const maybe = <T extends z.ZodType>(s: T) => z.union([z.literal(UNKNOWN), s]);

/** Attachment 2 wants the time of occurrence to the minute; finer precision would be invented. */
const minuteIso = iso.refine((s) => Date.parse(s) % 60_000 === 0, {
	message: 'occurredAt is to the minute'
});

export const levelSchema = z.enum(LEVELS);
export const channelSchema = z.enum(['phone', 'written']);
export type ReportChannel = z.infer<typeof channelSchema>;
/** How a report upward is made: by phone first, then in writing. */
export const REPORT_CHANNELS: readonly ReportChannel[] = channelSchema.options;

export const DATA_TYPES = ['rnd', 'production', 'management', 'operations', 'service'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const howLearnedSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('own_monitoring') }),
	z.object({ kind: z.literal('public_posting'), url: text }),
	z.object({ kind: z.literal('third_party'), reporter: text }),
	z.object({ kind: z.literal('other'), text })
]);

const volumeSchema = z.union([
	z.literal('none'),
	z.object({
		gb: z.number().nonnegative().finite().optional(),
		records: z.number().int().nonnegative().optional()
	})
]);

/** The incident report template (attachment 2, 数据安全事件上报). */
export const incidentReportSchema = z.object({
	reportingUnit: z.object({ name: text, contact: text, mobile: text }),
	occurredAt: maybe(minuteIso),
	discoveredAt: iso,
	howLearned: maybe(howLearnedSchema),
	organisation: z.object({ orgId: text, name: text }),
	/** GB/T 2260 code or 'XPCC'. */
	region: text,
	sector: z.enum(SECTORS),
	systems: maybe(z.array(z.object({ name: text, address: maybe(text) }))),
	cause: maybe(text),
	data: z.object({
		types: maybe(z.array(z.enum(DATA_TYPES)).min(1)),
		grade: maybe(z.enum(DATA_GRADES)),
		volumeGb: maybe(z.number().nonnegative().finite()).optional(),
		records: maybe(z.number().int().nonnegative()).optional(),
		personalInfo: maybe(volumeSchema).optional(),
		sensitivePersonalInfo: maybe(volumeSchema).optional()
	}),
	impact: z.object({ organisations: maybe(text), regionsSectors: maybe(text) }),
	handling: z.object({
		measuresTaken: maybe(text),
		furtherMeasures: maybe(text),
		supportRequested: z.array(text)
	}),
	/** Signature or seal; the plan requires it for 重大 and above. */
	signedOff: z.boolean(),
	drill: z.boolean(),
	/** Critical information infrastructure operator: some profiles (CAC) use tighter clocks. */
	cii: z.boolean().optional(),
	warningId: text.optional()
});
export type IncidentReportForm = z.infer<typeof incidentReportSchema>;

/** The summary report (attachment 3, 应急处置工作总结报告). */
export const summarySchema = z.object({
	filingUnit: text,
	basicFacts: z.object({
		cause: text,
		course: text,
		authenticity: text,
		responsibility: text,
		impactAndLoss: text
	}),
	measures: z.object({
		management: text,
		technical: text,
		personnel: text,
		emergency: text,
		userNotice: text
	}),
	improvementPlan: text,
	lessonsLearned: text,
	otherMatters: z.string().max(20_000),
	evidence: z.array(text)
});
export type SummaryReport = z.infer<typeof summarySchema>;

const base = { at: iso, by: text };

export const incidentEventSchemas = {
	IncidentReported: z.object({
		...base,
		incidentId: text,
		report: incidentReportSchema,
		/** Resolved once at report time so authorization never depends on a later data change. */
		regulatorRegion: text
	}),
	FirstHandlingStarted: z.object({ ...base, measures: text }),
	IncidentSelfGraded: z.object({
		...base,
		level: levelSchema,
		ruleSetVersion: text,
		firedCriteria: z.array(text).min(1),
		signedOff: z.boolean()
	}),
	IncidentReportedLocal: z.object({ ...base, regulatorRegion: text }),
	LevelConfirmed: z.object({
		...base,
		level: levelSchema,
		previousLevel: levelSchema,
		reason: text.optional(),
		ruleSetVersion: text.optional(),
		firedCriteria: z.array(text).optional()
	}),
	IncidentReportedMinistry: z.object({ ...base, channel: channelSchema }),
	IncidentReportedLeadingGroup: z.object({ ...base, channel: channelSchema }),
	ResponseStarted: z.object({ ...base, level: levelSchema, approval: text.optional() }),
	ProgressRecorded: z.object({ ...base, note: text, role: z.enum(ROLES) }),
	LevelChangeRequested: z.object({ ...base, from: levelSchema, to: levelSchema, reason: text }),
	LevelChanged: z.object({
		...base,
		from: levelSchema,
		to: levelSchema,
		reason: text,
		role: z.enum(ROLES)
	}),
	ResponseEnded: z.object({ ...base, level: levelSchema, approval: text.optional() }),
	SummarySubmitted: z.object({ ...base, summary: summarySchema }),
	RegulatorSummarySubmitted: z.object({ ...base, summary: summarySchema }),
	IncidentClosed: z.object({ ...base, note: text.optional() }),
	IncidentWithdrawn: z.object({ ...base, reason: text }),
	IncidentMerged: z.object({ ...base, intoIncidentId: text, reason: text })
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type IncidentEventType = keyof typeof incidentEventSchemas;
export type IncidentEvent = {
	[K in IncidentEventType]: { type: K; data: z.infer<(typeof incidentEventSchemas)[K]> };
}[IncidentEventType];
export type IncidentEventOf<K extends IncidentEventType> = Extract<IncidentEvent, { type: K }>;
