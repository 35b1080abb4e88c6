// Browser specs against the whole local stack (MariaDB, dev backend, gateway, assembled SPA).
module.exports = {
  ...require('../config/jest.node.config'),
  displayName: 'e2e',
  globalSetup: '<rootDir>/../config/jest.mariadb-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/../config/jest.timeout.ts'],
};
