// Shared jest preset for the microfrontends (packages/esm-*-app): TSX through swc in jsdom, against the
// O3 framework's jest mock. No database: requests go to msw handlers (config/jest.openmrs-fetch.ts).
/** @type {import('jest').Config} */
module.exports = {
  // jsdom with Node's fetch, Request, Response and streams, which msw needs.
  testEnvironment: 'jest-fixed-jsdom',
  transform: {
    // swcrc: false, or the .swcrc shipped inside @openmrs packages turns their code into ES modules.
    '^.+\\.m?[jt]sx?$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // These publish ES modules (Carbon's utilities pull in the ESM-only temporal polyfill; msw, rettime).
  transformIgnorePatterns: [
    '/node_modules/(?!(@openmrs|@carbon|temporal-polyfill|temporal-spec|temporal-utils|rettime|until-async|msw|@mswjs|@open-draft|outvariant|strict-event-emitter|headers-polyfill|is-node-process|tough-cookie|tldts|tldts-core)/)',
  ],
  moduleNameMapper: {
    '^@openmrs/esm-framework$': '@openmrs/esm-framework/mock',
    '\\.s?css$': 'identity-obj-proxy',
    // the framework imports lodash-es (ES modules only); lodash is the same code as CommonJS
    '^lodash-es$': 'lodash',
    '^lodash-es/(.*)$': 'lodash/$1',
    // jsdom resolves the "browser" ES-module builds of these; Node's resolution gives their CommonJS ones
    '^dexie$': require.resolve('dexie'),
    '^uuid$': require.resolve('uuid'),
    '^react-i18next$': '<rootDir>/../../config/jest.react-i18next.js',
  },
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  setupFilesAfterEnv: ['<rootDir>/../../config/jest.react-setup.ts'],
  clearMocks: true,
};
