module.exports = { ...require('../../config/jest.react.config'), displayName: 'esm-registration-app' };
