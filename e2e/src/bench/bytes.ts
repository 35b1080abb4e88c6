#!/usr/bin/env tsx
/**
 * npm run bench:bytes: where the bytes of login page → login → home → chart go, on the e2e stack
 * (HD Manhiça, 100 patients), each journey of e2e/src/field.ts with an empty cache and no link emulation
 * (the bytes do not depend on the link). Prints for each journey its requests and bytes on the wire per
 * app (its folder in the assembled SPA), the app shell and the backend, with each app's largest files,
 * and its scripts by the npm package their source maps name (a library bundled into several apps shows
 * in each);
 * then, on the chart, the libraries module federation shared between the apps (each version offered, by
 * which app, and whether it was loaded) and the extensions on screen per slot.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { benchMachine } from '@poc-emr/db';
import { HD_MANHICA, newContext, signIn } from '../browser';
import { DEFAULT_SPA_DIR } from '@poc-emr/gateway';
import { bundledLibraries, byOwner, mountedExtensions, sharedModules, type Share } from '../bytes';
import { chart, FieldPage, LINKS, loginPage, logInToRegisto, patientOnArt } from '../field';
import { openSpec } from '../spec';

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function print(journey: string, shares: Share[]): void {
  const total = shares.reduce((sum, s) => sum + s.bytes, 0);
  const requests = shares.reduce((sum, s) => sum + s.requests, 0);
  console.log(`\n${journey}: ${requests} requests, ${kb(total)}\n`);
  console.log('| app | requests | down | largest files |');
  console.log('| --- | -------: | ---: | ------------- |');
  for (const s of shares) {
    const files = s.files
      .slice(0, 3)
      .map((f) => `${f.path.split('/').pop()} ${kb(f.bytes)}`)
      .join(', ');
    console.log(`| ${s.owner} | ${s.requests} | ${kb(s.bytes)} | ${files} |`);
  }
}

async function main(): Promise<void> {
  const spec = await openSpec();
  const contexts: BrowserContext[] = [];
  const field = async (role?: string) => {
    const context = await newContext(spec.stack.browser);
    contexts.push(context);
    if (role) await signIn(context, spec.stack.origin, role);
    const opened = await FieldPage.open(context, LINKS.district);
    await opened.lan();
    return opened;
  };
  const measure = async (page: FieldPage, journey: string, run: (page: Page) => Promise<void>) => {
    const measured = await page.measure(journey, 'cold', run);
    if (measured.failed) throw new Error(`${journey}: ${measured.failed}`);
    print(journey, byOwner(page.network.list()));
    console.log(`\nIts scripts by npm package (source maps; bytes on the wire in proportion):\n`);
    console.log('| package | in the files of | down |');
    console.log('| ------- | --------------- | ---: |');
    for (const b of bundledLibraries(page.network.list(), DEFAULT_SPA_DIR).slice(0, 12))
      console.log(`| ${b.library} | ${b.owners.length} (${b.owners.join(', ')}) | ${kb(b.bytes)} |`);
  };
  try {
    const { spaUrl } = spec.stack;
    const clerk = await field();
    await measure(clerk, 'login page', (page) => loginPage(page, spaUrl));
    await measure(clerk, 'login → Registo', logInToRegisto);

    const clinician = await field('Clinician');
    await clinician.page.goto(`${spaUrl}home`);
    await clinician.page.getByRole('banner').getByText(HD_MANHICA.name).waitFor();
    await clinician.network.idle();
    const patient = await patientOnArt(spec);
    await measure(clinician, 'chart with HIV summary (after the home page)', (page) => chart(page, spaUrl, patient));

    console.log('\nShared libraries (module federation share scope after the chart):\n');
    console.log('| library | versions offered (by app) | loaded |');
    console.log('| ------- | ------------------------- | ------ |');
    for (const m of (await sharedModules(clinician.page)).sort((a, b) => a.name.localeCompare(b.name))) {
      const offered = m.versions.map((v) => `${v.version} (${v.from})`).join(', ');
      const loaded = m.versions.filter((v) => v.loaded).map((v) => v.version);
      console.log(`| ${m.name} | ${offered} | ${loaded.join(', ') || '—'} |`);
    }
    console.log('\nExtensions on the chart’s first screen, by slot:\n');
    for (const { slot, extensions } of await mountedExtensions(clinician.page))
      if (extensions.length) console.log(`- ${slot}: ${extensions.join(', ')}`);
    console.log(`\n${await benchMachine()}`);
  } finally {
    for (const context of contexts) await context.close();
    await spec.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
