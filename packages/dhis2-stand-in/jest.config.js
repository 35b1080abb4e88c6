module.exports = {
  ...require('../../config/jest.node.config'),
  displayName: 'dhis2-stand-in',
  globalSetup: undefined,
};
