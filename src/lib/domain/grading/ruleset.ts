import { z } from 'zod';
import { parseInstant } from '../calendar/calendar';
import { DomainError } from '../errors';
import { DATA_GRADES, LEVELS, levelRank, SECTORS, type DataGrade, type Level } from '../levels';
import { isRegionCode } from '../regions/index';
import {
	FACILITY_CLASSES,
	INDUSTRIAL_IMPACTS,
	THREATS,
	type Criterion,
	type FacilityClass,
	type GradingRuleSet,
	type IndustrialImpact,
	type LevelMap,
	type Threat
} from './types';

const label = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const levelMap = <T extends z.ZodType>(value: T) =>
	z
		.partialRecord(z.enum(LEVELS), value)
		.refine((m) => Object.keys(m).length > 0, { message: 'at least one level is required' });
const base = { id: z.string().min(1), label, sector: z.enum(SECTORS).optional() };
const bound = z.number().nonnegative().max(Number.MAX_SAFE_INTEGER);

const criterionSchema = z.discriminatedUnion('kind', [
	z
		.object({
			...base,
			kind: z.literal('threshold'),
			fact: z.enum([
				'economicLossYuan',
				'personalInfoCount',
				'sensitivePersonalInfoCount',
				'radioInterferenceHours'
			]),
			unit: z.enum(['yuan', 'people', 'hours']),
			min: levelMap(bound)
		})
		.strict(),
	z
		.object({
			...base,
			kind: z.literal('telecom_outage'),
			sector: z.literal('telecom'),
			min: levelMap(z.object({ hours: bound, facilityClass: z.enum(FACILITY_CLASSES) }).strict())
		})
		.strict(),
	z
		.object({
			...base,
			kind: z.literal('data_threat'),
			min: levelMap(z.object({ dataGrade: z.enum(DATA_GRADES), threat: z.enum(THREATS) }).strict())
		})
		.strict(),
	z
		.object({
			...base,
			kind: z.literal('selection'),
			fact: z.enum(['industrialImpact', 'otherHarm']),
			options: z.partialRecord(z.enum([...INDUSTRIAL_IMPACTS, ...LEVELS]), z.enum(LEVELS))
		})
		.strict()
]);

const isoInstant = z.string().refine(
	(s) => {
		try {
			parseInstant(s);
			return true;
		} catch {
			return false;
		}
	},
	{ message: 'expected an ISO-8601 instant with a zone' }
);

/**
 * Demand of one level's requirement on each ordered dimension; a higher number is harder to meet.
 * Used both for "a more severe level is at least as hard to reach" and for "a local rule set is
 * at least as easy to trigger as its base".
 */
function demands(c: Criterion, level: Level): number[] | undefined {
	switch (c.kind) {
		case 'threshold': {
			const m = c.min[level];
			return m === undefined ? undefined : [m];
		}
		case 'telecom_outage': {
			const m = c.min[level];
			return m === undefined
				? undefined
				: [m.hours, FACILITY_CLASSES.length - FACILITY_CLASSES.indexOf(m.facilityClass)];
		}
		case 'data_threat': {
			const m = c.min[level];
			return m === undefined
				? undefined
				: [DATA_GRADES.indexOf(m.dataGrade), THREATS.length - THREATS.indexOf(m.threat)];
		}
		case 'selection':
			return undefined;
	}
}

const notHarder = (a: number[], b: number[]) => a.every((x, i) => x <= (b[i] ?? 0));

/** Schema for storing and loading a rule set as JSON. */
export const gradingRuleSetSchema = z
	.object({
		id: z.string().min(1),
		version: z.string().min(1),
		region: z.string().refine((r) => r === 'national' || isRegionCode(r), {
			message: "expected 'national' or a region code"
		}),
		basedOn: z.string().min(1).optional(),
		validFrom: isoInstant,
		criteria: z.array(criterionSchema).min(1)
	})
	.strict()
	.superRefine((rs, ctx) => {
		const seen = new Set<string>();
		rs.criteria.forEach((raw, i) => {
			const c = raw as Criterion;
			if (seen.has(c.id)) {
				ctx.addIssue({
					code: 'custom',
					path: ['criteria', i, 'id'],
					message: `duplicate id ${c.id}`
				});
			}
			seen.add(c.id);
			// A less severe level must never be harder to reach than a more severe one, or
			// "the highest level reached" would depend on which requirement happened to be checked.
			let prev: { level: Level; d: number[] } | undefined;
			for (const level of LEVELS) {
				const d = demands(c, level);
				if (!d) continue;
				if (prev && !notHarder(d, prev.d)) {
					ctx.addIssue({
						code: 'custom',
						path: ['criteria', i, 'min', level],
						message: `${level} requires more than ${prev.level}`
					});
				}
				prev = { level, d };
			}
		});
	});

function ruleSetError(
	code: string,
	message: string,
	details?: Record<string, unknown>,
	field?: string
) {
	return new DomainError('invalid', code, message, { field, details });
}

/** Parses untrusted rule-set data (JSON from storage or an administrator) or throws `ruleset.invalid`. */
export function validateRuleSet(data: unknown): GradingRuleSet {
	const result = gradingRuleSetSchema.safeParse(data);
	if (!result.success) {
		const issue = result.error.issues[0];
		const field = issue?.path.join('.');
		throw ruleSetError(
			'ruleset.invalid',
			`Invalid grading rule set at ${field}: ${issue?.message}`,
			{ issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) },
			field
		);
	}
	return result.data as GradingRuleSet;
}

