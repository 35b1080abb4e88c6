module.exports = { ...require('../../config/jest.node.config'), displayName: 'gateway', globalSetup: undefined };
