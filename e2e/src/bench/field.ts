#!/usr/bin/env tsx
/**
 * npm run bench:field [-- --links rural,district]: the field-conditions matrix. The journeys of
 * e2e/src/field.ts (login page, login → Registo, registration form, chart with the HIV summary,
 * dispensing form) behind each link as Chromium's DevTools emulate it (rural: 10 KB/s each way, district:
 * 100 KB/s; 300 ms latency), with an empty cache and a warm one, on the e2e stack (HD Manhiça, 100
 * patients). Prints one Markdown table per link for docs/benchmarks.md, with the machine, the day and
 * the load average before and after.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchMachine } from '@poc-emr/db';
import { fieldJourneys, LINKS, table } from '../field';
import { openSpec } from '../spec';

const { values } = parseArgs({ options: { links: { type: 'string', default: 'rural,district' } } });

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const names = values.links.split(',');
  for (const name of names)
    if (!(name in LINKS)) throw new Error(`Unknown link ${name}: ${Object.keys(LINKS).join(', ')}`);
  const spec = await openSpec();
  try {
    for (const name of names) {
      const link = LINKS[name as keyof typeof LINKS];
      const before = load();
      const measures = await fieldJourneys(spec, link);
      console.log(`\n${table(link, measures)}\n\nload average before ${before}, after ${load()}`);
    }
    console.log(await benchMachine());
  } finally {
    await spec.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
