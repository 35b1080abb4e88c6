module.exports = { ...require('../../config/jest.node.config'), displayName: 'dev-backend' };
