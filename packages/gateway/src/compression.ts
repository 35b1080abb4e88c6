import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Text types worth compressing, as the production nginx lists them (gzip_types / brotli_types). */
export const COMPRESSIBLE =
  /^(text\/|application\/(json|javascript|fhir\+json|importmap\+json|manifest\+json|xml)|image\/svg\+xml)/;

/** The best encoding the client accepts (brotli first), among those `available` says we can send. */
export function negotiate(
  acceptEncoding: string | undefined,
  available: (e: Encoding) => boolean = () => true,
): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  for (const e of ['br', 'gzip'] as const) {
    if ((accepted.get(e) ?? accepted.get('*') ?? 0) > 0 && available(e)) return e;
  }
  return undefined;
}

/** A streaming compressor for proxied responses: moderate levels, like nginx's defaults. */
export function compressor(encoding: Encoding): zlib.BrotliCompress | zlib.Gzip {
  return encoding === 'br'
    ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
    : zlib.createGzip({ level: 6 });
}

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
