import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { imageReferences, parseReference, pinDigests } from '../../scripts/pin-digests';
import { DISTRO } from './lib';

// scripts/pin-digests.ts against a registry stand-in speaking Docker's token handshake, on a copy of
// the distro's Dockerfiles and compose file. The real digests are not in the repository yet: this
// machine has no access to the registries (docs/install.md says who runs the tool and when).

const SCRIPT = path.join(DISTRO, '..', 'scripts', 'pin-digests.ts');
const digestOf = (name: string) => `sha256:${crypto.createHash('sha256').update(name).digest('hex')}`;

let registry: http.Server;
let registryUrl: string;
const asked: string[] = [];
let badDigest = false;

beforeAll(async () => {
  registry = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/token') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ token: `t:${url.searchParams.get('scope')}` }));
    }
    const m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    const scope = m && `repository:${m[1]}:pull`;
    if (!m || req.headers.authorization !== `Bearer t:${scope}`) {
      res.writeHead(401, {
        'WWW-Authenticate': `Bearer realm="${registryUrl}/token",service="stand-in",scope="${scope}"`,
      });
      return res.end();
    }
    asked.push(`${req.method} ${m[1]}:${m[2]}`);
    if (m[2] === '0.0.0-missing') res.writeHead(404);
    else res.writeHead(200, { 'Docker-Content-Digest': badDigest ? 'md5:abc' : digestOf(`${m[1]}:${m[2]}`) });
    res.end();
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
});
afterAll(() => registry.close());

function distroCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pin-'));
  for (const f of ['docker-compose.yml', 'gateway/Dockerfile', 'frontend/Dockerfile', 'backend/Dockerfile']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(DISTRO, f), path.join(dir, f));
  }
  return dir;
}

describe('pin-digests', () => {
  it('finds every image the distro pulls, and only those', () => {
    const refs = imageReferences().map((r) => `${path.relative(DISTRO, r.file)} ${r.text}`);
    expect(refs).toEqual(
      expect.arrayContaining([
        'docker-compose.yml mariadb:10.11.19',
        expect.stringMatching(/^backend\/Dockerfile openmrs\/openmrs-core:2\.7\.\d+-amazoncorretto-17$/),
        expect.stringMatching(/^gateway\/Dockerfile debian:/),
        expect.stringMatching(/^report-service\/Dockerfile node:/),
      ]),
    );
    expect(refs.filter((r) => r.includes('poc-emr/'))).toEqual([]);
    expect(refs.length).toBeGreaterThanOrEqual(6);
  });

  it('resolves each tag through the token handshake and writes name:tag@digest', async () => {
    const dir = distroCopy();
    const pinned = await pinDigests({ distro: dir, registryUrl });
    expect(pinned.length).toBe(imageReferences(dir).length);
    const compose = fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain(`image: mariadb:10.11.19@${digestOf('library/mariadb:10.11.19')}\n`);
    expect(fs.readFileSync(path.join(dir, 'backend/Dockerfile'), 'utf8')).toMatch(
      /^FROM openmrs\/openmrs-core:[^@\s]+@sha256:[0-9a-f]{64}$/m,
    );
    expect(asked).toContain('HEAD library/mariadb:10.11.19');
    expect(imageReferences(dir).filter((r) => !r.digest)).toEqual([]);
    // pinned references are left alone on a second run
    asked.length = 0;
    expect(await pinDigests({ distro: dir, registryUrl })).toEqual([]);
    expect(asked).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it('writes nothing when one lookup fails or the registry gives no sha256 digest', async () => {
    const dir = distroCopy();
    const before = fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
    fs.appendFileSync(path.join(dir, 'gateway/Dockerfile'), '\nFROM alpine:0.0.0-missing\n');
    await expect(pinDigests({ distro: dir, registryUrl })).rejects.toThrow(/alpine:0\.0\.0-missing: .* answered 404/);
    badDigest = true;
    await expect(pinDigests({ distro: dir, registryUrl })).rejects.toThrow(/no sha256 digest \("md5:abc"\)/);
    badDigest = false;
    await expect(pinDigests({ distro: dir, registryUrl: 'http://127.0.0.1:1' })).rejects.toThrow(/fetch failed/);
    expect(fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8')).toBe(before);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses references it cannot pin honestly', () => {
    expect(() => parseReference('node:${TAG}')).toThrow(/variable/);
    expect(() => parseReference('mariadb')).toThrow(/with a tag/);
    expect(() => parseReference('Mariadb:1; rm -rf /')).toThrow(/not an image reference/);
    expect(parseReference('ghcr.io/a/b:1.2.3')).toMatchObject({ registry: 'ghcr.io', repository: 'a/b', tag: '1.2.3' });
    expect(parseReference('localhost:5000/x:1.0.0')).toMatchObject({ registry: 'localhost:5000', repository: 'x' });
  });

  it('--check lists the references without a digest (all of them today) and fails; bad arguments get usage', () => {
    const run = (...args: string[]) => spawnSync('npx', ['tsx', SCRIPT, ...args], { encoding: 'utf8' });
    const check = run('--check');
    expect(check.status).toBe(1);
    expect(check.stdout.trim().split('\n')).toHaveLength(imageReferences().length);
    expect(check.stdout).toContain('mariadb:10.11.19 has no digest');
    for (const bad of [['--frobnicate'], ['--registry-url'], ['--registry-url', 'file:///etc/passwd'], ['x', 'y']]) {
      const r = run(...bad);
      expect({ bad, status: r.status }).toEqual({ bad, status: 2 });
      expect(r.stderr).toMatch(/^usage: pin-digests\.ts/m);
    }
  });
});
