import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { negotiate } from './compression';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * A content hash in the file name (`318b9eb52515f219.js`, `openmrs.596fb10593f5a80d.css`) or a
 * versioned module folder (`openmrs-esm-login-app-10.0.0/`): such a URL never changes content.
 */
const IMMUTABLE = /((^|[/.-])[0-9a-f]{8,}\.[a-z0-9.]+$)|(-\d+\.\d+\.\d+[^/]*\/)/;

/**
 * Serves the assembled SPA from `root` under `base` (e.g. /openmrs/spa/): precompressed .br/.gz
 * siblings when the client accepts them, a year of caching for hashed or versioned assets,
 * revalidation (ETag) for the rest, and index.html for any path that is not a file (client routes).
 */
export function serveStatic(root: string, base: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://gateway');
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname.slice(base.length));
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.join(root, relative);
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(404).end();
    return;
  }
  if (!isFile(file)) file = path.join(root, 'index.html');
  if (!isFile(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('The SPA is not built: run npm run demo');
    return;
  }
  const stat = fs.statSync(file);
  const etag = `"${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': IMMUTABLE.test(path.relative(root, file)) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
    Vary: 'Accept-Encoding',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const encoding = negotiate(req.headers['accept-encoding'], (e) => isFile(`${file}.${e === 'gzip' ? 'gz' : 'br'}`));
  const body = encoding ? `${file}.${encoding === 'gzip' ? 'gz' : 'br'}` : file;
  if (encoding) headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = String(fs.statSync(body).size);
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(body).pipe(res);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
