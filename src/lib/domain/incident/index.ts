export * from './events';
export * from './commands';
export * from './evolve';
export * from './permissions';
export { decide, OPEN_STATUSES, RESPONSE_ENTRY, type DecideContext } from './decide';
