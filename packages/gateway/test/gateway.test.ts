import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createGateway, negotiate, precompress } from '../src';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(
  port: number,
  urlPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('gateway', () => {
  const spa = fs.mkdtempSync(path.join(os.tmpdir(), 'spa-'));
  const asset = 'console.log("openmrs");\n'.repeat(200);
  let backend: http.Server;
  let gateway: http.Server;
  let port: number;
  let backendPort: number;

  beforeAll(async () => {
    fs.writeFileSync(path.join(spa, 'index.html'), '<html><body>O3</body></html>');
    fs.writeFileSync(path.join(spa, 'openmrs.3f9a2c1b.js'), asset);
    fs.writeFileSync(path.join(spa, '318b9eb52515f219.js'), asset);
    fs.writeFileSync(
      path.join(spa, 'importmap.json'),
      JSON.stringify({ imports: { '@openmrs/esm-login-app': './x.js' } }).padEnd(2048),
    );
    precompress(spa);
    backend = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(req.url!.includes('missing') ? 404 : 200, {
          'Content-Type': 'application/json',
          'Set-Cookie': 'JSESSIONID=abc; Path=/openmrs',
        });
        res.end(
          JSON.stringify({
            url: req.url,
            method: req.method,
            cookie: req.headers.cookie ?? null,
            body,
            padding: 'x'.repeat(2000),
          }),
        );
      });
    });
    backendPort = await listen(backend);
    gateway = createGateway({ spaDir: spa, backend: `http://127.0.0.1:${backendPort}` });
    port = await listen(gateway);
  });
  afterAll(() => {
    gateway.close();
    backend.close();
    fs.rmSync(spa, { recursive: true, force: true });
  });

  it('sends the root to the SPA', async () => {
    const r = await request(port, '/');
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/openmrs/spa/');
  });

  it('answers client routes with index.html, to be revalidated', async () => {
    const r = await request(port, '/openmrs/spa/patient/abc/chart');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('O3');
    expect(r.headers['cache-control']).toBe('no-cache');
    const again = await request(port, '/openmrs/spa/login', { 'If-None-Match': String(r.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('serves hashed assets precompressed, brotli first, cached for a year', async () => {
    const br = await request(port, '/openmrs/spa/openmrs.3f9a2c1b.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(asset.length / 10);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(asset);
    const gz = await request(port, '/openmrs/spa/openmrs.3f9a2c1b.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(asset);
    const plain = await request(port, '/openmrs/spa/openmrs.3f9a2c1b.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(asset);
    expect(plain.headers['content-type']).toMatch(/^application\/javascript/);
  });

  it('caches bare-hash chunks for a year but revalidates the import map', async () => {
    expect((await request(port, '/openmrs/spa/318b9eb52515f219.js')).headers['cache-control']).toContain('immutable');
    expect((await request(port, '/openmrs/spa/importmap.json')).headers['cache-control']).toBe('no-cache');
  });

  it('never serves files outside the SPA folder', async () => {
    const r = await request(port, '/openmrs/spa/..%2f..%2f..%2fetc%2fpasswd');
    expect(r.status).toBe(404);
    expect(r.body.toString()).not.toContain('root:');
  });

  it('proxies the backend with method, body, cookies and status, compressing JSON', async () => {
    const r = await request(
      port,
      '/openmrs/ws/rest/v1/session?v=full',
      { Cookie: 'JSESSIONID=xyz', 'Accept-Encoding': 'br', 'Content-Type': 'application/json' },
      'POST',
      '{"locale":"pt"}',
    );
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['set-cookie']).toEqual(['JSESSIONID=abc; Path=/openmrs']);
    const echoed = JSON.parse(zlib.brotliDecompressSync(r.body).toString());
    expect(echoed).toMatchObject({
      url: '/openmrs/ws/rest/v1/session?v=full',
      method: 'POST',
      cookie: 'JSESSIONID=xyz',
      body: '{"locale":"pt"}',
    });
    const missing = await request(port, '/openmrs/ws/rest/v1/missing');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
  });

  it('routes /openmrs/ws/poc-emr/ to the report service, the cookie with it, and the rest to the backend', async () => {
    const service = http.createServer((req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ service: 'reports', url: req.url, cookie: req.headers.cookie })),
    );
    const servicePort = await listen(service);
    const both = createGateway({
      spaDir: spa,
      backend: `http://127.0.0.1:${backendPort}`,
      reportService: `http://127.0.0.1:${servicePort}`,
    });
    const bothPort = await listen(both);
    const reports = await request(bothPort, '/openmrs/ws/poc-emr/runs?report=mer', { Cookie: 'JSESSIONID=xyz' });
    const rest = await request(bothPort, '/openmrs/ws/rest/v1/session');
    const down = createGateway({
      spaDir: spa,
      backend: `http://127.0.0.1:${backendPort}`,
      reportService: 'http://127.0.0.1:9',
    });
    const downPort = await listen(down);
    const unreachable = await request(downPort, '/openmrs/ws/poc-emr/health');
    for (const s of [both, service, down]) s.close();
    expect(JSON.parse(reports.body.toString())).toEqual({
      service: 'reports',
      url: '/openmrs/ws/poc-emr/runs?report=mer',
      cookie: 'JSESSIONID=xyz',
    });
    expect(JSON.parse(rest.body.toString()).url).toBe('/openmrs/ws/rest/v1/session');
    expect(unreachable.status).toBe(502);
    expect(JSON.parse(unreachable.body.toString()).error.message).toMatch(/report service is not reachable/);
  });

  it('answers 502 in the OpenMRS error shape when the backend is down', async () => {
    const down = createGateway({ spaDir: spa, backend: 'http://127.0.0.1:9' });
    const downPort = await listen(down);
    const r = await request(downPort, '/openmrs/ws/rest/v1/session');
    down.close();
    expect(r.status).toBe(502);
    expect(JSON.parse(r.body.toString()).error.message).toMatch(/not reachable/);
  });
});

describe('negotiate', () => {
  it('prefers brotli, honours q=0 and what is available', () => {
    expect(negotiate('gzip, br')).toBe('br');
    expect(negotiate('gzip, br;q=0')).toBe('gzip');
    expect(negotiate('identity')).toBeUndefined();
    expect(negotiate(undefined)).toBeUndefined();
    expect(negotiate('*')).toBe('br');
    expect(negotiate('br, gzip', (e) => e === 'gzip')).toBe('gzip');
  });
});
