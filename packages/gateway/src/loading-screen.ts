import fs from 'node:fs';
import path from 'node:path';
import { precompressFile } from './compression';
import { spaPathOf, writeHashedScript } from './shell-page';

// A Portuguese loading message painted as soon as the app shell's stylesheet has arrived (136 KB brotli),
// long before its code (another ~500 KB): at 10 KB/s, a message with progress after ~15 s instead of a
// minute of grey screen. The stylesheet stays in <head> where the shell puts it: moved into <body> (to paint
// before it) it would come after the styles the apps add to <head> and override them — the chart's
// patient actions menu then showed no items. A small file of our own shows the seconds and kilobytes so
// far. Nothing is inline but the style, which the gateway's Content-Security-Policy allows: no script
// hash changes.

export const LOADING_SCRIPT = path.resolve(__dirname, '..', 'assets', 'loading.js');
const START = '<!-- poc-emr loading -->';
const END = '<!-- /poc-emr loading -->';

const STYLE =
  '#poc-loading{font-family:sans-serif;color:#161616;text-align:center;padding:4rem 1rem}' +
  '#poc-loading p{margin:.5rem 0}#poc-loading-progress{color:#525252;font-variant-numeric:tabular-nums}' +
  '.poc-loading-spinner{width:2.5rem;height:2.5rem;margin:0 auto 1.5rem;border:4px solid #c6c6c6;' +
  'border-top-color:#005d5d;border-radius:50%;animation:poc-spin 1s linear infinite}' +
  '@keyframes poc-spin{to{transform:rotate(360deg)}}';

function block(spaPath: string, script: string): string {
  return [
    START,
    `<style>${STYLE}</style>`,
    '<div id="poc-loading" role="status" aria-live="polite"><div class="poc-loading-spinner"></div>',
    '<p><strong>A carregar o sistema…</strong></p>',
    '<p>Numa ligação lenta a primeira abertura demora alguns minutos; as seguintes são rápidas.</p>',
    '<p id="poc-loading-progress"></p></div>',
    `<script src="${spaPath}/${script}" async></script>`,
    END,
  ].join('');
}

/**
 * Puts the loading message into `spaDir`'s index.html (the app shell's) and its script next to it, under
 * a content-hashed name (cached as immutable by the gateway). Idempotent: a second run replaces the first.
 */
export function addLoadingScreen(spaDir: string): { script: string } {
  const file = path.join(spaDir, 'index.html');
  let html = fs.readFileSync(file, 'utf8');
  const previous = html.indexOf(START);
  if (previous >= 0) {
    const end = html.indexOf(END) + END.length;
    // An earlier version of this step moved the stylesheet into the message: back to <head> with it.
    const moved = /<link rel="stylesheet"[^>]*>/.exec(html.slice(previous, end));
    html = html.slice(0, previous) + html.slice(end);
    if (moved) html = html.replace('</head>', `${moved[0]}</head>`);
  }
  const spaPath = spaPathOf(html, file);
  if (!html.includes('<body>')) throw new Error(`${file}: no <body> to put the loading message in`);
  const script = writeHashedScript(spaDir, 'poc-loading', fs.readFileSync(LOADING_SCRIPT));
  html = html.replace('<body>', `<body>${block(spaPath, script)}`);
  fs.writeFileSync(file, html);
  precompressFile(file);
  return { script };
}
