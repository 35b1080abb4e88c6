// Shared jest preset for Node packages: TypeScript through swc, tests against the real MariaDB.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[jt]s$': [
      '@swc/jest',
      { swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/../../config/jest.mariadb-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/../../config/jest.timeout.ts'],
};
