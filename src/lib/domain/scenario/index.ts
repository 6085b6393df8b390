export * from './types';
export { SYSTEM_ACTOR } from './actors';
export { DEMO_AGENCIES } from './agencies';
export {
	demoDay,
	demoRegistry,
	drillSeed,
	SHOWCASE_ORG,
	storiesOfDay,
	type DemoDayOptions
} from './demo';
export { drillCompletionKey, DRILL_SCRIPTS, type DrillParams, type DrillScript } from './drills';
