export * from './options';
export * from './sealed';
