export * from './options';
export * from './sealed';
export * from './idempotency';
