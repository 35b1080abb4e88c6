module.exports = { ...require('../../config/jest.react.config'), displayName: 'esm-reports-app' };
