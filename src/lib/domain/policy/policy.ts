import { z } from 'zod';
import { LEVELS, type Level } from '../levels';

/**
 * Deadlines are versioned data (DOMAIN.md): the plan is a trial, reviewed about yearly, and
 * local profiles and watch periods tighten it. Nothing in the clock engine knows a number.
 */

const isoSchema = z.iso.datetime();
const levelSchema = z.enum(LEVELS);
const minutes = z.number().int().positive();

export const spanSchema = z.discriminatedUnion('unit', [
	z.object({ unit: z.literal('minutes'), amount: minutes }),
	/** End of the n-th working day after the day it starts (China time, holiday calendar). */
	z.object({ unit: z.literal('working_days'), amount: z.number().int().positive() }),
	/** n × 24 h. */
	z.object({ unit: z.literal('days'), amount: z.number().int().positive() })
]);
export type Span = z.infer<typeof spanSchema>;

/** The milestone a clock counts from (before any level change moves it later). */
export const ANCHORS = [
	'discovered',
	'self_graded',
	'reported_local',
	'reported_ministry',
	'response_started',
	'response_ended'
] as const;
export type Anchor = (typeof ANCHORS)[number];

export const deadlineSpecSchema = z.object({
	within: spanSchema,
	/** Tighter span for critical information infrastructure (CAC profile); default: `within`. */
	withinForCii: spanSchema.optional(),
	/** The duty exists only while the incident is at least this level. */
	minLevel: levelSchema,
	anchor: z.enum(ANCHORS),
	/** Our reading where the text is silent (DOMAIN.md marks these). */
	inferred: z.boolean(),
	basis: z.string()
});
export type DeadlineSpec = z.infer<typeof deadlineSpecSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const policySchema = z.object({
	id: z.string().min(1),
	version: z.string().min(1),
	validFrom: isoSchema,
	source: z.string(),
	deadlines: z.object({
		reportLocal: deadlineSpecSchema,
		ministryPhone: deadlineSpecSchema.nullable(),
		ministryWritten: deadlineSpecSchema.nullable(),
		leadingGroupPhone: deadlineSpecSchema.nullable(),
		leadingGroupWritten: deadlineSpecSchema.nullable(),
		progress: z.object({
			/** Minutes between progress reports per current level; null = none required. */
			intervalMinutes: z.record(levelSchema, minutes.nullable()),
			inferred: z.boolean(),
			basis: z.string()
		}),
		processorSummary: deadlineSpecSchema.nullable(),
		regulatorSummary: deadlineSpecSchema.nullable(),
		agencyAcceptance: z.object({ minutes, inferred: z.boolean(), basis: z.string() }),
		agencyArrival: z.object({ minutes, inferred: z.boolean(), basis: z.string() }),
		zeroReport: z.object({
			/** China time of day by which a designated processor checks in. */
			dueTime: hhmm,
			inferred: z.boolean(),
			basis: z.string()
		})
	}),
	/** A running clock is "due soon" in its last `fraction` of span or last `minutes`. */
	dueSoon: z.object({ fraction: z.number().min(0).max(1), minutes: z.number().int().min(0) })
});
export type Policy = z.infer<typeof policySchema>;
export type PolicyDeadlines = Policy['deadlines'];

/** Minute-based deadlines a watch period may shorten. */
export const MINUTE_DEADLINE_KEYS = [
	'reportLocal',
	'ministryPhone',
	'ministryWritten',
	'leadingGroupPhone',
	'leadingGroupWritten'
] as const;
export type MinuteDeadlineKey = (typeof MINUTE_DEADLINE_KEYS)[number];

export const clockOverridesSchema = z
	.object({
		reportLocal: minutes,
		ministryPhone: minutes,
		ministryWritten: minutes,
		leadingGroupPhone: minutes,
		leadingGroupWritten: minutes,
		progress: z.partialRecord(levelSchema, minutes),
		agencyAcceptance: minutes,
		agencyArrival: minutes,
		zeroReportDueTime: hhmm
	})
	.partial()
	.strict();
