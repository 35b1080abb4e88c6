// Parsers and checks shared by the distro tests. Each check returns a list of problems, so a
// test can assert [] on the real files and a non-empty list on a deliberately broken sample.
import fs from 'node:fs';
import path from 'node:path';

export const DISTRO = path.resolve(__dirname, '..');
export const read = (relative: string) => fs.readFileSync(path.join(DISTRO, relative), 'utf8');

/** x.y.z and nothing else: no SNAPSHOT, qualifier, range or tag. */
export const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

// ---------- distro.properties (OpenMRS SDK format) ----------

export interface Properties {
  entries: Map<string, string>;
  problems: string[];
}

/** Java-properties subset the SDK uses: `key=value` lines, `#` comments; duplicates are errors. */
export function parseProperties(text: string): Properties {
  const entries = new Map<string, string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      problems.push(`line ${i + 1}: not key=value: ${line}`);
      return;
    }
    const key = line.slice(0, eq).trim();
    if (entries.has(key)) problems.push(`line ${i + 1}: duplicate key ${key}`);
    entries.set(key, line.slice(eq + 1).trim());
  });
  return { entries, problems };
}

const MODULE_ATTRIBUTES = ['groupId', 'type', 'artifactId'];

/** Module ids declared with `omod.<id>=<version>` (attribute keys such as omod.x.groupId excluded). */
export function moduleIds(entries: Map<string, string>): string[] {
  return [...entries.keys()]
    .filter((k) => k.startsWith('omod.') && !MODULE_ATTRIBUTES.some((a) => k.endsWith(`.${a}`)))
    .map((k) => k.slice('omod.'.length));
}

export function propertiesProblems(text: string): string[] {
  const { entries, problems } = parseProperties(text);
  for (const key of ['name', 'version', 'war.openmrs']) {
    if (!entries.get(key)) problems.push(`missing ${key}`);
  }
  const ids = new Set(moduleIds(entries));
  for (const [key, value] of entries) {
    if (key === 'name') continue;
    const attribute = MODULE_ATTRIBUTES.find((a) => key.startsWith('omod.') && key.endsWith(`.${a}`));
    if (attribute) {
      const id = key.slice('omod.'.length, -(attribute.length + 1));
      if (!ids.has(id)) problems.push(`${key} belongs to no declared module omod.${id}`);
      if (attribute === 'type' && !['jar', 'omod'].includes(value)) problems.push(`${key}=${value}: not jar/omod`);
    } else if (key === 'version' || key === 'war.openmrs' || key.startsWith('omod.')) {
      if (!EXACT_VERSION.test(value)) problems.push(`${key}=${value}: not an exact x.y.z version`);
    } else {
      problems.push(`${key}: unsupported key (only name, version, war.openmrs, omod.* are used)`);
    }
  }
  return problems;
}

// ---------- images ----------

/** An exact tag starts with a full x.y.z version (variants like -alpine3.21 allowed) or is a digest. */
export function imageProblem(image: string): string | undefined {
  if (image.includes('$')) return `${image}: tag comes from a variable`;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const slash = image.lastIndexOf('/');
  const colon = image.indexOf(':', slash + 1);
  if (colon < 0) return `${image}: no tag (means latest)`;
  const tag = image.slice(colon + 1);
  // Debian publishes point releases as major.minor (12.11): the finest version it tags.
  if (image.startsWith('debian:') && /^\d+\.\d+(-slim)?$/.test(tag)) return undefined;
  if (!/^v?\d+\.\d+\.\d+([-._][A-Za-z0-9._-]+)?$/.test(tag)) return `${image}: tag "${tag}" is not an exact version`;
  return undefined;
}

export interface From {
  image: string;
  stage?: string;
}

/** FROM instructions of a Dockerfile (flags such as --platform skipped, `AS name` kept). */
export function dockerfileFroms(text: string): From[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^FROM\s/i.test(l))
    .map((l) => {
      const words = l.split(/\s+/).slice(1);
      const args = words.filter((w) => !w.startsWith('--'));
      const as = args.findIndex((w) => w.toLowerCase() === 'as');
      return { image: args[0] ?? '', stage: as >= 0 ? args[as + 1] : undefined };
    });
}

export function dockerfileProblems(text: string): string[] {
  const stages = new Set<string>();
  const problems: string[] = [];
  const froms = dockerfileFroms(text);
  if (froms.length === 0) problems.push('no FROM');
  for (const { image, stage } of froms) {
    if (!stages.has(image)) {
      const problem = imageProblem(image);
      if (problem) problems.push(problem);
    }
    if (stage) stages.add(stage);
  }
  return problems;
}

// ---------- compose and .env ----------

/** Variables compose interpolates: ${VAR}, ${VAR:?msg}, ${VAR:-x}, $VAR; `$$` is a literal $. */
export function composeVariables(text: string): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const re = /\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  for (const m of text.matchAll(re)) {
    if (m[1] === '$') continue;
    const name = m[2] ?? m[4];
    uses.set(name, [...(uses.get(name) ?? []), m[3] ?? '']);
  }
  return uses;
}

export function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    vars.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return vars;
}

