export * from './access-log';
export * from './auth.module';
export * from './claims';
export * from './decorators';
export * from './dev-token';
export * from './guards';
export * from './secret';
export * from './jwks';
