export * from './certificates';
export * from './dev';
export * from './event-signature';
export * from './keyring';
export * from './suite';
