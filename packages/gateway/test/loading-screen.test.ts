import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addLoadingScreen } from '../src';

// The app shell's index.html as `openmrs build` writes it (shortened): its stylesheet in <head>, its
// code and the inline initializeSpa() call (allowed by a hash in the gateway's policy) in <body>.
const SHELL =
  '<!doctype html><html lang="pt"><head><meta charset="utf-8"><title>POC EMR</title>' +
  '<link rel="stylesheet" href="/openmrs/spa/openmrs.596fb10593f5a80d.css">' +
  '<script type="systemjs-importmap" src="/openmrs/spa/importmap.json"></script></head>' +
  '<body><script src="/openmrs/spa/openmrs.980988a99d9023f8.js"></script><div id="omrs-apps-container"></div>' +
  '<script>initializeSpa({ apiUrl: "/openmrs" });</script></body></html>';

let dir: string;
const html = () => fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const inlineScripts = (text: string) =>
  [...text.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([^<]*)<\/script>/g)].map((m) => m[1]);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loading-screen-'));
  fs.writeFileSync(path.join(dir, 'index.html'), SHELL);
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the Portuguese message comes first in <body>, before the app shell code; the stylesheet stays in <head>', () => {
  const { script } = addLoadingScreen(dir);
  const page = html();
  const at = (text: string) => page.indexOf(text);
  // In <body> it would follow, and override, the styles the apps add to <head>.
  expect(at('<link rel="stylesheet" href="/openmrs/spa/openmrs.596fb10593f5a80d.css">')).toBeLessThan(at('</head>'));
  expect(at('A carregar o sistema')).toBeGreaterThan(at('<body>'));
  expect(at('A carregar o sistema')).toBeLessThan(at('/openmrs/spa/openmrs.980988a99d9023f8.js'));
  // Its progress is a file of the SPA under a content hash (immutable in the gateway's cache), not inline.
  expect(script).toMatch(/^poc-loading\.[0-9a-f]{16}\.js$/);
  expect(page).toContain(`<script src="/openmrs/spa/${script}" async></script>`);
  expect(fs.readFileSync(path.join(dir, script), 'utf8')).toContain('KB recebidos');
  expect(inlineScripts(page)).toEqual(inlineScripts(SHELL));
  expect(fs.existsSync(path.join(dir, 'index.html.br'))).toBe(true);
});

test('a second run leaves one message, one stylesheet and one script', () => {
  const first = addLoadingScreen(dir);
  const once = html();
  expect(addLoadingScreen(dir)).toEqual(first);
  expect(html()).toBe(once);
  expect(once.match(/id="poc-loading"/g)).toHaveLength(1);
  expect(once.match(/rel="stylesheet"/g)).toHaveLength(1);
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('poc-loading.') && f.endsWith('.js'))).toEqual([first.script]);
});

test('a page built when the message carried the stylesheet gets it back in <head>', () => {
  const css = '<link rel="stylesheet" href="/openmrs/spa/openmrs.596fb10593f5a80d.css">';
  const old = SHELL.replace(css, '').replace(
    '<body>',
    `<body><!-- poc-emr loading --><div id="poc-loading"></div>${css}<!-- /poc-emr loading -->`,
  );
  fs.writeFileSync(path.join(dir, 'index.html'), old);
  addLoadingScreen(dir);
  expect(html().indexOf(css)).toBeLessThan(html().indexOf('</head>'));
  expect(html().match(/rel="stylesheet"/g)).toHaveLength(1);
});

test('an index.html that is not the app shell is refused', () => {
  fs.writeFileSync(path.join(dir, 'index.html'), '<html><body>x</body></html>');
  expect(() => addLoadingScreen(dir)).toThrow(/no app shell stylesheet/);
});
