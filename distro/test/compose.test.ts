import path from 'node:path';
import { parse } from 'yaml';
import {
  DISTRO,
  type ComposeFile,
  composePathProblems,
  bytes,
  composeVariables,
  hardeningProblems,
  imageProblem,
  isSecretName,
  parseEnvFile,
  read,
  yamlStrings,
} from './lib';

const text = read('docker-compose.yml');
const compose = parse(text, { merge: true }) as ComposeFile;
const services = compose.services ?? {};
const env = parseEnvFile(read('.env.example'));
const variables = composeVariables(yamlStrings(compose).join('\n'));

const environment = (service: string) => {
  const e = services[service]?.environment ?? {};
  return Array.isArray(e) ? Object.fromEntries(e.map((kv) => kv.split('='))) : e;
};

describe('docker-compose.yml', () => {
  it('parses and has the gateway, frontend, backend, reports, idart-bridge, db, ops and admin-password-check services', () => {
    expect(Object.keys(services).sort()).toEqual([
      'admin-password-check',
      'backend',
      'db',
      'frontend',
      'gateway',
      'idart-bridge',
      'ops',
      'reports',
    ]);
  });

  it('points only at files and folders that exist', () => {
    expect(composePathProblems(compose, DISTRO)).toEqual([]);
  });

  it('would notice a missing build context, Dockerfile, bind mount, env_file or named volume', () => {
    const broken: ComposeFile = {
      services: {
        a: { build: { context: './nowhere' } },
        b: { build: { context: '.', dockerfile: 'backend/Nofile' } },
        c: { volumes: ['./no-such-dir:/x:ro', 'undeclared:/y'], env_file: ['missing.env'] },
      },
      volumes: {},
    };
    expect(composePathProblems(broken, DISTRO)).toHaveLength(6);
  });

  it('uses only variables that .env.example lists', () => {
    expect([...variables.keys()].filter((v) => !env.has(v))).toEqual([]);
    expect([...composeVariables('a: ${X:?m} $Y $$Z ${W:-1}').keys()]).toEqual(['X', 'Y', 'W']);
  });

  it('refuses to start without each secret and each value .env.example leaves empty (${VAR:?…})', () => {
    const required = [...env].filter(([name, value]) => value === '' || isSecretName(name)).map(([name]) => name);
    expect(required.length).toBeGreaterThanOrEqual(3);
    for (const name of required) {
      const uses = variables.get(name) ?? [];
      expect({ name, used: uses.length > 0 }).toEqual({ name, used: true });
      expect({ name, uses: uses.filter((u) => !u.startsWith(':?')) }).toEqual({ name, uses: [] });
    }
  });

  it('starts services in order: db healthy before backend, frontend healthy before the gateway', () => {
    const conditions = (s: string) => services[s]?.depends_on as Record<string, { condition?: string }>;
    expect(conditions('backend')).toEqual({
      db: { condition: 'service_healthy' },
      'admin-password-check': { condition: 'service_completed_successfully' },
    });
    expect(conditions('admin-password-check')).toEqual({ db: { condition: 'service_healthy' } });
    expect(conditions('gateway').frontend).toEqual({ condition: 'service_healthy' });
    expect(conditions('gateway').backend?.condition).toBe('service_started');
    for (const s of ['db', 'backend', 'frontend']) expect(services[s]?.healthcheck?.test).toBeDefined();
  });

  it('configures the backend from OMRS_CONFIG_* and mounts distro/configuration read-only for Initializer', () => {
    const e = environment('backend');
    for (const key of ['SERVER', 'DATABASE', 'USERNAME', 'PASSWORD']) {
      expect(e[`OMRS_CONFIG_CONNECTION_${key}`]).toBeTruthy();
    }
    expect(e.OMRS_CONFIG_AUTO_UPDATE_DATABASE).toBe('true');
    expect(e.TZ).toBe('Africa/Maputo');
    expect(services.backend?.volumes).toContain('./configuration:/openmrs/data/configuration:ro');
    expect(path.basename(path.join(DISTRO, 'configuration'))).toBe('configuration');
  });

  it('runs MariaDB 10.11 in utf8mb4 on a named volume, in Maputo time', () => {
    expect(services.db?.image).toMatch(/^mariadb:10\.11\.\d+$/);
    expect(services.db?.command).toEqual(
      expect.arrayContaining(['--character-set-server=utf8mb4', '--collation-server=utf8mb4_general_ci']),
    );
    expect(services.db?.volumes).toContain('db-data:/var/lib/mysql');
    expect(Object.keys(compose.volumes ?? {})).toContain('db-data');
    expect(environment('db').TZ).toBe('Africa/Maputo');
  });

  describe('hardening', () => {
    it('drops every capability, forbids privilege gain, limits memory, keeps roots read-only', () => {
      expect(hardeningProblems(compose, text)).toEqual([]);
      expect(services.db?.cap_add).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID']);
      const writable = Object.entries(services).filter(([, s]) => !s.read_only);
      expect(writable.map(([name]) => name)).toEqual(['backend', 'ops']);
      for (const [, s] of Object.entries(services)) if (s.read_only) expect(s.tmpfs ?? s.volumes).toBeDefined();
    });

    it('would notice a service without each of them', () => {
      const bad = parse(
        'services:\n  a:\n    image: x:1.0.0\n  b:\n    cap_drop: [ALL]\n    cap_add: [NET_ADMIN]\n' +
          '    security_opt: [no-new-privileges:true]\n    read_only: false\n    mem_limit: 1g\n',
      ) as ComposeFile;
      expect(hardeningProblems(bad, 'services:\n  a:\n  b:\n    read_only: false\n')).toEqual([
        'a: cap_drop is not [ALL]',
        'a: no no-new-privileges',
        'a: read_only not stated',
        'a: no mem_limit',
        'b: adds capabilities NET_ADMIN',
        'b: read_only: false without a comment saying why',
      ]);
    });

    it('gives OpenMRS and MariaDB their heap and buffer pool plus room, sized from .env', () => {
      expect(services.backend?.mem_limit).toMatch(/^\$\{BACKEND_MEMORY:\?/);
      expect(services.db?.mem_limit).toMatch(/^\$\{DB_MEMORY:\?/);
      expect(services.reports?.mem_limit).toMatch(/^\$\{REPORTS_MEMORY:\?/);
      const room = (limit: string, within: string) => bytes(env.get(limit)!) - bytes(env.get(within)!);
      expect(room('BACKEND_MEMORY', 'BACKEND_HEAP')).toBeGreaterThanOrEqual(bytes('768m'));
      expect(room('DB_MEMORY', 'DB_BUFFER_POOL')).toBeGreaterThanOrEqual(bytes('768m'));
      expect(() => bytes('lots')).toThrow(/not a memory size/);
    });

    it('publishes only the gateway, HTTP and HTTPS, onto its unprivileged ports', () => {
      expect(services.gateway?.ports).toEqual([
        '${HTTP_PORT:?set HTTP_PORT in .env}:8080',
        '${HTTPS_PORT:?set HTTPS_PORT in .env}:8443',
      ]);
      expect(Object.entries(services).filter(([n, s]) => n !== 'gateway' && s.ports)).toEqual([]);
      expect(env.get('HTTPS_PORT')).toBe('443');
      expect(env.get('HTTP_PORT')).toBe('80');
    });

    it('pulls only images with an exact tag, and sets no secret to a literal value', () => {
      const pulled = Object.values(services).filter((s) => s.build === undefined);
      expect(pulled.map((s) => imageProblem(s.image ?? '')).filter(Boolean)).toEqual([]);
      for (const name of Object.keys(services)) {
        const secrets = Object.entries(environment(name)).filter(([key]) => isSecretName(key));
        for (const [key, value] of secrets)
          expect({ key, value }).toEqual({ key, value: expect.stringMatching(/^\$\{/) });
      }
    });
  });
});
