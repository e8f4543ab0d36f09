export * from './credit-code';
export * from './divisions';
export * from './masking';
export * from './resident-id';
export * from './secrets';
export * from './validators';
export * from './personal-data';
export { normaliseText, type NormalisedText } from './normalise';
export { findPersonalNumbers } from './personal-numbers';
