#!/usr/bin/env tsx
/**
 * npm run bench:reports-app [-- --database facility_1100407 --period 2026-11 --runs 3]
 *
 * The M&E officer's wait in Chromium: from "Correr relatório" (Resumo Mensal) to the whole MISAU form on
 * screen, through the gateway, the report service and the dev backend, on an existing facility database
 * (the demo's by default; `bench_large` is the large facility of `npm run bench:generate`). Prints each
 * run's wait and the service's own run time (with the line lists every cell's patients need).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchMachine, databaseExists, start } from '@poc-emr/db';
import { createServer, seedDemoUsers } from '@poc-emr/dev-backend';
import { buildSpa, DEFAULT_SPA_DIR, startNginxGateway } from '@poc-emr/gateway';
import { startLocalReportService } from '@poc-emr/report-service';
import { newContext, signIn } from '../src/browser';
import { launchChromium } from '../src/stack';

function lastMonth(): string {
  const d = new Date();
  const m = new Date(d.getFullYear(), d.getMonth() - 1, 1);
  return `${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'facility_1100407' },
      period: { type: 'string', default: lastMonth() },
      runs: { type: 'string', default: '3' },
    },
  });
  const database = values.database!;
  await start();
  if (!(await databaseExists(database)))
    throw new Error(`No database ${database}: npm run demo (or bench:generate) first`);
  await seedDemoUsers(database);
  buildSpa(DEFAULT_SPA_DIR);
  const backend = await createServer({ database });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reports-'));
  const reports = await startLocalReportService({
    database,
    openmrsUrl: `http://127.0.0.1:${backend.port}/openmrs`,
    dataDir,
  });
  const gateway = await startNginxGateway({
    spaDir: DEFAULT_SPA_DIR,
    backend: `http://127.0.0.1:${backend.port}`,
    reportService: reports.url,
  });
  const origin = gateway.origin;
  const browser = await launchChromium();
  try {
    const context = await newContext(browser);
    await signIn(context, origin, 'M&E Officer');
    const page = await context.newPage();
    console.log(
      `${await benchMachine()}\n${database}, Resumo Mensal ${values.period}: from "Correr relatório" to the form on screen`,
    );
    for (let i = 1; i <= Number(values.runs); i++) {
      await page.goto(`${origin}/openmrs/spa/home/relatorios`);
      await page.locator('#period-month-value').fill(values.period!);
      const started = performance.now();
      await page.getByRole('button', { name: 'Correr relatório' }).click();
      await page.getByRole('button', { name: /^B13: \d+$/ }).waitFor({ timeout: 600_000 });
      await page.getByRole('button', { name: /^F3: \d+$/ }).waitFor();
      const waited = performance.now() - started;
      const run = reports.service.store.list()[0];
      console.log(
        `  run ${i}: ${(waited / 1000).toFixed(1)} s on screen; the service's run ${((run.durationMs ?? 0) / 1000).toFixed(1)} s, ${run.rowsRead?.toLocaleString('en')} rows read`,
      );
    }
  } finally {
    await browser.close();
    await reports.service.close();
    await gateway.close();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
