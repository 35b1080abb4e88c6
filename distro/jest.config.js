// Static checks of the distribution: no database needed.
module.exports = {
  ...require('../config/jest.node.config'),
  displayName: 'distro',
  globalSetup: undefined,
  setupFilesAfterEnv: ['<rootDir>/../config/jest.timeout.ts'],
};
