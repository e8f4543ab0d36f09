export * from './inbox';
export * from './state-machine';
