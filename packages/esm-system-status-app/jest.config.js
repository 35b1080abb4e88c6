module.exports = { ...require('../../config/jest.react.config'), displayName: 'esm-system-status-app' };
