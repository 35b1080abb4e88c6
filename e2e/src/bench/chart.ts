#!/usr/bin/env tsx
/**
 * npm run bench:chart [-- --patients 5000 | --database bench_large] [--visits 140 --runs 5 --calls]: the O3
 * chart's first open for a patient with a long history. A generated facility (HD Manhiça, seed 1, as of
 * 2026-11-30) or an existing one behind the dev backend and the gateway, as the e2e specs run them; the
 * patient whose visit count is nearest `--visits`. A clinician opens their Patient Summary in a fresh
 * browser profile (empty cache), then once more (cache warm).
 * Printed per open, from navigation start: banner shown; summary rendered (every widget's heading there
 * and no loading skeleton left); network settled (last response); requests, bytes on the wire and
 * decoded, and the backend calls. `--calls` lists every backend call of the first open.
 */
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { benchMachine } from '@poc-emr/db';
import { NetworkRecorder, type RequestRecord } from '../network';
import type { Stack } from '../stack';
import { openSpec } from '../spec';
import { coldAndWarm, median } from './runs';

/** The headings of the summary's widgets, as the shipped apps (distro/frontend) show them in Portuguese. */
const WIDGETS = [
  'Sinais vitais e biométricos',
  'Biometria',
  'Condições',
  'Medicamentos activos',
  'Medicamentos anteriores',
];

/** A fixed day, so that every run opens the same patient's same history. */
const AS_OF = '2026-11-30';

interface Open {
  banner: number;
  rendered: number;
  settled: number;
  requests: number;
  encodedBytes: number;
  decodedBytes: number;
  api: RequestRecord[];
  /** Each request's duration in the page (request start → response end), by URL. */
  durations: Map<string, number>;
  byType: Record<string, { requests: number; encodedBytes: number; decodedBytes: number }>;
}

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '5000' },
    database: { type: 'string' },
    visits: { type: 'string', default: '140' },
    runs: { type: 'string', default: '5' },
    calls: { type: 'boolean', default: false },
  },
});

/** From navigation start: when `done` first holds in the page (checked every animation frame). */
async function when(page: Page, done: (arg: string[]) => boolean, arg: string[]): Promise<number> {
  await page.waitForFunction(done, arg, { polling: 'raf', timeout: 60_000 });
  return page.evaluate(() => performance.now());
}

async function open(page: Page, url: string, names: string[]): Promise<Open> {
  const network = await NetworkRecorder.attach(page);
  await page.goto(url);
  const banner = await when(page, (names) => names.every((n) => (document.body.textContent ?? '').includes(n)), names);
  const rendered = await when(
    page,
    (widgets) =>
      widgets.every((w) => (document.body.textContent ?? '').includes(w)) &&
      !document.querySelector('[class*="skeleton"], .cds--inline-loading, .cds--loading'),
    WIDGETS,
  );
  await network.idle(1000, 60_000);
  const timings = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => [e.name, e.startTime, (e as PerformanceResourceTiming).responseEnd] as [string, number, number]),
  );
  const settled = Math.max(...timings.map(([, , end]) => end));
  const durations = new Map(timings.map(([url, start, end]) => [url, end - start]));
  const summary = network.summary();
  const api = network.list().filter((r) => /\/openmrs\/ws\//.test(r.url));
  return { banner, rendered, settled, ...summary, api, durations };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function line(label: string, o: Open): string {
  const apiBytes = o.api.reduce((sum, r) => sum + r.decodedBytes, 0);
  return (
    `  ${label.padEnd(12)} banner ${ms(o.banner).padStart(8)}  rendered ${ms(o.rendered).padStart(8)}  ` +
    `settled ${ms(o.settled).padStart(8)}  ${String(o.requests).padStart(3)} requests, ${kib(o.encodedBytes)} ` +
    `on the wire (${kib(o.decodedBytes)} decoded); ${o.api.length} backend calls, ${kib(apiBytes)} decoded`
  );
}

async function main(): Promise<void> {
  const spec = await openSpec(
    values.database ? { database: values.database } : { patients: Number(values.patients), asOf: AS_OF },
  );
  const stack: Stack = spec.stack;
  try {
    const [patient] = await spec.rows(
      `SELECT p.uuid, n.given_name, n.family_name, COUNT(DISTINCT v.visit_id) AS visits,
              (SELECT COUNT(*) FROM encounter e WHERE e.patient_id = p.person_id AND e.voided = 0) AS encounters,
              (SELECT COUNT(*) FROM obs o WHERE o.person_id = p.person_id AND o.voided = 0) AS obs
       FROM person p JOIN visit v ON v.patient_id = p.person_id AND v.voided = 0
       JOIN person_name n ON n.person_id = p.person_id AND n.preferred = 1 AND n.voided = 0
       GROUP BY p.person_id ORDER BY ABS(COUNT(DISTINCT v.visit_id) - ?), p.person_id LIMIT 1`,
      [Number(values.visits)],
    );
    const names = [String(patient.given_name), String(patient.family_name)];
    console.log(
      `Chart first open: ${values.database ?? `${values.patients} patients at HD Manhiça as of ${AS_OF}`}; the patient nearest ` +
        `${String(values.visits)} visits has ${String(patient.visits)} visits, ${String(patient.encounters)} ` +
        `encounters, ${String(patient.obs)} obs`,
    );
    const url = `${stack.spaUrl}patient/${String(patient.uuid)}/chart/Patient Summary`;
    const runs = await coldAndWarm(stack, Number(values.runs), (page) => open(page, url, names), line);
    for (const key of ['empty', 'warm'] as const) {
      const pick = (f: (o: Open) => number) => median(runs.map((r) => f(r[key])));
      console.log(
        `median ${key.padEnd(5)}: banner ${ms(pick((o) => o.banner))}, rendered ${ms(pick((o) => o.rendered))}, ` +
          `settled ${ms(pick((o) => o.settled))}, ${pick((o) => o.requests)} requests, ` +
          `${kib(pick((o) => o.encodedBytes))} on the wire`,
      );
    }
    if (values.calls) printCalls(runs[0].empty);
    console.log(await benchMachine());
  } finally {
    await spec.close();
  }
}

/** The requests of one open by type, then each backend call, slowest first. */
function printCalls(o: Open): void {
  for (const [type, t] of Object.entries(o.byType)) {
    console.log(
      `  ${type.padEnd(12)} ${String(t.requests).padStart(4)} requests ${kib(t.encodedBytes).padStart(9)} on the wire ${kib(t.decodedBytes).padStart(10)} decoded`,
    );
  }
  const origin = /^https?:\/\/[^/]+/;
  const took = (r: RequestRecord) => o.durations.get(r.url) ?? 0;
  console.log('backend calls of the first open (time in the page, decoded bytes, status, request):');
  for (const r of [...o.api].sort((a, b) => took(b) - took(a))) {
    const request = decodeURIComponent(r.url.replace(origin, ''));
    console.log(
      `  ${ms(took(r)).padStart(8)} ${kib(r.decodedBytes).padStart(7)} ${String(r.status)} ${r.method} ${request}`,
    );
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
