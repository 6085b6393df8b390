import type { DataGrade, Level, Maybe, Sector } from '../levels';

/** Threat to national security, social order, the economy or public interest (chosen by a person). */
export const THREATS = ['especially_serious', 'serious', 'relatively_serious', 'minor'] as const;
export type Threat = (typeof THREATS)[number];

/** Impact of an industrial-data incident on production (chosen by a person). */
export const INDUSTRIAL_IMPACTS = [
	'large_scale_stoppage',
	'wider_stoppage',
	'partial_capacity_loss',
	'minor_damage',
	'none'
] as const;
export type IndustrialImpact = (typeof INDUSTRIAL_IMPACTS)[number];

/** Class of the telecom network facilities or information systems that went down. */
export const FACILITY_CLASSES = ['important_and_core', 'important', 'related'] as const;
export type FacilityClass = (typeof FACILITY_CLASSES)[number];

export interface TelecomOutage {
	hours: Maybe<number>;
	facilityClass: Maybe<FacilityClass>;
}

/**
 * What is known about an incident for grading. Every fact may be 'unknown' (尚不明确).
 * Sector-specific facts may be omitted: omitted counts as unknown when the sector needs it,
 * because "not reported" is not "did not happen". `otherHarm` is the catch-all level a person
 * asserts; omitted means nobody asserted one.
 */
export interface IncidentFacts {
	sector: Maybe<Sector>;
	dataGrade: Maybe<DataGrade>;
	threat: Maybe<Threat>;
	/** Yuan, integer. */
	economicLossYuan: Maybe<number>;
	/** People whose personal information is involved, integer. */
	personalInfoCount: Maybe<number>;
	/** People whose sensitive personal information is involved, integer. */
	sensitivePersonalInfoCount: Maybe<number>;
	industrialImpact?: Maybe<IndustrialImpact>;
	telecomOutage?: Maybe<TelecomOutage>;
	radioInterferenceHours?: Maybe<number>;
	otherHarm?: Maybe<Level>;
}

/** Levels a criterion can assign; '一般' is every incident's floor. */
export type LevelMap<T> = Partial<Record<Level, T>>;

export type NumericFact =
	| 'economicLossYuan'
	| 'personalInfoCount'
	| 'sensitivePersonalInfoCount'
	| 'radioInterferenceHours';

export interface Label {
	zh: string;
	en: string;
}

interface CriterionBase {
	/** Stable id: a derived rule set overrides criteria by id. */
	id: string;
	label: Label;
	/** Applies only to incidents in this sector. */
	sector?: Sector;
}

/** A numeric fact at or above an inclusive lower bound per level (含; upper bounds exclusive). */
export interface ThresholdCriterion extends CriterionBase {
	kind: 'threshold';
	fact: NumericFact;
	unit: 'yuan' | 'people' | 'hours';
	min: LevelMap<number>;
}

/** Telecom outage: hours at or above a bound, on facilities at least as critical as a class. */
export interface TelecomOutageCriterion extends CriterionBase {
	kind: 'telecom_outage';
	sector: 'telecom';
	min: LevelMap<{ hours: number; facilityClass: FacilityClass }>;
}

/** Data of at least a grade, with a threat at least as serious as stated. */
export interface DataThreatCriterion extends CriterionBase {
	kind: 'data_threat';
	min: LevelMap<{ dataGrade: DataGrade; threat: Threat }>;
}

/** A person's qualitative choice mapped to a level. */
export interface SelectionCriterion extends CriterionBase {
	kind: 'selection';
	fact: 'industrialImpact' | 'otherHarm';
	options: Partial<Record<IndustrialImpact | Level, Level>>;
}

export type Criterion =
	ThresholdCriterion | TelecomOutageCriterion | DataThreatCriterion | SelectionCriterion;

export interface GradingRuleSet {
	id: string;
	version: string;
	/** 'national' or the GB/T 2260 code (or XPCC) of the region whose regulator published it. */
	region: string | 'national';
	/** `${id}@${version}` of the rule set this one was derived from. */
	basedOn?: string;
	/** ISO instant from which incidents are graded with this set. */
	validFrom: string;
	criteria: Criterion[];
}

/** A fact as the evaluator reads it: the telecom outage is two facts, either may be unknown. */
export type FactKey =
	| Exclude<keyof IncidentFacts, 'telecomOutage'>
	| 'telecomOutage.hours'
	| 'telecomOutage.facilityClass';

export interface FiredCriterion {
	criterionId: string;
	kind: Criterion['kind'];
	level: Level;
	/** The fact values the criterion read, as given (including 'unknown'). */
	facts: Partial<Record<FactKey, unknown>>;
	explanation: Label;
}

export interface GradingResult {
	/** Highest level any criterion reaches from the known facts; 'general' is the floor. */
	level: Level;
	ruleSetId: string;
	ruleSetVersion: string;
	fired: FiredCriterion[];
	/** Highest level the incident could reach once unknown facts are known, if above `level`. */
	couldRaiseTo: Level | null;
	unknownsThatCouldRaise: { fact: FactKey; upTo: Level }[];
	explanation: Label;
}