export const isSecretName = (name: string) => /PASSWORD|PASSWD|SECRET|KEY|TOKEN|CREDENTIAL/i.test(name);

export function envExampleProblems(text: string): string[] {
  const problems: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(line)) {
      problems.push(`not NAME=value: ${line}`);
    }
  }
  for (const [name, value] of parseEnvFile(text)) {
    if (isSecretName(name) && value !== '') problems.push(`${name} has a default value`);
  }
  return problems;
}

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  volumes?: Array<string | { type?: string; source?: string }>;
  env_file?: string | Array<string | { path: string }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  environment?: Record<string, string | number | boolean | null> | string[];
  command?: string | string[];
  cap_drop?: string[];
  cap_add?: string[];
  security_opt?: string[];
  read_only?: boolean;
  tmpfs?: string | string[];
  mem_limit?: string;
  ports?: string[];
}

export interface ComposeFile {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** Every file or folder of the repository the compose file points at must exist. */
export function composePathProblems(doc: ComposeFile, baseDir: string): string[] {
  const problems: string[] = [];
  const need = (service: string, what: string, p: string, kind: 'file' | 'dir' | 'any') => {
    const full = path.resolve(baseDir, p);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) problems.push(`${service}: ${what} ${p} does not exist`);
    else if (kind === 'file' && !stat.isFile()) problems.push(`${service}: ${what} ${p} is not a file`);
    else if (kind === 'dir' && !stat.isDirectory()) problems.push(`${service}: ${what} ${p} is not a folder`);
  };
  for (const [name, service] of Object.entries(doc.services ?? {})) {
    if (service.build !== undefined) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      const context = build.context ?? '.';
      need(name, 'build context', context, 'dir');
      need(name, 'Dockerfile', path.join(context, build.dockerfile ?? 'Dockerfile'), 'file');
    }
    for (const volume of service.volumes ?? []) {
      // A ${VARIABLE} source is a host folder chosen in .env: the server's, not the distro's.
      const text = typeof volume === 'string' ? /^(\$\{[^}]*\}|[^:]*)/.exec(volume)![1] : undefined;
      const source = typeof volume === 'string' ? text : volume.type === 'bind' ? volume.source : '';
      if (source?.startsWith('${')) continue;
      if (source && /^[./~]/.test(source)) need(name, 'volume', source, 'any');
      else if (source && !(source in (doc.volumes ?? {}))) problems.push(`${name}: volume ${source} is not declared`);
    }
    const envFiles = service.env_file === undefined ? [] : [service.env_file].flat();
    for (const f of envFiles) need(name, 'env_file', typeof f === 'string' ? f : f.path, 'file');
  }
  return problems;
}

/** Every string (keys and values) of a parsed YAML document: what compose interpolates, comments excluded. */
export function yamlStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(yamlStrings);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...yamlStrings(v)]);
  }
  return [];
}

// ---------- container hardening ----------

/** Capabilities a service may add back after cap_drop: [ALL], and why. */
export const ALLOWED_CAPABILITIES: Record<string, string[]> = {
  // MariaDB's entrypoint starts as root, chowns the data folder and drops to mysql with gosu
  db: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
};

/**
 * What a service lacks of the hardening every one gets: no capabilities but the allowed ones, no
 * privilege gain, a read-only root (or a comment saying why not, `# Not read_only: …`, in `raw`, the
 * file's text), a memory limit. Parse the file with merge keys on (`<<: *hardening`).
 */
export function hardeningProblems(doc: ComposeFile, raw: string): string[] {
  const problems: string[] = [];
  for (const [name, s] of Object.entries(doc.services ?? {})) {
    if (JSON.stringify(s.cap_drop) !== '["ALL"]') problems.push(`${name}: cap_drop is not [ALL]`);
    const extra = (s.cap_add ?? []).filter((c) => !(ALLOWED_CAPABILITIES[name] ?? []).includes(c));
    if (extra.length) problems.push(`${name}: adds capabilities ${extra.join(', ')}`);
    if (!(s.security_opt ?? []).includes('no-new-privileges:true')) problems.push(`${name}: no no-new-privileges`);
    if (s.read_only === undefined) problems.push(`${name}: read_only not stated`);
    if (s.read_only === false && !serviceText(raw, name).includes('# Not read_only:')) {
      problems.push(`${name}: read_only: false without a comment saying why`);
    }
    if (!s.mem_limit) problems.push(`${name}: no mem_limit`);
  }
  return problems;
}

/** The lines of one service in a compose file's text (up to the next service or top-level key). */
function serviceText(raw: string, name: string): string {
  const start = raw.search(new RegExp(`^  ${name}:$`, 'm'));
  if (start < 0) return '';
  const rest = raw.slice(start + 1);
  const end = rest.search(/^( {2}[A-Za-z0-9_-]+:$|\S)/m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** A compose or Docker memory size (512m, 3g, 2G) in bytes. */
export function bytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i.exec(size.trim());
  if (!m) throw new Error(`not a memory size: ${size}`);
  return Number(m[1]) * 1024 ** ' kmg'.indexOf(m[2].toLowerCase() || ' ');
}
