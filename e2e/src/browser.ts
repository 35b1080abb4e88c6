import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readDemoUsers } from '@poc-emr/dev-backend';

export const HD_MANHICA = { uuid: '88d8abfb-572b-541f-908f-a54d685cb021', name: 'HD Manhiça', code: '1100407' };

/**
 * A fresh browser profile as a facility laptop has it: Maputo's clock, English asked by the browser (so
 * Portuguese must come from the system's default locale). The gateway's certificate is the self-signed
 * one it made at start-up, as on a site that has not installed its own: accepted here (the hardening test
 * in distro/test checks the certificate itself).
 */
export function newContext(browser: Browser, storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  return browser.newContext({
    ignoreHTTPSErrors: true,
    locale: 'en-US',
    timezoneId: 'Africa/Maputo',
    viewport: { width: 1366, height: 900 },
    storageState,
  });
}

/** The demo user of `role` (packages/dev-backend/demo/users.csv). */
export function demoUser(role: string) {
  const user = readDemoUsers().find((u) => u.role === role);
  if (!user) throw new Error(`No demo user with role ${role}`);
  return user;
}

/**
 * Signs the context in as the demo user of `role` (or as `user` itself, e.g. admin) at HD Manhiça through
 * the REST session, as the login page would: for specs that test what comes after logging in.
 */
export async function signIn(
  context: BrowserContext,
  origin: string,
  role: string | { username: string; password: string },
): Promise<void> {
  const user = typeof role === 'string' ? demoUser(role) : role;
  const basic = Buffer.from(`${user.username}:${user.password}`).toString('base64');
  const response = await context.request.post(`${origin}/openmrs/ws/rest/v1/session`, {
    headers: { Authorization: `Basic ${basic}` },
    data: { sessionLocation: HD_MANHICA.uuid },
  });
  if (!response.ok()) throw new Error(`Signing in as ${user.username}: ${response.status()}`);
}

/**
 * Failures a real OpenMRS with our distro gives the published apps too, so they are not the dev
 * backend's: each with why.
 */
const EXPECTED_FAILURES: { call: RegExp; why: string }[] = [
  {
    call: /^GET \/openmrs\/ws\/idart\/errors → 404$/,
    why: "the iDART bridge runs only where the pharmacy dispenses in iDART (compose profile idart); the e2e stack has none, so the gateway sends its path to the backend, and Farmácia's error-queue panel finds no bridge and stays hidden",
  },
  {
    call: /^GET \/openmrs\/ws\/rest\/v1\/emrapi\/configuration\?.* → 404$/,
    why: 'the visit form asks for emrapi settings whether or not emrapi is installed; the distro leaves emrapi out (distro.properties) and visits start without them',
  },
];

/** Whether a failed call (`GET /path?query → 404`) is one a real OpenMRS with our distro gives too. */
export const isExpectedFailure = (call: string) => EXPECTED_FAILURES.some((expected) => expected.call.test(call));

/** What went wrong while a page was used: backend calls answered >= 400, errors the apps did not catch. */
export interface Problems {
  failedCalls: string[];
  /** Errors the apps did not catch, and what the gateway's Content-Security-Policy blocked. */
  uncaught: string[];
  /** console.error lines: printed, not asserted (the framework logs config-schema races there). */
  consoleErrors: string[];
}

export function watchProblems(page: Page, problems: Problems = { failedCalls: [], uncaught: [], consoleErrors: [] }) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const line = message.text().split('\n')[0].slice(0, 300);
    // What the gateway's Content-Security-Policy blocked: code of an app that did not run.
    if (/Content Security Policy/.test(line)) problems.uncaught.push(line);
    else problems.consoleErrors.push(line.slice(0, 200));
  });
  page.on('pageerror', (error) => problems.uncaught.push(error.message.slice(0, 200)));
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!/^\/openmrs\/(ws|module)\//.test(url.pathname) || response.status() < 400) return;
    const call = `${response.request().method()} ${url.pathname}${url.search} → ${response.status()}`;
    if (!isExpectedFailure(call)) problems.failedCalls.push(call);
  });
  return problems;
}

export function listLines(lines: string[]): string {
  return lines.length ? `\n  ${[...new Set(lines)].join('\n  ')}` : 'none';
}

/**
 * Types an ISO date (`YYYY-MM-DD`) into the framework's date picker of id `id`, segment by segment as
 * a user would, whatever order the locale shows them in (day, month, year in Portuguese).
 */
export async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  for (const [segment, value] of [
    ['day', day],
    ['month', month],
    ['year', year],
  ]) {
    await page.locator(`#${id} [data-type="${segment}"]`).pressSequentially(value);
  }
}

/** The ISO date (`YYYY-MM-DD`) the framework's date picker of id `id` shows, read segment by segment. */
export async function readDate(page: Page, id: string): Promise<string> {
  const segment = async (type: string) =>
    ((await page.locator(`#${id} [data-type="${type}"]`).textContent()) ?? '').trim();
  const [day, month, year] = await Promise.all(['day', 'month', 'year'].map(segment));
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
