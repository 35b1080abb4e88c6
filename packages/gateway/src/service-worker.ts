import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { precompressFile } from './compression';

// The SPA's service worker (assets/sw.js: what it keeps and when, and why not the O3 shell's offline mode)
// and the script that registers it, added to a built SPA as the last step: the worker's cache is named
// after the build (index.html and the import map), so that every build installs a worker of its own.

const ASSETS = path.resolve(__dirname, '..', 'assets');
export const SERVICE_WORKER_SOURCES = [path.join(ASSETS, 'sw.js'), path.join(ASSETS, 'offline.js')];
/** Not content-hashed: a worker is found again at the URL it was registered from. */
export const SERVICE_WORKER = 'poc-sw.js';
const START = '<!-- poc-emr offline -->';
const END = '<!-- /poc-emr offline -->';

const hashOf = (...parts: (string | Buffer)[]) =>
  parts.reduce((hash, part) => hash.update(part), crypto.createHash('sha256')).digest('hex');

/**
 * Puts poc-sw.js and its registration (poc-offline.<hash>.js, loaded at the end of index.html) into the
 * built SPA in `spaDir`. Idempotent; run again after anything changes index.html or the import map.
 */
export function addServiceWorker(spaDir: string): { build: string; script: string } {
  const file = path.join(spaDir, 'index.html');
  let html = fs.readFileSync(file, 'utf8');
  const previous = html.indexOf(START);
  if (previous >= 0) html = html.slice(0, previous) + html.slice(html.indexOf(END) + END.length);
  const stylesheet = /<link rel="stylesheet" href="([^"]*)\/openmrs\.[0-9a-f]+\.css">/.exec(html);
  if (!stylesheet) throw new Error(`${file}: no app shell stylesheet (openmrs.<hash>.css) to find the SPA path by`);
  if (!html.includes('</body>')) throw new Error(`${file}: no </body> to put the service worker's script before`);

  const registration = fs.readFileSync(path.join(ASSETS, 'offline.js'));
  const script = `poc-offline.${hashOf(registration).slice(0, 16)}.js`;
  html = html.replace('</body>', `${START}<script src="${stylesheet[1]}/${script}" async></script>${END}</body>`);
  const importmap = path.join(spaDir, 'importmap.json');
  const build = hashOf(html, fs.existsSync(importmap) ? fs.readFileSync(importmap) : '').slice(0, 12);
  const worker = fs.readFileSync(path.join(ASSETS, 'sw.js'), 'utf8');
  if (!worker.includes("'BUILD_ID'")) throw new Error('assets/sw.js: no BUILD_ID to name its cache by');

  for (const old of fs
    .readdirSync(spaDir)
    .filter((f) => /^poc-offline\.[0-9a-f]+\.js/.test(f) && !f.startsWith(script)))
    fs.rmSync(path.join(spaDir, old));
  fs.writeFileSync(path.join(spaDir, script), registration);
  fs.writeFileSync(path.join(spaDir, SERVICE_WORKER), worker.replace("'BUILD_ID'", `'${build}'`));
  fs.writeFileSync(file, html);
  for (const f of [script, SERVICE_WORKER, 'index.html']) precompressFile(path.join(spaDir, f));
  return { build, script };
}
