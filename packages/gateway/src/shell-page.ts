import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { precompressFile } from './compression';

// What the build steps that add to the app shell's index.html share: the SPA's path, read from the
// shell's own stylesheet link, and scripts of ours beside it under content-hashed names.

/** The path the SPA is served under (/openmrs/spa), from the shell's stylesheet link in `html`. */
export function spaPathOf(html: string, file: string): string {
  const stylesheet = /<link rel="stylesheet" href="([^"]*)\/openmrs\.[0-9a-f]+\.css">/.exec(html);
  if (!stylesheet) throw new Error(`${file}: no app shell stylesheet (openmrs.<hash>.css) beside it`);
  return stylesheet[1];
}

/**
 * Writes `source` into `spaDir` as <prefix>.<16 hex of its content>.js (cached as immutable by the
 * gateway), precompressed, and removes the earlier builds' files of that prefix. Returns its name.
 */
export function writeHashedScript(spaDir: string, prefix: string, source: Buffer): string {
  const script = `${prefix}.${crypto.createHash('sha256').update(source).digest('hex').slice(0, 16)}.js`;
  const earlier = new RegExp(`^${prefix.replace(/[.-]/g, '\\$&')}\\.[0-9a-f]+\\.js`);
  for (const old of fs.readdirSync(spaDir).filter((f) => earlier.test(f) && !f.startsWith(script))) {
    fs.rmSync(path.join(spaDir, old));
  }
  fs.writeFileSync(path.join(spaDir, script), source);
  precompressFile(path.join(spaDir, script));
  return script;
}
