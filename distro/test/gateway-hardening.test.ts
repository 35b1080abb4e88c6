import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { dataRoot } from '@poc-emr/db';
import { precompress, renderLocalConfig, startNginxGateway, type NginxGateway } from '@poc-emr/gateway';
import { DISTRO, read } from './lib';

// The distro's gateway (distro/gateway/nginx.conf and templates/) run for real on Debian's nginx 1.22
// in front of stand-ins of Tomcat, the report service and the iDART bridge that record what reaches them. Other loopback
// addresses (127.0.0.2…) act as clients from other machines.

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Call {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The client's source address: another machine */
  from?: string;
}

let gateway: NginxGateway;
let tomcat: http.Server;
let reports: http.Server;
let idart: http.Server;
const reached: string[] = [];
const dir = path.join(dataRoot(), 'gateway', `hardening-${process.pid}`);
const spa = path.join(dir, 'spa');
const shell = 'console.log("app shell");\n'.repeat(100);
const apiPadding = 'x'.repeat(4000);

function call(origin: string, c: Call): Promise<Answer> {
  const url = new URL(c.path, origin);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: c.method ?? 'GET',
        headers: c.headers,
        localAddress: c.from,
        ca: gateway.certificate.certificate,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(c.body);
  });
}
const get = (c: Call | string) => call(gateway.origin, typeof c === 'string' ? { path: c } : c);

function standIn(name: string): http.Server {
  return http.createServer((req, res) => {
    let size = 0;
    req.on('data', (chunk: Buffer) => (size += chunk.length));
    req.on('end', () => {
      reached.push(`${name} ${req.method} ${req.url}`);
      const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'application/json' };
      if (req.url!.startsWith('/openmrs/ws/rest/v1/session')) {
        headers['Set-Cookie'] = ['JSESSIONID=ABC123; Path=/openmrs', 'lang=pt; Path=/'];
      }
      res.writeHead(req.url!.includes('missing') ? 404 : 200, headers);
      res.end(JSON.stringify({ name, url: req.url, size, padding: apiPadding }));
    });
  });
}

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  fs.mkdirSync(path.join(spa, 'openmrs-esm-login-app-10.0.0'), { recursive: true });
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(spa, 'index.html'), `<!doctype html><html><body>O3 ${'.'.repeat(2000)}</body></html>`);
  fs.writeFileSync(path.join(spa, 'importmap.json'), JSON.stringify({ imports: {}, padding: apiPadding }));
  fs.writeFileSync(path.join(spa, 'openmrs.0a1b2c3d4e.js'), shell);
  fs.writeFileSync(path.join(spa, 'openmrs-esm-login-app-10.0.0', 'main.js'), shell);
  fs.mkdirSync(path.join(spa, 'esm-registration-app-0.1.0-0123456789ab'));
  fs.writeFileSync(path.join(spa, 'esm-registration-app-0.1.0-0123456789ab', 'main.js'), shell);
  fs.writeFileSync(path.join(spa, 'poc-sw.js'), '// the service worker');
  precompress(spa);
  tomcat = standIn('tomcat');
  reports = standIn('reports');
  idart = standIn('idart');
  // Only 127.0.0.1 may open the administration pages here, so that 127.0.0.2 is "another network".
  const adminAllow = path.join(dir, 'admin-allow.conf');
  fs.writeFileSync(adminAllow, 'allow 127.0.0.1;\ndeny all;\n');
  gateway = await startNginxGateway({
    spaDir: spa,
    backend: await listen(tomcat),
    reportService: await listen(reports),
    idartBridge: await listen(idart),
    adminAllow,
  });
});

