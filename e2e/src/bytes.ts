import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RequestRecord } from './network';

// Where a journey's bytes go: each request of the page attributed to the O3 app that serves it (the
// assembled SPA keeps each app in its own folder, `openmrs-esm-<name>-app-<version>/`), the app shell, or
// the backend; what module federation shared between the apps (one version of each library, or several);
// and which extensions are on screen in which slot. Printed by `npm run bench:bytes`.

/** What a request belongs to: an app's folder, the app shell (the files at the SPA's root), or a backend. */
export function owner(url: string): string {
  const { pathname } = new URL(url);
  const spa = /^\/openmrs\/spa\/(.*)$/.exec(pathname);
  if (!spa) return pathname.startsWith('/openmrs/ws/') ? 'backend calls' : 'other';
  const [first, ...rest] = spa[1].split('/');
  if (rest.length === 0) return /\.(js|css)$/.test(first) ? 'app shell: code' : 'app shell: index, maps, config';
  return first === 'fonts' ? 'app shell: fonts' : first;
}

export interface Share {
  owner: string;
  requests: number;
  bytes: number;
  /** The owner's files, largest first, with their bytes on the wire. */
  files: { path: string; bytes: number }[];
}

/** The requests grouped by owner, largest share first. */
export function byOwner(records: RequestRecord[]): Share[] {
  const shares = new Map<string, Share>();
  for (const r of records) {
    const key = owner(r.url);
    const share = shares.get(key) ?? { owner: key, requests: 0, bytes: 0, files: [] };
    share.requests += 1;
    share.bytes += r.encodedBytes;
    share.files.push({ path: new URL(r.url).pathname.replace(/^\/openmrs\/spa\//, ''), bytes: r.encodedBytes });
    shares.set(key, share);
  }
  for (const share of shares.values()) share.files.sort((a, b) => b.bytes - a.bytes);
  return [...shares.values()].sort((a, b) => b.bytes - a.bytes);
}

/** A library in module federation's share scope: each version some app offers, and who it came from. */
export interface SharedModule {
  name: string;
  versions: { version: string; from: string; loaded: boolean }[];
}

/**
 * The share scope as the module federation runtime keeps it in the page (`__FEDERATION__.__SHARE__`:
 * per host, per scope, per library, per version the app that registered it and whether it was loaded).
 */
export function sharedModules(page: Page): Promise<SharedModule[]> {
  return page.evaluate(() => {
    type Entry = { from?: string; loaded?: boolean; loading?: unknown; lib?: unknown };
    const share = (globalThis as { __FEDERATION__?: { __SHARE__?: Record<string, unknown> } }).__FEDERATION__
      ?.__SHARE__;
    const modules = new Map<string, Map<string, { version: string; from: string; loaded: boolean }>>();
    for (const scopes of Object.values(share ?? {}))
      for (const libraries of Object.values(scopes as Record<string, Record<string, Record<string, Entry>>>))
        for (const [name, versions] of Object.entries(libraries))
          for (const [version, entry] of Object.entries(versions)) {
            const seen = modules.get(name) ?? new Map();
            const loaded = Boolean(entry.loaded || entry.lib) || Boolean(seen.get(version)?.loaded);
            seen.set(version, { version, from: entry.from ?? '?', loaded });
            modules.set(name, seen);
          }
    return [...modules].map(([name, versions]) => ({ name, versions: [...versions.values()] }));
  });
}

/** The extensions on screen, by slot, as the framework marks them in the DOM. */
export function mountedExtensions(page: Page): Promise<{ slot: string; extensions: string[] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-extension-slot-name]')].map((slot) => ({
      slot: slot.getAttribute('data-extension-slot-name') ?? '',
      extensions: [...slot.querySelectorAll('[data-extension-id]')]
        .filter((e) => e.closest('[data-extension-slot-name]') === slot)
        .map((e) => e.getAttribute('data-extension-id') ?? ''),
    })),
  );
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The generated columns of a source map, per line, with the source each segment comes from. */
function segments(mappings: string): { column: number; source: number }[][] {
  let source = 0;
  return mappings.split(';').map((line) => {
    let column = 0;
    const out: { column: number; source: number }[] = [];
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
          continue;
        }
        fields.push(value & 1 ? -(value >> 1) : value >> 1);
        value = 0;
        shift = 0;
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      out.push({ column, source: fields.length > 1 ? source : -1 });
    }
    return out;
  });
}

/** The npm package a bundled source comes from, or the app's own code. */
function packageOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return match ? match[1] : '(the app’s own code)';
}

/**
 * What a script is made of, by npm package, from its source map (`<file>.map` next to it): each
 * package's share of the generated code, applied to the bytes the script cost on the wire.
 */
export function packagesOf(file: string, wireBytes: number): Map<string, number> {
  const shares = new Map<string, number>();
  if (!fs.existsSync(`${file}.map`)) return shares;
  const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const chars = new Map<string, number>();
  segments(map.mappings).forEach((line, i) => {
    line.forEach((s, j) => {
      const end = j + 1 < line.length ? line[j + 1].column : (lines[i]?.length ?? s.column);
      const name = s.source < 0 ? '(runtime)' : packageOf(map.sources[s.source] ?? '');
      chars.set(name, (chars.get(name) ?? 0) + end - s.column);
    });
  });
  const total = [...chars.values()].reduce((sum, n) => sum + n, 0) || 1;
  for (const [name, n] of chars) shares.set(name, (wireBytes * n) / total);
  return shares;
}

/** A library bundled into the scripts a journey downloaded: in which apps' files, and its share of their bytes. */
export interface Bundled {
  library: string;
  owners: string[];
  bytes: number;
}

/** The libraries inside the scripts of `records` served from `spaDir`, largest first. */
export function bundledLibraries(records: RequestRecord[], spaDir: string): Bundled[] {
  const libraries = new Map<string, { owners: Set<string>; bytes: number }>();
  for (const r of records) {
    if (r.type !== 'Script' || owner(r.url).startsWith('backend')) continue;
    const relative = decodeURIComponent(new URL(r.url).pathname.replace(/^\/openmrs\/spa\//, ''));
    for (const [library, bytes] of packagesOf(path.join(spaDir, relative), r.encodedBytes)) {
      const entry = libraries.get(library) ?? { owners: new Set<string>(), bytes: 0 };
      entry.owners.add(owner(r.url));
      entry.bytes += bytes;
      libraries.set(library, entry);
    }
  }
  return [...libraries]
    .map(([library, { owners, bytes }]) => ({ library, owners: [...owners].sort(), bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}
