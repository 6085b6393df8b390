export * from './events';
export * from './commands';
export * from './evolve';
export * from './permissions';
export {
	incidentCommandAvailable,
	pendingChannels,
	stateAllows,
	type StateCommandType
} from './available';
export { decide, signOffRequired, type DecideContext } from './decide';
