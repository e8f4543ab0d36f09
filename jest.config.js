// Tests are transpiled with SWC (type-checking happens once, in `npm run typecheck`).
// NestJS 12 packages are ESM-only; Jest's CommonJS runtime gets them transpiled too.
const swc = ['@swc/jest', {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
const moduleNameMapper = { '^@yuanlian/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' };
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|path-to-regexp)/)'],
  moduleNameMapper,
};
module.exports = {
  // Integration and end-to-end tests start real processes; Jest reads timeouts only at the root.
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'], testPathIgnorePatterns: ['\\.int\\.spec\\.ts$'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
