export * from './types';
export * from './labels';
export { evaluate, criterionReads, incidentFactsSchema } from './evaluate';
export {
	assertStricter,
	deriveRuleSet,
	gradingRuleSetSchema,
	validateRuleSet,
	type CriterionOverride,
	type RuleSetOverrides
} from './ruleset';
export { NATIONAL_RULESET_2024 } from './national-2024';
