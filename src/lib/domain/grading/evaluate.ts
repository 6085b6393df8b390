import { z } from 'zod';
import { DomainError } from '../errors';
import {
	DATA_GRADE_LABEL,
	DATA_GRADES,
	LEVEL_LABEL,
	LEVELS,
	levelRank,
	SECTORS,
	UNKNOWN,
	type Level
} from '../levels';
import { FACILITY_CLASS_LABEL, FACT_LABEL, INDUSTRIAL_IMPACT_LABEL, THREAT_LABEL } from './labels';
import {
	FACILITY_CLASSES,
	INDUSTRIAL_IMPACTS,
	THREATS,
	type Criterion,
	type FactKey,
	type FiredCriterion,
	type GradingResult,
	type GradingRuleSet,
	type IncidentFacts,
	type Label
} from './types';

const maybe = <T extends z.ZodType>(schema: T) => z.union([z.literal(UNKNOWN), schema]);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const hours = z.number().nonnegative().max(1_000_000);

/** Schema for facts as entered on the form or stored with a grading decision. */
export const incidentFactsSchema = z
	.object({
		sector: maybe(z.enum(SECTORS)),
		dataGrade: maybe(z.enum(DATA_GRADES)),
		threat: maybe(z.enum(THREATS)),
		economicLossYuan: maybe(count),
		personalInfoCount: maybe(count),
		sensitivePersonalInfoCount: maybe(count),
		industrialImpact: maybe(z.enum(INDUSTRIAL_IMPACTS)).optional(),
		telecomOutage: maybe(
			z.object({ hours: maybe(hours), facilityClass: maybe(z.enum(FACILITY_CLASSES)) }).strict()
		).optional(),
		radioInterferenceHours: maybe(hours).optional(),
		otherHarm: maybe(z.enum(LEVELS)).optional()
	})
	.strict();

/** otherHarm left out: nobody asserted a catch-all harm, which is not the same as "unknown". */
const NOT_ASSERTED = 'not_asserted';

type FlatFacts = Record<FactKey, unknown>;

function flatten(facts: IncidentFacts): FlatFacts {
	const outage = facts.telecomOutage ?? UNKNOWN;
	return {
		sector: facts.sector,
		dataGrade: facts.dataGrade,
		threat: facts.threat,
		economicLossYuan: facts.economicLossYuan,
		personalInfoCount: facts.personalInfoCount,
		sensitivePersonalInfoCount: facts.sensitivePersonalInfoCount,
		industrialImpact: facts.industrialImpact ?? UNKNOWN,
		'telecomOutage.hours': outage === UNKNOWN ? UNKNOWN : outage.hours,
		'telecomOutage.facilityClass': outage === UNKNOWN ? UNKNOWN : outage.facilityClass,
		radioInterferenceHours: facts.radioInterferenceHours ?? UNKNOWN,
		otherHarm: facts.otherHarm ?? NOT_ASSERTED
	};
}

/**
 * Values an unknown fact can take. Every criterion is monotone in its numeric facts, so the
 * smallest and an unbounded value are enough to find the lowest and highest level it allows.
 */
const DOMAINS: Record<FactKey, readonly unknown[]> = {
	sector: SECTORS,
	dataGrade: DATA_GRADES,
	threat: THREATS,
	economicLossYuan: [0, Number.POSITIVE_INFINITY],
	personalInfoCount: [0, Number.POSITIVE_INFINITY],
	sensitivePersonalInfoCount: [0, Number.POSITIVE_INFINITY],
	industrialImpact: INDUSTRIAL_IMPACTS,
	'telecomOutage.hours': [0, Number.POSITIVE_INFINITY],
	'telecomOutage.facilityClass': FACILITY_CLASSES,
	radioInterferenceHours: [0, Number.POSITIVE_INFINITY],
	otherHarm: [...LEVELS, NOT_ASSERTED]
};

const FACT_ORDER = Object.keys(DOMAINS) as FactKey[];

