export * from './events';
export * from './watch';
