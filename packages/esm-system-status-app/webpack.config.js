// The O3 default: module federation with the peerDependencies shared, src/routes.json copied into dist/.
module.exports = require('openmrs/default-webpack-config');