/** Higher is more: general 0 < important 1 < core 2. */
const gradeRank = (g: unknown) => DATA_GRADES.indexOf(g as (typeof DATA_GRADES)[number]);
/** THREATS and FACILITY_CLASSES list the most severe first. */
const threatRank = (t: unknown) => THREATS.length - THREATS.indexOf(t as (typeof THREATS)[number]);
const facilityRank = (f: unknown) =>
	FACILITY_CLASSES.length - FACILITY_CLASSES.indexOf(f as (typeof FACILITY_CLASSES)[number]);

/** The facts a criterion reads, in display order. */
export function criterionReads(c: Criterion): FactKey[] {
	const sector: FactKey[] = c.sector ? ['sector'] : [];
	switch (c.kind) {
		case 'threshold':
			return [...sector, c.fact];
		case 'telecom_outage':
			return [...sector, 'telecomOutage.hours', 'telecomOutage.facilityClass'];
		case 'data_threat':
			return [...sector, 'dataGrade', 'threat'];
		case 'selection':
			return [...sector, c.fact];
	}
}

/** Whether the facts meet a criterion's requirement for one level. */
function meets(c: Criterion, level: Level, v: FlatFacts): boolean {
	switch (c.kind) {
		case 'threshold': {
			const min = c.min[level];
			return min !== undefined && (v[c.fact] as number) >= min;
		}
		case 'telecom_outage': {
			const min = c.min[level];
			return (
				min !== undefined &&
				(v['telecomOutage.hours'] as number) >= min.hours &&
				facilityRank(v['telecomOutage.facilityClass']) >= facilityRank(min.facilityClass)
			);
		}
		case 'data_threat': {
			const min = c.min[level];
			return (
				min !== undefined &&
				gradeRank(v.dataGrade) >= gradeRank(min.dataGrade) &&
				threatRank(v.threat) >= threatRank(min.threat)
			);
		}
		case 'selection':
			return c.options[v[c.fact] as keyof typeof c.options] === level;
	}
}

/** The most severe level a criterion reaches on fully known facts, or null if it does not apply. */
function levelFor(c: Criterion, v: FlatFacts): Level | null {
	if (c.sector && v.sector !== c.sector) return null;
	return LEVELS.find((level) => meets(c, level, v)) ?? null;
}

const rankOf = (l: Level | null) => (l === null ? 0 : levelRank(l));

/** Every completion of the unknown facts among `keys`. */
function completions(flat: FlatFacts, keys: FactKey[]): FlatFacts[] {
	let out: FlatFacts[] = [flat];
	for (const key of keys) {
		if (flat[key] !== UNKNOWN) continue;
		out = out.flatMap((partial) => DOMAINS[key].map((value) => ({ ...partial, [key]: value })));
	}
	return out;
}

interface CriterionOutcome {
	criterion: Criterion;
	reads: FactKey[];
	unknown: FactKey[];
	/** Lowest level over all completions of the unknowns: what the known facts guarantee. */
	guaranteed: Level | null;
	/** Highest level over all completions. */
	possible: Level | null;
}

function outcome(c: Criterion, flat: FlatFacts): CriterionOutcome {
	const reads = criterionReads(c);
	const levels = completions(flat, reads).map((v) => levelFor(c, v));
	const byRank = (a: Level | null, b: Level | null) => rankOf(a) - rankOf(b);
	levels.sort(byRank);
	return {
		criterion: c,
		reads,
		unknown: reads.filter((k) => flat[k] === UNKNOWN),
		guaranteed: levels[0] ?? null,
		possible: levels[levels.length - 1] ?? null
	};
}

function trimDecimals(n: number): string {
	return String(Number(n.toFixed(4)));
}

function zhNumber(n: number): string {
	if (n >= 100_000_000) return `${trimDecimals(n / 100_000_000)}亿`;
	if (n >= 10_000) return `${trimDecimals(n / 10_000)}万`;
	return trimDecimals(n);
}

function enNumber(n: number): string {
	const [int = '', frac] = trimDecimals(n).split('.');
	const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
	return frac === undefined ? grouped : `${grouped}.${frac}`;
}

