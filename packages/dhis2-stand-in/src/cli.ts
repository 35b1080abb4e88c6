#!/usr/bin/env tsx
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createStandIn, metadataOf } from '.';

// npx tsx packages/dhis2-stand-in/src/cli.ts --port 8091 --mapping a.json --mapping b.json
// A SIS-MA for the demo: knows the mappings' uids, accepts admin / district.
const { values } = parseArgs({
  options: { port: { type: 'string', default: '8091' }, mapping: { type: 'string', multiple: true } },
});
const mappings = (values.mapping ?? []).map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
const standIn = createStandIn({ metadata: metadataOf(mappings) });
standIn.app.listen({ port: Number(values.port), host: '127.0.0.1' }).then(
  (address) => console.log(`DHIS2 stand-in on ${address}/api (admin / district)`),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
