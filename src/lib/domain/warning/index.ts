export * from './commands';
export * from './events';
export * from './permissions';
export { decide, warningCommandAvailable, type WarningContext } from './decide';
export {
	evolve,
	initialState,
	warningStatus,
	type IssuedWarning,
	type WarningAdjustment,
	type WarningState,
	type WarningStatus
} from './evolve';