const UNIT: Record<'yuan' | 'people' | 'hours', Label> = {
	yuan: { zh: '元', en: 'yuan' },
	people: { zh: '人', en: 'people' },
	hours: { zh: '小时', en: 'h' }
};

const UNCLEAR: Label = { zh: '尚不明确', en: 'not yet clear' };

function labelOrUnclear<T extends string>(value: unknown, labels: Record<T, Label>): Label {
	return value === UNKNOWN
		? UNCLEAR
		: (labels[value as T] ?? { zh: String(value), en: String(value) });
}

function explainFired(o: CriterionOutcome, level: Level, v: FlatFacts): Label {
	const c = o.criterion;
	const atLeast = o.unknown.length > 0;
	const to: Label = {
		zh: `→ ${atLeast ? '至少' : ''}${LEVEL_LABEL[level].zh}`,
		en: `→ ${atLeast ? 'at least ' : ''}${LEVEL_LABEL[level].en}`
	};
	switch (c.kind) {
		case 'threshold': {
			const value = v[c.fact] as number;
			const min = c.min[level] as number;
			const unit = UNIT[c.unit];
			return {
				zh: `${c.label.zh}：${zhNumber(value)}${unit.zh}（不低于${zhNumber(min)}${unit.zh}）${to.zh}`,
				en: `${c.label.en}: ${enNumber(value)} ${unit.en} (at least ${enNumber(min)}) ${to.en}`
			};
		}
		case 'telecom_outage': {
			const min = c.min[level] as {
				hours: number;
				facilityClass: (typeof FACILITY_CLASSES)[number];
			};
			const facility = labelOrUnclear(v['telecomOutage.facilityClass'], FACILITY_CLASS_LABEL);
			const h = v['telecomOutage.hours'] as number;
			const minFacility = FACILITY_CLASS_LABEL[min.facilityClass];
			return {
				zh: `${c.label.zh}：${facility.zh}，${trimDecimals(h)}小时（要求${minFacility.zh}及以上，${min.hours}小时以上）${to.zh}`,
				en: `${c.label.en}: ${facility.en}, ${trimDecimals(h)} h (needs ${minFacility.en} or more critical, at least ${min.hours} h) ${to.en}`
			};
		}
		case 'data_threat': {
			const min = c.min[level] as {
				dataGrade: (typeof DATA_GRADES)[number];
				threat: (typeof THREATS)[number];
			};
			const grade = labelOrUnclear(v.dataGrade, DATA_GRADE_LABEL);
			const threat = labelOrUnclear(v.threat, THREAT_LABEL);
			return {
				zh: `${c.label.zh}：${grade.zh}，${threat.zh}（要求${DATA_GRADE_LABEL[min.dataGrade].zh}及以上，${THREAT_LABEL[min.threat].zh}及以上）${to.zh}`,
				en: `${c.label.en}: ${grade.en}, ${threat.en} (needs ${DATA_GRADE_LABEL[min.dataGrade].en} or higher, ${THREAT_LABEL[min.threat].en} or worse) ${to.en}`
			};
		}
		case 'selection': {
			const value = v[c.fact];
			const chosen =
				c.fact === 'otherHarm'
					? labelOrUnclear(value, LEVEL_LABEL)
					: labelOrUnclear(value, INDUSTRIAL_IMPACT_LABEL);
			return {
				zh: `${c.label.zh}：${chosen.zh} ${to.zh}`,
				en: `${c.label.en}: ${chosen.en} ${to.en}`
			};
		}
	}
}

function parseFacts(facts: unknown): IncidentFacts {
	const result = incidentFactsSchema.safeParse(facts);
	if (!result.success) {
		const issue = result.error.issues[0];
		const field = issue?.path.join('.');
		throw new DomainError(
			'invalid',
			'grading.invalid_facts',
			`Invalid incident facts at ${field}: ${issue?.message}`,
			{
				messageKey: 'grading.invalid_facts',
				field,
				details: { issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) }
			}
		);
	}
	return result.data;
}

