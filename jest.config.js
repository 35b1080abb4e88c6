/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/packages/*/jest.config.js'],
  // Suites build real databases; generous, and never used to assert speed.
  testTimeout: 300000,
};
