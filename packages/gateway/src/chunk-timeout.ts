import fs from 'node:fs';
import path from 'node:path';
import { precompressFile } from './compression';

/**
 * How long an app may take to download one chunk of its code. Webpack and rspack compile 120 s into the
 * runtime of every app (`output.chunkLoadTimeout`) and then fail with ChunkLoadError. At 10 KB/s the
 * chunks a chart opens share the link and the last ones take longer than that (docs/benchmarks.md);
 * ten minutes cover the code of any page at that speed. A link that drops fails the download at once
 * whatever the timeout (the script's error event), so only a slow link ever waits this long.
 */
export const CHUNK_LOAD_TIMEOUT_MS = 600_000;

/** The runtime's chunk timer, as both bundlers minify it: `setTimeout(f.bind(null,void 0,{type:"timeout",target:a}),12e4)`. */
const TIMER = /(\.bind\(null,void 0,\{type:"timeout",target:[A-Za-z_$][\w$]*\}\),)(12e4|120000)\)/g;

/**
 * Rewrites the chunk timeout in the runtime of every script of an assembled SPA (the app shell and each
 * app: published or ours) to CHUNK_LOAD_TIMEOUT_MS, and precompresses what it changed. Idempotent.
 * Returns the scripts changed.
 */
export function lengthenChunkTimeouts(spaDir: string): string[] {
  const changed: string[] = [];
  for (const entry of fs.readdirSync(spaDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('type:"timeout"')) continue;
    const rewritten = text.replace(TIMER, (_, timer: string) => `${timer}${CHUNK_LOAD_TIMEOUT_MS})`);
    if (/type:"timeout"[^)]{0,40}\),(12e4|120000)\)/.test(rewritten))
      throw new Error(`${file}: a chunk timer this build does not recognise; update TIMER in chunk-timeout.ts`);
    if (rewritten === text) continue;
    fs.writeFileSync(file, rewritten);
    if (fs.existsSync(`${file}.br`) || fs.existsSync(`${file}.gz`)) precompressFile(file);
    changed.push(path.relative(spaDir, file));
  }
  return changed;
}
