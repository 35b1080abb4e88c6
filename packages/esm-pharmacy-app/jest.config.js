module.exports = { ...require('../../config/jest.react.config'), displayName: 'esm-pharmacy-app' };
