export * from './namespace';
export * from './service-process';
export * from './tokens';
export * from './topic-reader';
export * from './wait';
