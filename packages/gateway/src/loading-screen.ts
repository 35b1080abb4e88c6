import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { precompressFile } from './compression';

// A Portuguese loading message painted from the first bytes of index.html. The app shell's index.html
// links its stylesheet (136 KB brotli) in <head>, which keeps the page blank until it has arrived, then
// runs its code (another ~500 KB): at 10 KB/s over a minute of grey screen. Here the message, its style
// and a spinner come first in <body>, the stylesheet right after them (Chromium paints what precedes a
// stylesheet in <body>), and a small file of our own shows the seconds and kilobytes so far. Nothing is
// inline but the style, which the gateway's Content-Security-Policy allows: no script hash changes.

export const LOADING_SCRIPT = path.resolve(__dirname, '..', 'assets', 'loading.js');
const START = '<!-- poc-emr loading -->';
const END = '<!-- /poc-emr loading -->';

const STYLE =
  '#poc-loading{font-family:sans-serif;color:#161616;text-align:center;padding:4rem 1rem}' +
  '#poc-loading p{margin:.5rem 0}#poc-loading-progress{color:#525252;font-variant-numeric:tabular-nums}' +
  '.poc-loading-spinner{width:2.5rem;height:2.5rem;margin:0 auto 1.5rem;border:4px solid #c6c6c6;' +
  'border-top-color:#005d5d;border-radius:50%;animation:poc-spin 1s linear infinite}' +
  '@keyframes poc-spin{to{transform:rotate(360deg)}}';

function block(spaPath: string, script: string, stylesheet: string): string {
  return [
    START,
    `<style>${STYLE}</style>`,
    '<div id="poc-loading" role="status" aria-live="polite"><div class="poc-loading-spinner"></div>',
    '<p><strong>A carregar o sistema…</strong></p>',
    '<p>Numa ligação lenta a primeira abertura demora alguns minutos; as seguintes são rápidas.</p>',
    '<p id="poc-loading-progress"></p></div>',
    `<script src="${spaPath}/${script}" async></script>`,
    stylesheet,
    END,
  ].join('');
}

/**
 * Puts the loading message into `spaDir`'s index.html (the app shell's) and its script next to it, under
 * a content-hashed name (cached as immutable by the gateway). Idempotent: a second run replaces the first.
 */
export function addLoadingScreen(spaDir: string): { script: string } {
  const file = path.join(spaDir, 'index.html');
  const source = fs.readFileSync(LOADING_SCRIPT);
  const script = `poc-loading.${crypto.createHash('sha256').update(source).digest('hex').slice(0, 16)}.js`;
  let html = fs.readFileSync(file, 'utf8');
  const stylesheet = /<link rel="stylesheet" href="([^"]*)\/openmrs\.[0-9a-f]+\.css">/.exec(html);
  if (!stylesheet) throw new Error(`${file}: no app shell stylesheet (openmrs.<hash>.css) to move`);
  const spaPath = stylesheet[1];
  const previous = html.indexOf(START);
  if (previous >= 0) html = html.slice(0, previous) + html.slice(html.indexOf(END) + END.length);
  html = html.replace(stylesheet[0], '');
  if (!html.includes('<body>')) throw new Error(`${file}: no <body> to put the loading message in`);
  html = html.replace('<body>', `<body>${block(spaPath, script, stylesheet[0])}`);
  for (const old of fs
    .readdirSync(spaDir)
    .filter((f) => /^poc-loading\.[0-9a-f]+\.js/.test(f) && !f.startsWith(script))) {
    fs.rmSync(path.join(spaDir, old));
  }
  fs.writeFileSync(path.join(spaDir, script), source);
  precompressFile(path.join(spaDir, script));
  fs.writeFileSync(file, html);
  precompressFile(file);
  return { script };
}
