module.exports = { ...require('../../config/jest.node.config'), displayName: 'data-generator' };
