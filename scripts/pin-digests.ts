// Pins every image the distro pulls (FROM lines of distro/**/Dockerfile, image: of compose services
// that are not built here) to the digest its tag names today: `mariadb:10.11.19` becomes
// `mariadb:10.11.19@sha256:…`, so that a rebuilt tag can never change what a facility runs. Needs the
// registries, so it runs on a connected machine at release time (docs/install.md):
//   npx tsx scripts/pin-digests.ts            resolve and write the missing digests
//   npx tsx scripts/pin-digests.ts --check    list the references without one; exit 1 if any
//   --registry-url <url>                      ask this registry (a mirror) for every image
// All digests are resolved before any file is written: a failed lookup changes nothing.
import fs from 'node:fs';
import path from 'node:path';

const DISTRO = path.resolve(__dirname, '..', 'distro');
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface ImageReference {
  file: string;
  /** As written, e.g. mariadb:10.11.19 */
  text: string;
  registry: string;
  repository: string;
  tag: string;
  digest?: string;
}

/** Splits `[registry/]name[:tag][@digest]` the way Docker does (Docker Hub's official images under library/). */
export function parseReference(text: string, file = ''): ImageReference {
  if (text.includes('$')) throw new Error(`${file}: ${text}: a variable in an image reference cannot be pinned`);
  const m = /^([a-z0-9][a-z0-9._\-/:]*?)(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(
    text,
  );
  if (!m || !m[2]) throw new Error(`${file}: "${text}" is not an image reference with a tag`);
  const parts = m[1].split('/');
  const hasRegistry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]);
  const registry = hasRegistry ? parts.shift()! : 'docker.io';
  const repository = registry === 'docker.io' && parts.length === 1 ? `library/${parts[0]}` : parts.join('/');
  return { file, text, registry, repository, tag: m[2], digest: m[3] };
}

function dockerfiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'configuration'].includes(e.name) ? [] : dockerfiles(full);
    return e.name === 'Dockerfile' ? [full] : [];
  });
}

/** The images pulled by the distro in `distro` (earlier build stages are not images). */
export function imageReferences(distro = DISTRO): ImageReference[] {
  const found: ImageReference[] = [];
  for (const file of dockerfiles(distro)) {
    const stages = new Set<string>();
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
      if (!m) continue;
      if (!stages.has(m[1].toLowerCase())) found.push(parseReference(m[1], file));
      if (m[2]) stages.add(m[2].toLowerCase());
    }
  }
  const compose = path.join(distro, 'docker-compose.yml');
  let service = '';
  let built = new Set<string>();
  const images: { name: string; text: string }[] = [];
  for (const line of fs.readFileSync(compose, 'utf8').split('\n')) {
    const s = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (s) service = s[1];
    if (/^ {4}build:/.test(line)) built = new Set([...built, service]);
    const i = /^ {4}image:\s*['"]?([^'"\s#]+)/.exec(line);
    if (i) images.push({ name: service, text: i[1] });
  }
  for (const { name, text } of images) if (!built.has(name)) found.push(parseReference(text, compose));
  return found;
}

type Fetch = typeof fetch;

/** Docker's token handshake: the registry's 401 names the realm to ask for a pull token. */
async function token(challenge: string, fetchImpl: Fetch): Promise<string | undefined> {
  const fields = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  if (!/^bearer/i.test(challenge) || !fields.realm) return undefined;
  const url = new URL(fields.realm);
  for (const key of ['service', 'scope']) if (fields[key]) url.searchParams.set(key, fields[key]);
  const answer = await fetchImpl(url);
  if (!answer.ok) throw new Error(`${url.origin}: token request answered ${answer.status}`);
  const body = (await answer.json()) as { token?: string; access_token?: string };
  return body.token ?? body.access_token;
}

/** The digest the registry gives for the reference's tag (the multi-platform index when there is one). */
export async function resolveDigest(ref: ImageReference, registryUrl?: string, fetchImpl: Fetch = fetch) {
  const base =
    registryUrl ?? (ref.registry === 'docker.io' ? 'https://registry-1.docker.io' : `https://${ref.registry}`);
  const url = `${base.replace(/\/$/, '')}/v2/${ref.repository}/manifests/${ref.tag}`;
  const ask = (authorization?: string) =>
    fetchImpl(url, {
      method: 'HEAD',
      headers: { Accept: MANIFEST_TYPES, ...(authorization ? { Authorization: `Bearer ${authorization}` } : {}) },
    }).catch((error: Error) => {
      throw new Error(`${ref.text}: ${url}: ${error.message}`);
    });
  let answer = await ask();
  const challenge = answer.headers.get('www-authenticate');
  if (answer.status === 401 && challenge) answer = await ask(await token(challenge, fetchImpl));
  if (!answer.ok) throw new Error(`${ref.text}: ${url} answered ${answer.status}`);
  const digest = answer.headers.get('docker-content-digest') ?? '';
  if (!DIGEST.test(digest)) throw new Error(`${ref.text}: the registry gave no sha256 digest ("${digest}")`);
  return digest;
}

/** Resolves every unpinned reference, then writes them all; returns what it pinned. */
export async function pinDigests(options: { distro?: string; registryUrl?: string; fetchImpl?: Fetch } = {}) {
  const unpinned = imageReferences(options.distro).filter((r) => !r.digest);
  const pinned: { ref: ImageReference; digest: string }[] = [];
  for (const ref of unpinned)
    pinned.push({ ref, digest: await resolveDigest(ref, options.registryUrl, options.fetchImpl) });
  const texts = new Map<string, string>();
  for (const { ref, digest } of pinned) {
    const text = texts.get(ref.file) ?? fs.readFileSync(ref.file, 'utf8');
    const escaped = ref.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    texts.set(ref.file, text.replace(new RegExp(`(?<=[\\s'"])${escaped}(?=[\\s'"]|$)`, 'gm'), `${ref.text}@${digest}`));
  }
  for (const [file, text] of texts) fs.writeFileSync(file, text);
  return pinned;
}

async function main(args: string[]): Promise<number> {
  const check = args[0] === '--check';
  const rest = check ? args.slice(1) : args;
  let registryUrl: string | undefined;
  if (rest[0] === '--registry-url' && rest.length === 2 && /^https?:\/\/[^\s]+$/.test(rest[1])) registryUrl = rest[1];
  else if (rest.length > 0) {
    console.error('usage: pin-digests.ts [--check] [--registry-url <http(s) url>]');
    return 2;
  }
  if (check) {
    const unpinned = imageReferences().filter((r) => !r.digest);
    for (const r of unpinned) console.log(`${path.relative(process.cwd(), r.file)}: ${r.text} has no digest`);
    return unpinned.length ? 1 : 0;
  }
  for (const { ref, digest } of await pinDigests({ registryUrl })) console.log(`${ref.text} -> ${digest}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`pin-digests: ${error.message}`);
      process.exit(1);
    },
  );
}