/**
 * Throws `ruleset.not_stricter` unless `derived` grades every possible incident at least as
 * severely as `base`: every base criterion is kept with the same meaning, no requirement is
 * harder to meet and no selection maps to a lower level. Extra criteria are allowed because a
 * criterion can only raise the maximum.
 */
export function assertStricter(base: GradingRuleSet, derived: GradingRuleSet): void {
	const byId = new Map(derived.criteria.map((c) => [c.id, c]));
	for (const b of base.criteria) {
		const d = byId.get(b.id);
		const fail = (reason: string, level?: string) =>
			ruleSetError(
				'ruleset.not_stricter',
				`Rule set ${derived.id}@${derived.version} is not stricter than ${base.id}@${base.version}: ${b.id} ${reason}`,
				{ criterionId: b.id, level, reason }
			);
		if (!d) throw fail('is missing');
		if (
			d.kind !== b.kind ||
			d.sector !== b.sector ||
			('fact' in b && 'fact' in d && b.fact !== d.fact)
		) {
			throw fail('changed kind, sector or fact');
		}
		if (b.kind === 'selection' && d.kind === 'selection') {
			for (const [option, level] of Object.entries(b.options) as [string, Level][]) {
				const now = d.options[option as keyof typeof d.options];
				if (now === undefined || levelRank(now) < levelRank(level)) {
					throw fail(`maps ${option} below ${level}`, option);
				}
			}
			continue;
		}
		for (const level of LEVELS) {
			const bd = demands(b, level);
			if (!bd) continue;
			const dd = demands(d, level);
			if (!dd || !notHarder(dd, bd)) throw fail(`raises the requirement for ${level}`, level);
		}
	}
}

type MinOverride<T> = LevelMap<Partial<T>>;

/** Changes a local rule set makes to one criterion of its base, keyed by criterion id. */
export type CriterionOverride =
	| { min: LevelMap<number> }
	| { min: MinOverride<{ hours: number; facilityClass: FacilityClass }> }
	| { min: MinOverride<{ dataGrade: DataGrade; threat: Threat }> }
	| { options: Partial<Record<IndustrialImpact | Level, Level>> };

export interface RuleSetOverrides {
	id: string;
	version: string;
	/** Region whose regulator publishes the local set. */
	region: string;
	validFrom: string;
	criteria?: Record<string, CriterionOverride>;
	/** Local criteria with no national counterpart. */
	addCriteria?: Criterion[];
}

function applyOverride(c: Criterion, o: CriterionOverride): Criterion {
	const bad = () =>
		ruleSetError(
			'ruleset.invalid_override',
			`Override does not fit criterion ${c.id} (${c.kind})`,
			{
				criterionId: c.id
			}
		);
	if (c.kind === 'selection') {
		if (!('options' in o)) throw bad();
		return { ...c, options: { ...c.options, ...o.options } };
	}
	if (!('min' in o)) throw bad();
	if (c.kind === 'threshold') {
		const min: LevelMap<number> = { ...c.min };
		for (const [level, v] of Object.entries(o.min) as [Level, unknown][]) {
			if (typeof v !== 'number') throw bad();
			min[level] = v;
		}
		return { ...c, min };
	}
	// Partial requirement objects merge field by field onto the base's requirement for the level.
	const min: Record<string, unknown> = { ...c.min };
	for (const [level, v] of Object.entries(o.min) as [Level, unknown][]) {
		if (typeof v !== 'object' || v === null) throw bad();
		min[level] = { ...(c.min[level] ?? {}), ...v };
	}
	return { ...c, min } as Criterion;
}

/**
 * A local rule set derived from `base` (usually the national one) with lowered thresholds.
 * The result is validated and must be stricter than the base (`ruleset.not_stricter`): a local
 * regulator may tighten the plan, never loosen it.
 */
export function deriveRuleSet(base: GradingRuleSet, overrides: RuleSetOverrides): GradingRuleSet {
	if (overrides.region === 'national' || !isRegionCode(overrides.region)) {
		throw ruleSetError(
			'ruleset.invalid',
			`A derived rule set needs a region code: ${overrides.region}`,
			{ region: overrides.region },
			'region'
		);
	}
	const changes = overrides.criteria ?? {};
	for (const id of Object.keys(changes)) {
		if (!base.criteria.some((c) => c.id === id)) {
			throw ruleSetError(
				'ruleset.unknown_criterion',
				`No criterion ${id} in ${base.id}@${base.version}`,
				{ criterionId: id },
				`criteria.${id}`
			);
		}
	}
	const derived = validateRuleSet({
		id: overrides.id,
		version: overrides.version,
		region: overrides.region,
		basedOn: `${base.id}@${base.version}`,
		validFrom: overrides.validFrom,
		criteria: [
			...base.criteria.map((c) => {
				const o = changes[c.id];
				return o ? applyOverride(c, o) : c;
			}),
			...(overrides.addCriteria ?? [])
		]
	});
	assertStricter(base, derived);
	return derived;
}
