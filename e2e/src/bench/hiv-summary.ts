#!/usr/bin/env tsx
/**
 * npm run bench:hiv-summary [-- --patients 2000 --runs 5 | --database bench_large]: from opening a chart to a
 * rendered HIV summary. A generated facility (HD Manhiça, seed 1, as of 2026-11-30; 2000 patients is the
 * demo's size) or an existing one (`bench_large` of `npm run bench:generate`) behind
 * the dev backend, the report service and the gateway, as the e2e specs run them; the patient on ART
 * with the most FILA pickups. A clinician opens their Patient Summary in a fresh browser profile (empty
 * cache), then once more (cache warm). Printed per open, from navigation start: HIV summary rendered
 * (status shown, nothing loading in the card), requests and bytes on the wire until then, the summary
 * call's time and bytes; and esm-hiv-care-app's JavaScript at first use (gzip, as the gateway serves
 * it) against all of the app's chunks (the form engine's among them, loaded only when a form opens).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { benchMachine } from '@poc-emr/db';
import { DEFAULT_SPA_DIR } from '@poc-emr/gateway';
import { gzipBytes, NetworkRecorder, type RequestRecord } from '../network';
import { openSpec } from '../spec';
import { coldAndWarm, median } from './runs';

const AS_OF = '2026-11-30';
const APP = /\/esm-hiv-care-app-[^/]+\/[^/]+\.js$/;

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
    database: { type: 'string' },
  },
});

interface Open {
  rendered: number;
  requests: number;
  encodedBytes: number;
  summaryCall: { ms: number; encodedBytes: number; decodedBytes: number };
  appJs: RequestRecord[];
}

async function open(page: Page, url: string): Promise<Open> {
  const network = await NetworkRecorder.attach(page);
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const card = document.querySelector('section[aria-label="Resumo de HIV"]');
      return Boolean(
        card?.textContent?.includes('PEPFAR:') && !card.querySelector('[class*="skeleton"], .cds--inline-loading'),
      );
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const rendered = await page.evaluate(() => performance.now());
  const { requests, encodedBytes } = network.summary();
  const [timing] = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/hiv-summary'))
      .map((e) => e.duration),
  );
  const call = network.list().find((r) => r.url.includes('/hiv-summary'))!;
  await network.idle(1000, 60_000);
  return {
    rendered,
    requests,
    encodedBytes,
    summaryCall: { ms: timing, encodedBytes: call.encodedBytes, decodedBytes: call.decodedBytes },
    appJs: network.list().filter((r) => APP.test(new URL(r.url).pathname)),
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function line(label: string, o: Open): string {
  return (
    `  ${label.padEnd(12)} HIV summary rendered ${ms(o.rendered).padStart(7)}  ${String(o.requests).padStart(3)} requests, ` +
    `${kib(o.encodedBytes).padStart(10)} on the wire until then; summary call ${ms(o.summaryCall.ms)}, ` +
    `${o.summaryCall.encodedBytes} B on the wire (${o.summaryCall.decodedBytes} B JSON)`
  );
}

/** Every JavaScript file of the app in the SPA, gzip. */
function appChunks(): { total: number; files: number } {
  const dir = fs.readdirSync(DEFAULT_SPA_DIR).find((d) => d.startsWith('esm-hiv-care-app-'));
  if (!dir) throw new Error(`esm-hiv-care-app is not in ${DEFAULT_SPA_DIR}`);
  const gz = fs.readdirSync(path.join(DEFAULT_SPA_DIR, dir)).filter((f) => f.endsWith('.js.gz'));
  return { total: gz.reduce((n, f) => n + fs.statSync(path.join(DEFAULT_SPA_DIR, dir, f)).size, 0), files: gz.length };
}

async function main(): Promise<void> {
  const spec = await openSpec(
    values.database ? { database: values.database } : { patients: Number(values.patients), asOf: AS_OF },
  );
  try {
    const [patient] = await spec.rows(
      `SELECT p.uuid, COUNT(*) AS pickups FROM person p
       JOIN encounter e ON e.patient_id = p.person_id AND e.voided = 0
       JOIN encounter_type t ON t.encounter_type_id = e.encounter_type AND t.uuid = 'e279133c-1d5f-11e0-b929-000c29ad1d07'
       WHERE p.voided = 0 AND p.dead = 0 GROUP BY p.person_id ORDER BY pickups DESC, p.person_id LIMIT 1`,
    );
    console.log(
      `Chart to HIV summary: ${values.database ?? `${values.patients} patients at HD Manhiça as of ${AS_OF}`}; ` +
        `the patient with the most FILA pickups (${String(patient.pickups)})`,
    );
    const url = `${spec.stack.spaUrl}patient/${String(patient.uuid)}/chart/Patient Summary`;
    const runs = await coldAndWarm(spec.stack, Number(values.runs), (page) => open(page, url), line);
    for (const key of ['empty', 'warm'] as const) {
      const pick = (f: (o: Open) => number) => median(runs.map((r) => f(r[key])));
      console.log(
        `median ${key.padEnd(5)}: HIV summary rendered ${ms(pick((o) => o.rendered))}, ` +
          `${pick((o) => o.requests)} requests, ${kib(pick((o) => o.encodedBytes))} on the wire; ` +
          `summary call ${ms(pick((o) => o.summaryCall.ms))}, ${pick((o) => o.summaryCall.encodedBytes)} B`,
      );
    }
    const firstUse = runs[0].empty.appJs;
    const all = appChunks();
    console.log(
      `esm-hiv-care-app JavaScript at first use: ${firstUse.length} files, ` +
        `${kib(firstUse.reduce((n, r) => n + gzipBytes(r.url), 0))} gzip ` +
        `(all ${all.files} chunks of the app, the form engine's included: ${kib(all.total)} gzip)`,
    );
    console.log(await benchMachine());
  } finally {
    await spec.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