afterAll(async () => {
  await gateway?.close();
  tomcat?.close();
  reports?.close();
  idart?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  const port = () => Number(new URL(gateway.origin).port);
  const handshake = (options: tls.ConnectionOptions) =>
    new Promise<tls.TLSSocket>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: port(), ca: gateway.certificate.certificate, ...options });
      socket.once('secureConnect', () => resolve(socket));
      socket.once('error', reject);
    });

  it('speaks TLS 1.3 with HTTP/2, on a certificate valid for 127.0.0.1 and localhost', async () => {
    const socket = await handshake({ ALPNProtocols: ['h2', 'http/1.1'] });
    expect(socket.authorized).toBe(true);
    expect(socket.getProtocol()).toBe('TLSv1.3');
    expect(socket.alpnProtocol).toBe('h2');
    expect(socket.getPeerCertificate().subjectaltname).toEqual(expect.stringContaining('IP Address:127.0.0.1'));
    expect(socket.getPeerCertificate().subjectaltname).toEqual(expect.stringContaining('DNS:localhost'));
    socket.destroy();
  });

  it('speaks TLS 1.2 with ECDHE and AEAD ciphers only, and resumes sessions', async () => {
    const first = await handshake({ maxVersion: 'TLSv1.2' });
    expect(first.getCipher()).toMatchObject({ name: 'ECDHE-ECDSA-AES128-GCM-SHA256', version: 'TLSv1.2' });
    const session = first.getSession();
    first.destroy();
    const second = await handshake({ maxVersion: 'TLSv1.2', session });
    expect(second.isSessionReused()).toBe(true);
    second.destroy();
    await expect(
      handshake({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA:AES128-GCM-SHA256' }),
    ).rejects.toThrow(/handshake failure/);
  });

  it('refuses TLS 1.1 and 1.0', async () => {
    const old = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;
    await expect(handshake(old)).rejects.toThrow(/alert protocol version/);
  });
});

describe('plain HTTP', () => {
  it('only redirects, permanently, to the same address over HTTPS, whatever the method', async () => {
    const before = reached.length;
    for (const method of ['GET', 'POST', 'HEAD']) {
      const r = await call(gateway.httpOrigin, { path: '/openmrs/ws/rest/v1/session?v=full', method });
      expect(r.status).toBe(301);
      expect(r.headers.location).toBe(`${gateway.origin}/openmrs/ws/rest/v1/session?v=full`);
    }
    expect(reached.length).toBe(before);
  });

  it('sent to the HTTPS port, is redirected there too', async () => {
    const r = await call(gateway.origin.replace('https:', 'http:'), { path: '/openmrs/spa/home' });
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe(`${gateway.origin}/openmrs/spa/home`);
  });
});

describe('security headers', () => {
  const paths = {
    'the app shell': '/openmrs/spa/home',
    'a hashed asset': '/openmrs/spa/openmrs.0a1b2c3d4e.js',
    'a REST answer': '/openmrs/ws/rest/v1/patient?q=x',
    'a backend 404': '/openmrs/ws/rest/v1/missing',
    'a gateway 404': '/openmrs/spa/missing.js',
    'a report service answer': '/openmrs/ws/poc-emr/reports',
    'a redirect of the gateway': '/',
  };

  it.each(Object.entries(paths))('are on %s', async (_what, p) => {
    const { headers } = await get(p);
    expect(headers['strict-transport-security']).toBe('max-age=31536000');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['permissions-policy']).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
    const csp = String(headers['content-security-policy']);
    expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const scripts = /script-src ([^;]*)/.exec(csp)![1];
    expect(scripts).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*|https?:|data:/);
  });

  it('gives the legacy JSP pages inline scripts but still no framing and no foreign origins', async () => {
    const csp = String((await get('/openmrs/admin/index.htm')).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/\*|https?:/);
  });

  it('are on an oversize body refused (413)', async () => {
    const r = await get({ path: '/openmrs/ws/rest/v1/patient', method: 'POST', body: Buffer.alloc(2 << 20) });
    expect(r.status).toBe(413);
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(r.headers['content-security-policy']).toBeDefined();
  });
});

describe('session cookies', () => {
  it('are Secure, HttpOnly and SameSite=Lax, whatever the upstream set', async () => {
    const r = await get({ path: '/openmrs/ws/rest/v1/session', headers: { Authorization: 'Basic YWRtaW46eA==' } });
    expect(r.status).toBe(200);
    expect(r.headers['set-cookie']).toEqual([
      'JSESSIONID=ABC123; Path=/openmrs; Secure; HttpOnly; SameSite=Lax',
      'lang=pt; Path=/; Secure; HttpOnly; SameSite=Lax',
    ]);
  });
});

