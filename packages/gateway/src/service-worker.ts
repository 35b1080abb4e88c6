import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { precompressFile } from './compression';
import { spaPathOf, writeHashedScript } from './shell-page';

// The SPA's service worker (assets/sw.js: what it keeps and when, and why not the O3 shell's offline mode)
// and the script that registers it, added to a built SPA as the last step: the worker's cache is named
// after the build (index.html and the import map), so that every build installs a worker of its own.

const ASSETS = path.resolve(__dirname, '..', 'assets');
export const SERVICE_WORKER_SOURCES = [path.join(ASSETS, 'sw.js'), path.join(ASSETS, 'offline.js')];
/** Not content-hashed: a worker is found again at the URL it was registered from. */
export const SERVICE_WORKER = 'poc-sw.js';
const START = '<!-- poc-emr offline -->';
const END = '<!-- /poc-emr offline -->';

/**
 * Puts poc-sw.js and its registration (poc-offline.<hash>.js, loaded at the end of index.html) into the
 * built SPA in `spaDir`. Idempotent; run again after anything changes index.html or the import map.
 */
export function addServiceWorker(spaDir: string): { build: string; script: string } {
  const file = path.join(spaDir, 'index.html');
  let html = fs.readFileSync(file, 'utf8');
  const previous = html.indexOf(START);
  if (previous >= 0) html = html.slice(0, previous) + html.slice(html.indexOf(END) + END.length);
  const spaPath = spaPathOf(html, file);
  if (!html.includes('</body>')) throw new Error(`${file}: no </body> to put the service worker's script before`);
  const worker = fs.readFileSync(path.join(ASSETS, 'sw.js'), 'utf8');
  if (!worker.includes("'BUILD_ID'")) throw new Error('assets/sw.js: no BUILD_ID to name its cache by');

  const script = writeHashedScript(spaDir, 'poc-offline', fs.readFileSync(path.join(ASSETS, 'offline.js')));
  html = html.replace('</body>', `${START}<script src="${spaPath}/${script}" async></script>${END}</body>`);
  const importmap = path.join(spaDir, 'importmap.json');
  const build = crypto
    .createHash('sha256')
    .update(html)
    .update(fs.existsSync(importmap) ? fs.readFileSync(importmap) : '')
    .digest('hex')
    .slice(0, 12);
  fs.writeFileSync(path.join(spaDir, SERVICE_WORKER), worker.replace("'BUILD_ID'", `'${build}'`));
  fs.writeFileSync(file, html);
  for (const f of [SERVICE_WORKER, 'index.html']) precompressFile(path.join(spaDir, f));
  return { build, script };
}
