#!/usr/bin/env tsx
import { parseArgs } from 'node:util';
import { startStandIn } from './start';

// npx tsx packages/dhis2-stand-in/src/cli.ts --port 8091 --mapping a.json --mapping b.json
// A SIS-MA for trying the push by hand: knows the mappings' uids, accepts admin / district.
const { values } = parseArgs({
  options: { port: { type: 'string', default: '8091' }, mapping: { type: 'string', multiple: true } },
});
startStandIn(values.mapping ?? [], Number(values.port)).then(
  ({ url }) => console.log(`DHIS2 stand-in on ${url}/api (admin / district)`),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
