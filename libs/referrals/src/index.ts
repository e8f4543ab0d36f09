export * from './inbox';
export * from './state-machine';
export * from './timeline.entity';
export * from './timeline.migration';
