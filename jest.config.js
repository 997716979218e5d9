/** Three levels, each runnable alone: `npm run test:unit|test:integration|test:e2e`. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  setupFiles: ['reflect-metadata'],
  ...extra,
});

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    project('unit'),
    project('integration', { setupFilesAfterEnv: ['<rootDir>/test/support/long-timeout.ts'] }),
    project('e2e', { setupFilesAfterEnv: ['<rootDir>/test/support/long-timeout.ts'] }),
  ],
};
