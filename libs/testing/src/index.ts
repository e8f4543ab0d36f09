export * from './namespace';
export * from './ports';
export * from './service-process';
export * from './tokens';
export * from './topic-reader';
export * from './wait';
export * from './failure-logs';
