module.exports = { ...require('../../config/jest.react.config'), displayName: 'esm-commons-lib' };
