module.exports = { ...require('../../config/jest.node.config'), displayName: 'metadata' };
