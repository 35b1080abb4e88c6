module.exports = {
  ...require('../../config/jest.node.config'),
  displayName: 'idart-bridge',
  // MariaDB (OpenMRS) and the project's PostgreSQL (iDART), both started once.
  globalSetup: '<rootDir>/test/global-setup.ts',
};
