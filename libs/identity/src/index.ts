export * from './credit-code';
export * from './divisions';
export * from './masking';
export * from './resident-id';
export * from './secrets';
export * from './validators';
export * from './scan';
export * from './personal-data';
