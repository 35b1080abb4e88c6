import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { dataRoot, ensureDebianPackages, findBinary } from '@poc-emr/db';

// The distro's own gateway (distro/gateway: nginx.conf, templates/, entrypoint.sh) run on this machine
// for the demo and the tests, on Debian's nginx 1.22 — the build the gateway image installs. The
// configuration is the production nginx.conf with only addresses and paths changed (renderLocalConfig),
// plus the frontend container's static server (distro/frontend/spa.conf) in the same process.

const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const GATEWAY_DIR = path.join(repoRoot, 'distro', 'gateway');
const FRONTEND_SPA_CONF = path.join(repoRoot, 'distro', 'frontend', 'spa.conf');
const ENTRYPOINT = path.join(GATEWAY_DIR, 'entrypoint.sh');
export const DEFAULT_ADMIN_ALLOW = path.join(GATEWAY_DIR, 'admin-allow.conf');

/** The report service's path (gateway.conf routes it there): under the OpenMRS context, so the browser sends it the session cookie. */
export const REPORT_SERVICE_PATH = '/openmrs/ws/poc-emr/';

/** The iDART bridge's path (status, error queue), likewise. */
export const IDART_BRIDGE_PATH = '/openmrs/ws/idart/';

const MODULES = '/usr/lib/nginx/modules';
const PACKAGES = {
  nginx: 'nginx',
  'libnginx-mod-http-brotli-filter': `${MODULES}/ngx_http_brotli_filter_module.so`,
  'libnginx-mod-http-brotli-static': `${MODULES}/ngx_http_brotli_static_module.so`,
  openssl: 'openssl',
};

/** Installs Debian's nginx, its brotli modules and openssl when missing (as root; otherwise says how). */
export function ensureNginx(log?: (line: string) => void): string {
  ensureDebianPackages(PACKAGES, log);
  return findBinary('nginx')!;
}

export interface LocalAddresses {
  httpPort: number;
  httpsPort: number;
  /** The local stand-in of the frontend container: a server block serving `spaDir`. */
  frontendPort: number;
  /** host:port of the backend, of the report service and of the iDART bridge. */
  backend: string;
  reports: string;
  idart: string;
  spaDir: string;
  /** Folder of the instance: nginx.conf, poc-emr/ (the templates), run/ (pid, temp files). */
  dir: string;
  tlsDir: string;
}

/** Replaces `from` by `to`, checking that the production file has it exactly `count` times. */
function replaceExactly(text: string, from: string, to: string, count = 1): string {
  const found = text.split(from).length - 1;
  if (found !== count) throw new Error(`distro/gateway/nginx.conf: expected ${count} × "${from}", found ${found}`);
  return text.split(from).join(to);
}

/**
 * The production nginx.conf for this machine: loopback addresses and free ports instead of the
 * container's, this instance's folders instead of /tmp/nginx and /etc/nginx/tls, one worker, and the
 * frontend container's server block appended.
 */
export function renderLocalConfig(production: string, a: LocalAddresses): string {
  const run = path.join(a.dir, 'run');
  let text = production;
  text = replaceExactly(text, 'worker_processes auto;', 'worker_processes 1;');
  text = replaceExactly(text, '/tmp/nginx/', `${run}/`, 7);
  text = replaceExactly(text, 'access_log /dev/stdout;', `access_log ${path.join(a.dir, 'access.log')};`);
  text = replaceExactly(text, 'listen 8080 default_server;', `listen 127.0.0.1:${a.httpPort} default_server;`);
  text = replaceExactly(
    text,
    'listen 8443 ssl http2 default_server;',
    `listen 127.0.0.1:${a.httpsPort} ssl http2 default_server;`,
  );
  text = replaceExactly(text, '/etc/nginx/tls/', `${a.tlsDir}/`, 2);
  text = replaceExactly(text, 'default frontend:8080;', `default 127.0.0.1:${a.frontendPort};`);
  text = replaceExactly(text, 'default backend:8080;', `default ${a.backend};`);
  text = replaceExactly(text, 'default reports:8095;', `default ${a.reports};`);
  text = replaceExactly(text, 'default idart-bridge:8096;', `default ${a.idart};`);
  const load = `load_module ${MODULES}/ngx_http_brotli_filter_module.so;`;
  text = replaceExactly(text, load, `${load}\nload_module ${MODULES}/ngx_http_brotli_static_module.so;`);
  const frontend = [
    '',
    '  # The frontend container of production (distro/frontend/nginx.conf), here in the same nginx.',
    '  server {',
    `    listen 127.0.0.1:${a.frontendPort};`,
    `    root ${a.spaDir};`,
    `    include ${FRONTEND_SPA_CONF};`,
    '  }',
    '}',
    '',
  ].join('\n');
  const end = text.lastIndexOf('}');
  return text.slice(0, end).replace(/\n*$/, '\n') + frontend;
}

