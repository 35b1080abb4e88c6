module.exports = { ...require('../config/jest.node.config'), displayName: 'distro', globalSetup: undefined };
