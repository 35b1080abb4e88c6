// Checks of the distribution: mostly static; the gateway's nginx runs for real and the admin password
// check runs against the private MariaDB.
module.exports = {
  ...require('../config/jest.node.config'),
  displayName: 'distro',
  globalSetup: '<rootDir>/../config/jest.mariadb-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/../config/jest.timeout.ts'],
};
