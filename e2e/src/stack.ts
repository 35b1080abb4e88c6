import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { dropDatabase } from '@poc-emr/db';
import { day, generateFacility, today } from '@poc-emr/data-generator';
import { createServer, seedDemoUsers, type RunningServer } from '@poc-emr/dev-backend';
import { startStandIn, type StandIn } from '@poc-emr/dhis2-stand-in';
import { buildSpa, DEFAULT_SPA_DIR, startNginxGateway } from '@poc-emr/gateway';
import { exampleMappingFiles, startLocalReportService, type ReportService } from '@poc-emr/report-service';

/** Debian's chromium (scripts/install-chromium.sh); POC_CHROMIUM overrides it. */
export const CHROMIUM = process.env.POC_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a machine without internet access: without the background-networking
 * ones Chromium keeps opening connections that the closed network refuses. playwright-core gives each
 * launch a fresh, temporary profile (--user-data-dir).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface StackOptions {
  /** 7-digit health facility code; HD Manhiça by default. */
  facilityCode?: string;
  patients?: number;
  seed?: number;
  /**
   * The report service behind the gateway, sending to a SIS-MA stand-in: on by default, as in the demo
   * and the distro (the chart's HIV summary asks it); false leaves it out.
   */
  reports?: boolean;
  /** The day the generated histories run up to (YYYY-MM-DD); today by default. */
  asOf?: string;
}

export interface Stack {
  /** The gateway's origin, e.g. https://127.0.0.1:41234 (its self-signed test certificate) */
  origin: string;
  /** …/openmrs/spa/ */
  spaUrl: string;
  database: string;
  backend: RunningServer;
  /** With `reports`: the report service and its SIS-MA stand-in. */
  reports?: { service: ReportService; sisma: StandIn };
  browser: Browser;
  close(): Promise<void>;
}

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: run bash scripts/install-chromium.sh (or set POC_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The whole system on loopback for one spec file: a fresh facility database (metadata, synthetic
 * patients, demo users), the dev backend and the distro's nginx gateway (HTTPS) on free ports, the assembled SPA (built once per
 * machine) and a headless Chromium. close() stops everything and drops the database.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const browser = await launchChromium();
  const database = `e2e_${crypto.randomBytes(5).toString('hex')}`;
  const cleanups: (() => Promise<void>)[] = [() => browser.close(), () => dropDatabase(database)];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse())
      await cleanup().catch((error: Error) => console.error(error.message));
  };
  try {
    await generateFacility({
      database,
      facilityCode: options.facilityCode ?? '1100407',
      patients: options.patients ?? 100,
      seed: options.seed ?? 1,
      asOf: options.asOf ? day(options.asOf) : today(),
    });
    await seedDemoUsers(database);
    buildSpa(DEFAULT_SPA_DIR);
    const backend = await createServer({ database });
    cleanups.push(() => backend.close());
    let reports: Stack['reports'];
    let reportService: string | undefined;
    if (options.reports !== false) {
      const sisma = await startStandIn(exampleMappingFiles());
      cleanups.push(() => sisma.standIn.app.close());
      const started = await startLocalReportService({
        database,
        openmrsUrl: `http://127.0.0.1:${backend.port}/openmrs`,
        dhis2Url: sisma.url,
        dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-reports-')),
      });
      cleanups.push(async () => {
        await started.service.close();
        fs.rmSync(started.service.config.dataDir, { recursive: true, force: true });
      });
      reports = { service: started.service, sisma: sisma.standIn };
      reportService = started.url;
    }
    // The distro's own nginx configuration (distro/gateway), as partner IT deploys it.
    const gateway = await startNginxGateway({
      spaDir: DEFAULT_SPA_DIR,
      backend: `http://127.0.0.1:${backend.port}`,
      reportService,
    });
    cleanups.push(() => gateway.close());
    const origin = gateway.origin;
    return { origin, spaUrl: `${origin}/openmrs/spa/`, database, backend, reports, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
