import path from 'node:path';
import { parse } from 'yaml';
import {
  DISTRO,
  type ComposeFile,
  composePathProblems,
  composeVariables,
  isSecretName,
  parseEnvFile,
  read,
  yamlStrings,
} from './lib';

const text = read('docker-compose.yml');
const compose = parse(text) as ComposeFile;
const services = compose.services ?? {};
const env = parseEnvFile(read('.env.example'));
const variables = composeVariables(yamlStrings(compose).join('\n'));

const environment = (service: string) => {
  const e = services[service]?.environment ?? {};
  return Array.isArray(e) ? Object.fromEntries(e.map((kv) => kv.split('='))) : e;
};

describe('docker-compose.yml', () => {
  it('parses and has the gateway, frontend, backend, reports, db and ops services', () => {
    expect(Object.keys(services).sort()).toEqual(['backend', 'db', 'frontend', 'gateway', 'ops', 'reports']);
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
    expect(conditions('backend')).toEqual({ db: { condition: 'service_healthy' } });
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
});
