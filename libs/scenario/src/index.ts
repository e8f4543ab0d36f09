export * from './random';
export * from './winter';
export * from './winter-reported';
export * from './evaluation';
export * from './pipeline';
export * from './demo';
