import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addServiceWorker, SERVICE_WORKER } from '../src';

// The app shell's index.html as `openmrs build` writes it (shortened).
const SHELL =
  '<!doctype html><html lang="pt"><head><link rel="stylesheet" href="/openmrs/spa/openmrs.596fb10593f5a80d.css">' +
  '</head><body><script src="/openmrs/spa/openmrs.980988a99d9023f8.js"></script>' +
  '<script>initializeSpa({ apiUrl: "/openmrs" });</script></body></html>';

let dir: string;
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-worker-'));
  write('index.html', SHELL);
  write(
    'importmap.json',
    JSON.stringify({ imports: { '@openmrs/esm-login-app': './openmrs-esm-login-app-10.0.0/x.js' } }),
  );
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('registers the worker from a script file at the end of the page; the worker names its cache after the build', () => {
  const { build, script } = addServiceWorker(dir);
  expect(script).toMatch(/^poc-offline\.[0-9a-f]{16}\.js$/);
  const page = read('index.html');
  // A file of the SPA (allowed by the gateway's script-src 'self'), not an inline script: no new CSP hash.
  const tag = page.indexOf(`<script src="/openmrs/spa/${script}" async></script>`);
  expect(tag).toBeGreaterThan(page.indexOf('initializeSpa'));
  expect(tag).toBeLessThan(page.indexOf('</body>'));
  expect(read(script)).toContain("register(base + 'poc-sw.js'");
  expect(read(SERVICE_WORKER)).toContain(`var CACHE = 'poc-emr-spa-' + '${build}';`);
  expect(read(SERVICE_WORKER)).not.toContain('BUILD_ID');
  expect(fs.existsSync(path.join(dir, `${SERVICE_WORKER}.br`))).toBe(true);
});

test('a second run changes nothing; a new import map or page is a new build, with one registration script', () => {
  const first = addServiceWorker(dir);
  const page = read('index.html');
  expect(addServiceWorker(dir)).toEqual(first);
  expect(read('index.html')).toBe(page);

  write(
    'importmap.json',
    JSON.stringify({ imports: { '@openmrs/esm-login-app': './openmrs-esm-login-app-10.0.1/x.js' } }),
  );
  const upgraded = addServiceWorker(dir);
  expect(upgraded.build).not.toBe(first.build);
  expect(read('index.html').match(/poc-offline\./g)).toHaveLength(1);
  expect(fs.readdirSync(dir).filter((f) => /^poc-offline\..*\.js$/.test(f))).toEqual([first.script]);
});

test('refuses a page that is not the app shell', () => {
  write('index.html', '<html><body>elsewhere</body></html>');
  expect(() => addServiceWorker(dir)).toThrow(/no app shell stylesheet/);
});