export type ClockOverrides = z.infer<typeof clockOverridesSchema>;

const spec = (
	within: Span,
	minLevel: Level,
	anchor: Anchor,
	inferred: boolean,
	basis: string,
	withinForCii?: Span
): DeadlineSpec => ({
	within,
	...(withinForCii ? { withinForCii } : {}),
	minLevel,
	anchor,
	inferred,
	basis
});
const mins = (amount: number): Span => ({ unit: 'minutes', amount });

export const MIIT_2024_POLICY: Policy = {
	id: 'miit-2024-214',
	version: '2024.1',
	validFrom: '2024-10-31T16:00:00.000Z',
	source: '工信部网安〔2024〕214号, in force 2024-11-01',
	deadlines: {
		reportLocal: spec(
			mins(60),
			'relatively_large',
			'discovered',
			true,
			'§4 立即报告: the plan gives no number; default 1 h, counted from discovery'
		),
		ministryPhone: spec(mins(10), 'major', 'discovered', false, '§4 10分钟内电话报告'),
		ministryWritten: spec(mins(30), 'major', 'discovered', false, '§4 30分钟内书面报告'),
		// 20/40 exceed 10/30, so we read them as counted from discovery too.
		leadingGroupPhone: spec(mins(20), 'major', 'discovered', true, '§4 20分钟内电话报告领导小组'),
		leadingGroupWritten: spec(mins(40), 'major', 'discovered', true, '§4 40分钟内书面报告领导小组'),
		progress: {
			intervalMinutes: {
				especially_major: 120,
				major: 120,
				relatively_large: 1440,
				general: null
			},
			inferred: true,
			basis: '§4 及时报告进展: every 2 h for I/II, every 24 h for III'
		},
		processorSummary: spec(
			{ unit: 'working_days', amount: 5 },
			'major',
			'response_ended',
			false,
			'§5 应急结束后5个工作日内'
		),
		regulatorSummary: spec(
			{ unit: 'working_days', amount: 10 },
			'major',
			'response_ended',
			false,
			'§5 10个工作日内报送工业和信息化部'
		),
		agencyAcceptance: { minutes: 30, inferred: true, basis: 'not in the plan' },
		agencyArrival: { minutes: 240, inferred: true, basis: 'not in the plan' },
		zeroReport: { dueTime: '10:00', inferred: true, basis: '§6 重大活动保障: daily check-in' }
	},
	dueSoon: { fraction: 0.2, minutes: 10 }
};

/**
 * CAC's 国家网络安全事件报告管理办法 (2025) expressed in the same duty slots, so the clock
 * engine needs no second code path: "report local" is the report to the provincial CAC,
 * "ministry" is the escalation above it.
 */
export const CAC_2025_PROFILE: Policy = {
	id: 'cac-2025-reporting',
	version: '2025.1',
	validFrom: '2025-10-31T16:00:00.000Z',
	source: '国家网络安全事件报告管理办法 (2025), optional profile',
	deadlines: {
		reportLocal: spec(
			mins(240),
			'relatively_large',
			'discovered',
			false,
			'较大+ to the provincial CAC within 4 h (CII 1 h)',
			mins(60)
		),
		ministryPhone: spec(
			mins(60),
			'major',
			'discovered',
			false,
			'重大+ escalated within 1 h (CII 30 min)',
			mins(30)
		),
		ministryWritten: null,
		leadingGroupPhone: null,
		leadingGroupWritten: null,
		progress: MIIT_2024_POLICY.deadlines.progress,
		processorSummary: spec(
			{ unit: 'days', amount: 30 },
			'relatively_large',
			'response_ended',
			false,
			'summary within 30 days'
		),
		regulatorSummary: null,
		agencyAcceptance: MIIT_2024_POLICY.deadlines.agencyAcceptance,
		agencyArrival: MIIT_2024_POLICY.deadlines.agencyArrival,
		zeroReport: MIIT_2024_POLICY.deadlines.zeroReport
	},
	dueSoon: MIIT_2024_POLICY.dueSoon
};