/** A free TCP port on loopback (the kernel's choice, released at once for nginx to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The account nginx runs as when we are root: Debian's www-data (the gateway image's user). */
function unprivilegedAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('www-data:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return line ? { uid: Number(uid), gid: Number(gid) } : { uid: 65534, gid: 65534 };
}

function entrypointEnv(tlsDir: string, runDir: string, httpsPort: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    POC_TLS_DIR: tlsDir,
    POC_GATEWAY_RUN_DIR: runDir,
    HTTPS_PORT: String(httpsPort),
    SERVER_NAME: 'localhost',
  };
}

/** The base64 SHA-256 of a certificate's public key: what Chromium's --ignore-certificate-errors-spki-list takes. */
export function spkiHash(certificatePem: string): string {
  const spki = new crypto.X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(spki).digest('base64');
}

export interface GatewayCertificate {
  tlsDir: string;
  /** PEM */
  certificate: string;
  spki: string;
}

/**
 * The gateway's certificate in `tlsDir`, generated by the image's entrypoint (self-signed for
 * localhost and 127.0.0.1) when the folder has none.
 */
export function gatewayCertificate(tlsDir: string): GatewayCertificate {
  fs.mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
  const account = unprivilegedAccount();
  if (account) fs.chownSync(tlsDir, account.uid, account.gid);
  const run = fs.mkdtempSync(path.join(path.dirname(tlsDir), '.entrypoint-'));
  if (account) fs.chownSync(run, account.uid, account.gid);
  try {
    const result = spawnSync('bash', [ENTRYPOINT, 'true'], {
      env: entrypointEnv(tlsDir, run, 443),
      encoding: 'utf8',
      ...account,
    });
    if (result.status !== 0) throw new Error(`The gateway's entrypoint failed: ${result.stderr || result.error}`);
  } finally {
    fs.rmSync(run, { recursive: true, force: true });
  }
  const certificate = fs.readFileSync(path.join(tlsDir, 'site.crt'), 'utf8');
  return { tlsDir, certificate, spki: spkiHash(certificate) };
}

export interface NginxGatewayOptions {
  spaDir: string;
  /** The OpenMRS (or dev) backend, e.g. http://127.0.0.1:8090 */
  backend: string;
  /** The report service; without it its path goes to the backend (which answers 404). */
  reportService?: string;
  /** The iDART bridge; likewise. */
  idartBridge?: string;
  /** Fixed ports (the demo's); free ones when left out. */
  httpsPort?: number;
  httpPort?: number;
  /** The instance's folder; a new one under .data/gateway when left out (removed by close()). */
  dir?: string;
  /** Where the certificate is (generated there when missing); the instance's own by default. */
  tlsDir?: string;
  /** The allow-list of the admin pages; distro/gateway/admin-allow.conf by default. */
  adminAllow?: string;
}

export interface NginxGateway {
  /** https://127.0.0.1:<port> */
  origin: string;
  /** http://127.0.0.1:<port>: only redirects to origin */
  httpOrigin: string;
  certificate: GatewayCertificate;
  dir: string;
  /** The rendered nginx.conf */
  config: string;
  close(): Promise<void>;
}

const hostPort = (url: string) => {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new Error(`${url}: the gateway proxies to http:// upstreams only`);
  return u.host;
};

// Runs the entrypoint (then nginx) and stops it when our stdin closes: when close() is called, and when
// this Node process dies without calling it, so that no nginx outlives the demo or a test. (bash gives
// background jobs /dev/null as stdin: the watcher reads the pipe through fd 3.)
const SUPERVISOR =
  'exec 3<&0; "$@" & child=$!; { cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null; } & wait "$child"';

