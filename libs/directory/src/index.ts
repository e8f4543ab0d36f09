export * from './directory';
export * from './directory.module';
export * from './seed';
