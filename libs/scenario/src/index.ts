export * from './random';
export * from './winter';
export * from './evaluation';
export * from './pipeline';
export * from './demo';