describe('login throttling', () => {
  const login = (from: string, headers: Record<string, string> = { Authorization: 'Basic YWRtaW46eA==' }) =>
    get({ path: '/openmrs/ws/rest/v1/session', headers, from });

  it('lets a clinic morning through (30 at once), then answers 429 with Retry-After, per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await login('127.0.0.3')).status);
    expect(statuses.slice(0, 31)).toEqual(Array(31).fill(200));
    expect(statuses.slice(31)).toEqual(Array(4).fill(429));
    const refused = await login('127.0.0.3');
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(JSON.parse(refused.body.toString()).error.message).toMatch(/tentativas/);
    expect((await login('127.0.0.4')).status).toBe(200);
  });

  it('counts the legacy login form and password resets, not requests without a password', async () => {
    const form = (p: string) =>
      get({ path: p, method: 'POST', from: '127.0.0.5', body: 'uname=admin&pw=x' }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push(await form('/openmrs/loginServlet'));
    for (let i = 0; i < 16; i++) statuses.push(await form('/openmrs/ws/rest/v1/passwordreset'));
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    for (let i = 0; i < 40; i++) expect((await login('127.0.0.6', {})).status).toBe(200);
  });
});

describe('administration pages', () => {
  const admin = [
    '/openmrs/admin/index.htm',
    '/openmrs/admin/modules/module.list',
    '/openmrs//admin/index.htm',
    '/openmrs/%61dmin/index.htm',
    '/openmrs/./admin/index.htm',
    '/openmrs/spa/../admin/index.htm',
    '/openmrs/admin;x=y/index.htm',
    '/openmrs/ws/rest/v1;x/moduleaction',
    '/openmrs/initialsetup',
    '/openmrs/ws/rest/v1/moduleaction',
    '/openmrs/ws/rest/v1/taskaction',
    '/openmrs/ws/rest/v1/serverlog',
  ];

  it.each(admin)('%s: refused (403) from a network not in the allow-list, never reaching Tomcat', async (p) => {
    const before = reached.length;
    expect((await get({ path: p, from: '127.0.0.2' })).status).toBe(403);
    expect(reached.length).toBe(before);
  });

  it('are served from an allowed network, and the rest of the API from anywhere', async () => {
    expect((await get('/openmrs/admin/index.htm')).status).toBe(200);
    expect(reached.at(-1)).toBe('tomcat GET /openmrs/admin/index.htm');
    expect((await get({ path: '/openmrs/ws/rest/v1/patient?q=x', from: '127.0.0.2' })).status).toBe(200);
  });

  it('the health check answers loopback only', async () => {
    expect((await get('/health')).body.toString()).toBe('ok\n');
    expect((await get({ path: '/health', from: '127.0.0.2' })).status).toBe(403);
  });

  it('the shipped allow-list keeps private networks and loopback and denies everything else', () => {
    const rules = read('gateway/admin-allow.conf')
      .split('\n')
      .filter((l) => /^\s*(allow|deny)\b/.test(l))
      .map((l) => l.trim());
    expect(rules.at(-1)).toBe('deny all;');
    for (const net of ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']) {
      expect(rules).toContain(`allow ${net};`);
    }
    expect(rules.filter((r) => r.startsWith('allow') && !/^allow [0-9a-f.:/]+;$/.test(r))).toEqual([]);
  });
});

