export * from './events';
export * from './commands';
export * from './evolve';
export * from './permissions';
export { decide, type DecideContext } from './decide';
