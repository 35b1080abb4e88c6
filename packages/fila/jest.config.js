module.exports = { ...require('../../config/jest.node.config'), displayName: 'fila' };