/**
 * Grades an incident against a rule set. The level is the highest any criterion reaches on what
 * is known (一般 is the floor). Unknown facts (尚不明确) never raise the level; instead the result
 * says which of them could, and how far, so the person grading knows what to find out first.
 */
export function evaluate(facts: IncidentFacts, ruleSet: GradingRuleSet): GradingResult {
	const flat = flatten(parseFacts(facts));
	const outcomes = ruleSet.criteria.map((c) => outcome(c, flat));

	const fired: FiredCriterion[] = [];
	let level: Level = 'general';
	for (const o of outcomes) {
		if (o.guaranteed === null) continue;
		// The 一般 row of data & threat is met by any data incident; with all its facts unknown
		// it says nothing about this one, so it is not listed as fired.
		if (o.guaranteed === 'general' && o.unknown.length === o.reads.length) continue;
		if (levelRank(o.guaranteed) > levelRank(level)) level = o.guaranteed;
		fired.push({
			criterionId: o.criterion.id,
			kind: o.criterion.kind,
			level: o.guaranteed,
			facts: Object.fromEntries(o.reads.map((k) => [k, flat[k]])),
			explanation: explainFired(o, o.guaranteed, flat)
		});
	}
	fired.sort((a, b) => levelRank(b.level) - levelRank(a.level));

	let couldRaiseTo: Level | null = null;
	const upTo = new Map<FactKey, Level>();
	for (const o of outcomes) {
		if (o.possible === null || levelRank(o.possible) <= levelRank(level)) continue;
		if (rankOf(o.possible) > rankOf(couldRaiseTo)) couldRaiseTo = o.possible;
		for (const key of o.unknown) {
			const prev = upTo.get(key) ?? null;
			if (rankOf(o.possible) > rankOf(prev)) upTo.set(key, o.possible);
		}
	}
	const unknownsThatCouldRaise = FACT_ORDER.filter((k) => upTo.has(k))
		.map((fact) => ({ fact, upTo: upTo.get(fact) as Level }))
		.sort((a, b) => levelRank(b.upTo) - levelRank(a.upTo));

	return {
		level,
		ruleSetId: ruleSet.id,
		ruleSetVersion: ruleSet.version,
		fired,
		couldRaiseTo,
		unknownsThatCouldRaise,
		explanation: explain(level, ruleSet, fired, couldRaiseTo, unknownsThatCouldRaise)
	};
}

function explain(
	level: Level,
	ruleSet: GradingRuleSet,
	fired: FiredCriterion[],
	couldRaiseTo: Level | null,
	unknowns: { fact: FactKey; upTo: Level }[]
): Label {
	const zh = [`按规则集 ${ruleSet.id}（${ruleSet.version}）定级为${LEVEL_LABEL[level].zh}。`];
	const en = [`Graded ${LEVEL_LABEL[level].en} under rule set ${ruleSet.id} (${ruleSet.version}).`];
	if (fired.length > 0) {
		zh.push(`依据：${fired.map((f) => f.explanation.zh).join('；')}。`);
		en.push(`Criteria met: ${fired.map((f) => f.explanation.en).join('; ')}.`);
	} else {
		zh.push('未触发任何判定条件，按一般级处理。');
		en.push('No criterion was met; general is the floor.');
	}
	if (couldRaiseTo !== null) {
		zh.push(
			`尚不明确的事实可能使级别升至${LEVEL_LABEL[couldRaiseTo].zh}：${unknowns
				.map((u) => `${FACT_LABEL[u.fact].zh}（至多${LEVEL_LABEL[u.upTo].zh}）`)
				.join('、')}。`
		);
		en.push(
			`Facts not yet clear could raise it to ${LEVEL_LABEL[couldRaiseTo].en}: ${unknowns
				.map((u) => `${FACT_LABEL[u.fact].en} (up to ${LEVEL_LABEL[u.upTo].en})`)
				.join(', ')}.`
		);
	}
	return { zh: zh.join(''), en: en.join(' ') };
}