function tighten(s: DeadlineSpec | null, limit: number | undefined): DeadlineSpec | null {
	if (!s || limit === undefined) return s;
	const cap = (span: Span): Span =>
		span.unit === 'minutes' && limit < span.amount ? { unit: 'minutes', amount: limit } : span;
	return {
		...s,
		within: cap(s.within),
		...(s.withinForCii ? { withinForCii: cap(s.withinForCii) } : {})
	};
}

function earlier(a: string, b: string | undefined): string {
	return b !== undefined && b < a ? b : a;
}

function minOf(a: number, b: number | undefined): number {
	return b !== undefined && b < a ? b : a;
}

/**
 * A watch period's overrides, stricter only: an override looser than the policy is ignored, and
 * an override never creates a duty the policy does not have. `source` tags the version so every
 * clock shows it ran under the tightened policy.
 */
export function applyOverrides(
	policy: Policy,
	overrides: ClockOverrides | undefined,
	source = 'override'
): Policy {
	if (!overrides || Object.keys(overrides).length === 0) return policy;
	const d = policy.deadlines;
	const interval = { ...d.progress.intervalMinutes };
	for (const level of LEVELS) {
		const current = interval[level];
		const o = overrides.progress?.[level];
		if (current != null && o !== undefined && o < current) interval[level] = o;
	}
	return {
		...policy,
		version: `${policy.version}+${source}`,
		deadlines: {
			...d,
			reportLocal: tighten(d.reportLocal, overrides.reportLocal) ?? d.reportLocal,
			ministryPhone: tighten(d.ministryPhone, overrides.ministryPhone),
			ministryWritten: tighten(d.ministryWritten, overrides.ministryWritten),
			leadingGroupPhone: tighten(d.leadingGroupPhone, overrides.leadingGroupPhone),
			leadingGroupWritten: tighten(d.leadingGroupWritten, overrides.leadingGroupWritten),
			progress: { ...d.progress, intervalMinutes: interval },
			agencyAcceptance: {
				...d.agencyAcceptance,
				minutes: minOf(d.agencyAcceptance.minutes, overrides.agencyAcceptance)
			},
			agencyArrival: {
				...d.agencyArrival,
				minutes: minOf(d.agencyArrival.minutes, overrides.agencyArrival)
			},
			zeroReport: {
				...d.zeroReport,
				dueTime: earlier(d.zeroReport.dueTime, overrides.zeroReportDueTime)
			}
		}
	};
}

/** Merge several overrides (overlapping watch periods) keeping the strictest of each. */
export function strictestOverrides(list: readonly ClockOverrides[]): ClockOverrides {
	const out: ClockOverrides = {};
	for (const o of list) {
		for (const k of MINUTE_DEADLINE_KEYS) out[k] = minOrUndef(out[k], o[k]);
		out.agencyAcceptance = minOrUndef(out.agencyAcceptance, o.agencyAcceptance);
		out.agencyArrival = minOrUndef(out.agencyArrival, o.agencyArrival);
		if (o.zeroReportDueTime !== undefined)
			out.zeroReportDueTime = earlier(o.zeroReportDueTime, out.zeroReportDueTime);
		if (o.progress) {
			const p = { ...out.progress };
			for (const level of LEVELS) p[level] = minOrUndef(p[level], o.progress[level]);
			out.progress = p;
		}
	}
	for (const k of Object.keys(out) as (keyof ClockOverrides)[])
		if (out[k] === undefined) delete out[k];
	return out;
}

function minOrUndef(a: number | undefined, b: number | undefined): number | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return Math.min(a, b);
}
