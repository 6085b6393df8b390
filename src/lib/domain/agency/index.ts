export * from './events';
export * from './agency';