describe('routing, compression and caching', () => {
  it('routes the report service and iDART bridge paths to them and everything else under /openmrs to Tomcat', async () => {
    expect(JSON.parse((await get('/openmrs/ws/poc-emr/reports')).body.toString()).name).toBe('reports');
    const errors = await get({ path: '/openmrs/ws/idart/errors?nid=1', headers: { Cookie: 'JSESSIONID=xyz' } });
    expect(JSON.parse(errors.body.toString())).toMatchObject({ name: 'idart', url: '/openmrs/ws/idart/errors?nid=1' });
    expect(reached).toContain('idart GET /openmrs/ws/idart/errors?nid=1');
    expect(JSON.parse((await get('/openmrs/ws/fhir2/R4/Patient')).body.toString()).name).toBe('tomcat');
    expect((await get('/')).headers.location).toBe('/openmrs/spa/home');
  });

  it('compresses API JSON with brotli or gzip as the client accepts', async () => {
    const br = await get({ path: '/openmrs/ws/rest/v1/patient?q=x', headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString()).padding).toBe(apiPadding);
    const gz = await get({ path: '/openmrs/ws/rest/v1/patient?q=x', headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString()).padding).toBe(apiPadding);
    expect((await get('/openmrs/ws/rest/v1/patient?q=x')).headers['content-encoding']).toBeUndefined();
  });

  it('serves the SPA precompressed files (.br, .gz) as they are', async () => {
    const asset = '/openmrs/spa/openmrs.0a1b2c3d4e.js';
    const br = await get({ path: asset, headers: { 'Accept-Encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body).toEqual(fs.readFileSync(path.join(spa, 'openmrs.0a1b2c3d4e.js.br')));
    const gz = await get({ path: asset, headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.body).toEqual(fs.readFileSync(path.join(spa, 'openmrs.0a1b2c3d4e.js.gz')));
  });

  it('caches versioned and hashed SPA files for a year, revalidates the shell and import map', async () => {
    const cache = async (p: string) => (await get(p)).headers['cache-control'];
    const year = 'public, max-age=31536000, immutable';
    expect(await cache('/openmrs/spa/openmrs.0a1b2c3d4e.js')).toBe(year);
    expect(await cache('/openmrs/spa/openmrs-esm-login-app-10.0.0/main.js')).toBe(year);
    // Ours: the folder names the version and the content (packages/gateway/src/local-apps.ts).
    expect(await cache('/openmrs/spa/esm-registration-app-0.1.0-0123456789ab/main.js')).toBe(year);
    expect(await cache('/openmrs/spa/index.html')).toBe('no-cache');
    // The service worker is looked for again at its URL on every start: a new build's must be found.
    expect(await cache('/openmrs/spa/poc-sw.js')).toBe('no-cache');
    expect(await cache('/openmrs/spa/patient/1/chart')).toBe('no-cache');
    expect(await cache('/openmrs/spa/importmap.json')).toBe('no-cache');
    expect(await cache('/openmrs/ws/rest/v1/patient?q=x')).toBeUndefined();
  });
});

describe('an upstream that is down', () => {
  it('gets a 503 in the OpenMRS error shape, with the security headers', async () => {
    const down = await startNginxGateway({
      spaDir: spa,
      backend: 'http://127.0.0.1:9',
      reportService: 'http://127.0.0.1:9',
      idartBridge: 'http://127.0.0.1:9',
      tlsDir: gateway.certificate.tlsDir,
    });
    try {
      for (const p of ['/openmrs/ws/rest/v1/session', '/openmrs/ws/poc-emr/reports', '/openmrs/ws/idart/health']) {
        const r = await call(down.origin, { path: p });
        expect(r.status).toBe(503);
        expect(r.headers['retry-after']).toBe('30');
        expect(r.headers['strict-transport-security']).toBe('max-age=31536000');
        expect(JSON.parse(r.body.toString()).error.message).toMatch(/O servidor não responde/);
      }
    } finally {
      await down.close();
    }
  });
});

describe('body limits and timeouts', () => {
  const post = (p: string, bytes: number) => get({ path: p, method: 'POST', body: Buffer.alloc(bytes, 'a') });

  it.each([
    ['REST JSON', '/openmrs/ws/rest/v1/encounter', 900 << 10, 2 << 20],
    ['report service', '/openmrs/ws/poc-emr/runs', 60 << 10, 70 << 10],
    ['iDART bridge', '/openmrs/ws/idart/reconciliation', 15 << 10, 17 << 10],
    ['complex obs upload', '/openmrs/ws/rest/v1/obs', 15 << 20, 21 << 20],
    ['legacy admin upload', '/openmrs/admin/modules/module.list', 40 << 20, 51 << 20],
  ])('%s (%s): accepts %i bytes, refuses %i with 413', async (_what, p, fits, tooBig) => {
    expect((await post(p, fits)).status).toBe(200);
    expect(JSON.parse((await post(p, fits)).body.toString()).size).toBe(fits);
    expect((await post(p, tooBig)).status).toBe(413);
  });

  it('waits 60 s for an answer, longer only for report downloads, SIS-MA sends and reporting pages', () => {
    const config = read('gateway/templates/http.conf') + read('gateway/templates/gateway.conf');
    const timeouts = [...config.matchAll(/proxy_read_timeout (\d+)s;/g)].map((m) => Number(m[1]));
    expect(timeouts[0]).toBe(60);
    expect(Math.max(...timeouts)).toBeLessThanOrEqual(600);
    const long = [...config.matchAll(/location ([^{]+)\{[^}]*proxy_read_timeout (\d+)s/g)].map((m) => m[1].trim());
    expect(long).toEqual([
      '^~ /openmrs/admin/',
      '~ ^/openmrs/ws/poc-emr/runs/[^/]+/download/',
      '~ ^/openmrs/ws/poc-emr/runs/[^/]+/dhis2$',
      '~ ^/openmrs/(module/reporting|ws/rest/v1/reportingrest)/',
    ]);
    expect(config).toMatch(/client_header_timeout 20s;/);
  });
});

describe('one configuration for production and the local gateway', () => {
  it('the local nginx.conf differs from production only in addresses, paths and one worker', () => {
    const production = read('gateway/nginx.conf');
    const strip = (text: string) =>
      text
        .split('\n')
        .filter(
          (l) =>
            !/listen|_path |pid |access_log|https-port|ssl_certificate|default .*:\d+;|load_module|worker_processes/.test(
              l,
            ),
        )
        .join('\n');
    expect(strip(gateway.config)).toContain(strip(production).trimEnd().replace(/\n}$/, ''));
    expect(fs.readlinkSync(path.join(gateway.dir, 'poc-emr', 'gateway.conf'))).toBe(
      path.join(DISTRO, 'gateway', 'templates', 'gateway.conf'),
    );
  });

  it('refuses to render a production file it does not recognise', () => {
    const production = read('gateway/nginx.conf');
    const a = {
      httpPort: 1,
      httpsPort: 2,
      frontendPort: 3,
      backend: 'b:1',
      reports: 'r:1',
      idart: 'i:1',
      spaDir: '/s',
      dir: '/d',
      tlsDir: '/t',
    };
    expect(() => renderLocalConfig(production.replace('listen 8080', 'listen 80'), a)).toThrow(/expected 1 ×/);
    expect(() => renderLocalConfig(production.replace('default backend:8080;', ''), a)).toThrow(/backend/);
    expect(() => renderLocalConfig(production + '\ninclude /tmp/nginx/x.conf;', a)).toThrow(/\/tmp\/nginx/);
  });
});

describe('the entrypoint', () => {
  const entrypoint = path.join(DISTRO, 'gateway', 'entrypoint.sh');
  const run = (env: Record<string, string>, tlsDir = fs.mkdtempSync(path.join(dir, 'tls-'))) =>
    spawnSync('bash', [entrypoint, 'true'], {
      env: { PATH: process.env.PATH, POC_TLS_DIR: tlsDir, POC_GATEWAY_RUN_DIR: path.join(tlsDir, 'run'), ...env },
      encoding: 'utf8',
    });

  it.each([
    [{ SERVER_NAME: '' }, /SERVER_NAME is empty/],
    [{ SERVER_NAME: '-subj' }, /not a host name/],
    [{ SERVER_NAME: 'a b' }, /not a host name/],
    [{ SERVER_NAME: 'x/CN=evil' }, /not a host name/],
    [{ SERVER_NAME: 'ok', HTTPS_PORT: 'abc' }, /HTTPS_PORT must be a port number/],
    [{ SERVER_NAME: 'ok', HTTPS_PORT: '70000' }, /HTTPS_PORT must be a port number/],
  ])('refuses %j with a clear message', (env, message) => {
    const result = run(env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });

  it('generates a self-signed certificate once, for the server name, and keeps it', () => {
    const tlsDir = fs.mkdtempSync(path.join(dir, 'tls-'));
    expect(run({ SERVER_NAME: '192.168.1.10' }, tlsDir).status).toBe(0);
    const first = fs.readFileSync(path.join(tlsDir, 'site.crt'), 'utf8');
    expect(new crypto.X509Certificate(first).subjectAltName).toContain('IP Address:192.168.1.10');
    expect(fs.statSync(path.join(tlsDir, 'site.key')).mode & 0o077).toBe(0);
    expect(run({ SERVER_NAME: 'other' }, tlsDir).status).toBe(0);
    expect(fs.readFileSync(path.join(tlsDir, 'site.crt'), 'utf8')).toBe(first);
  });

  it('refuses a certificate without its key, or with a key that is not its own', () => {
    const a = fs.mkdtempSync(path.join(dir, 'tls-'));
    const b = fs.mkdtempSync(path.join(dir, 'tls-'));
    run({ SERVER_NAME: 'a' }, a);
    run({ SERVER_NAME: 'b' }, b);
    fs.copyFileSync(path.join(b, 'site.key'), path.join(a, 'site.key'));
    expect(run({ SERVER_NAME: 'a' }, a).stderr).toMatch(/is not the key of/);
    fs.rmSync(path.join(a, 'site.key'));
    expect(run({ SERVER_NAME: 'a' }, a).stderr).toMatch(/must hold both site.crt and site.key/);
    fs.writeFileSync(path.join(b, 'site.crt'), 'not a certificate');
    expect(run({ SERVER_NAME: 'b' }, b).stderr).toMatch(/is not a PEM certificate/);
  });
});
