export * from './clocks';
