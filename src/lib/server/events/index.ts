export * from './types';
export * from './store';
export * from './chain';
export * from './verify';
export { canonicalJson } from './canonical';
