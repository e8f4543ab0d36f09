export * from './bootstrap';
export * from './health.controller';
export * from './json-logger';
export * from './validation';
export * from './rate-limit';
export * from './documents';
export * from './idempotency';
export * from './table-export';
