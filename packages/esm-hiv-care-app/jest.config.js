module.exports = { ...require('../../config/jest.react.config'), displayName: 'esm-hiv-care-app' };
