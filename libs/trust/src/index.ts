export * from './certificates';
export * from './data-keys';
export * from './dev';
export * from './event-signature';
export * from './files';
export * from './keyring';
export * from './suite';
