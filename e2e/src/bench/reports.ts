#!/usr/bin/env tsx
/**
 * npm run bench:reports-app [-- --database facility_1100407 --period 2026-11 --runs 3]
 *
 * The M&E officer's wait in Chromium: from "Correr relatório" (Resumo Mensal) to the whole MISAU form on
 * screen, through the gateway, the report service and the dev backend, on an existing facility database
 * (the demo's by default; `bench_large` is the large facility of `npm run bench:generate`). Prints each
 * run's wait and the service's own run time (with the line lists every cell's patients need).
 */
import { parseArgs } from 'node:util';
import { benchMachine } from '@poc-emr/db';
import { newContext, signIn } from '../browser';
import { startStack } from '../stack';

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
  const stack = await startStack({ database });
  const reports = stack.reports!;
  try {
    const context = await newContext(stack.browser);
    await signIn(context, stack.origin, 'M&E Officer');
    const page = await context.newPage();
    console.log(
      `${await benchMachine()}\n${database}, Resumo Mensal ${values.period}: from "Correr relatório" to the form on screen`,
    );
    for (let i = 1; i <= Number(values.runs); i++) {
      await page.goto(`${stack.spaUrl}home/relatorios`);
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
    await stack.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
