/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/packages/*/jest.config.js', '<rootDir>/distro/jest.config.js', '<rootDir>/e2e/jest.config.js'],
};