/** Starts the distro's gateway on loopback in front of a backend, a report service, an iDART bridge and the SPA folder. */
export async function startNginxGateway(options: NginxGatewayOptions): Promise<NginxGateway> {
  const nginx = ensureNginx();
  const temporary = options.dir === undefined;
  if (temporary) fs.mkdirSync(path.join(dataRoot(), 'gateway'), { recursive: true });
  const dir = options.dir ?? fs.mkdtempSync(path.join(dataRoot(), 'gateway', 'instance-'));
  fs.mkdirSync(dir, { recursive: true });
  const account = unprivilegedAccount();
  if (account) fs.chownSync(dir, account.uid, account.gid);
  try {
    const certificate = gatewayCertificate(options.tlsDir ?? path.join(dir, 'tls'));
    // Ports picked free can be taken by someone else before nginx binds them: try again with others.
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch(nginx, dir, certificate, options, temporary);
      } catch (error) {
        const fixed = options.httpPort !== undefined && options.httpsPort !== undefined;
        if (fixed || attempt === 3 || !/Address already in use/.test((error as Error).message)) throw error;
      }
    }
  } catch (error) {
    if (temporary) fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function launch(
  nginx: string,
  dir: string,
  certificate: GatewayCertificate,
  options: NginxGatewayOptions,
  temporary: boolean,
): Promise<NginxGateway> {
  const addresses: LocalAddresses = {
    httpPort: options.httpPort ?? (await freePort()),
    httpsPort: options.httpsPort ?? (await freePort()),
    frontendPort: await freePort(),
    backend: hostPort(options.backend),
    reports: hostPort(options.reportService ?? options.backend),
    idart: hostPort(options.idartBridge ?? options.backend),
    spaDir: path.resolve(options.spaDir),
    dir,
    tlsDir: certificate.tlsDir,
  };
  const config = renderLocalConfig(fs.readFileSync(path.join(GATEWAY_DIR, 'nginx.conf'), 'utf8'), addresses);
  // nginx resolves `include poc-emr/…` against the folder of nginx.conf, as /etc/nginx in the image.
  const templates = path.join(dir, 'poc-emr');
  fs.rmSync(templates, { recursive: true, force: true });
  fs.mkdirSync(templates);
  for (const f of fs.readdirSync(path.join(GATEWAY_DIR, 'templates'))) {
    fs.symlinkSync(path.join(GATEWAY_DIR, 'templates', f), path.join(templates, f));
  }
  fs.symlinkSync(path.resolve(options.adminAllow ?? DEFAULT_ADMIN_ALLOW), path.join(templates, 'admin-allow.conf'));
  fs.writeFileSync(path.join(dir, 'nginx.conf'), config);
  const run = path.join(dir, 'run');
  fs.mkdirSync(run, { recursive: true });
  const account = unprivilegedAccount();
  if (account) fs.chownSync(run, account.uid, account.gid);
  const conf = path.join(dir, 'nginx.conf');
  const command = ['bash', ENTRYPOINT, nginx, '-p', dir, '-c', conf, '-e', 'stderr', '-g', 'daemon off;'];
  const child = spawn('bash', ['-c', SUPERVISOR, 'gateway', ...command], {
    env: entrypointEnv(certificate.tlsDir, run, addresses.httpsPort),
    stdio: ['pipe', 'ignore', 'pipe'],
    ...account,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8192)));
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  const stop = async () => {
    child.stdin.end();
    await exited;
  };
  const ready = await listening(addresses.httpsPort, () => running);
  if (!ready) {
    await stop();
    throw new Error(`The gateway did not start: ${stderr.trim() || 'nginx did not listen'}`);
  }
  return {
    origin: `https://127.0.0.1:${addresses.httpsPort}`,
    httpOrigin: `http://127.0.0.1:${addresses.httpPort}`,
    certificate,
    dir,
    config,
    close: async () => {
      await stop();
      if (temporary) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until something accepts connections on the port (nginx binds before its workers start). */
async function listening(port: number, alive: () => boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive() && Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return alive();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
