import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Writes `<file>.gz` and `<file>.br` next to a file worth compressing; returns the three sizes. */
export function precompressFile(file: string): { raw: number; gzip: number; brotli: number } | undefined {
  const raw = fs.readFileSync(file);
  if (raw.length < 1024) {
    fs.rmSync(`${file}.gz`, { force: true });
    fs.rmSync(`${file}.br`, { force: true });
    return undefined;
  }
  const gz = zlib.gzipSync(raw, { level: 9 });
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } });
  fs.writeFileSync(`${file}.gz`, gz);
  fs.writeFileSync(`${file}.br`, br);
  return { raw: raw.length, gzip: gz.length, brotli: br.length };
}

/**
 * Writes .br and .gz siblings of every compressible file over 1 KiB under `dir`, at the highest
 * levels: done once per build, so every later download of the SPA is as small as it can be.
 */
export function precompress(dir: string): { files: number; raw: number; gzip: number; brotli: number } {
  const totals = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(js|mjs|css|html|json|map|svg|txt|webmanifest)$/.test(entry.name)) continue;
    const sizes = precompressFile(path.join(entry.parentPath, entry.name));
    if (!sizes) continue;
    totals.files++;
    totals.raw += sizes.raw;
    totals.gzip += sizes.gzip;
    totals.brotli += sizes.brotli;
  }
  return totals;
}
