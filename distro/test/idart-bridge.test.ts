import { parse } from 'yaml';
import { parseCsv } from '@poc-emr/metadata/src/csv';
import { IDART_BRIDGE_PATH } from '@poc-emr/gateway';
import { BRIDGE_PRIVILEGES, IDART_PREFIX } from '@poc-emr/idart-bridge';
import { parseDrugMapping } from '@poc-emr/idart-bridge/src/drugs';
import { type ComposeFile, parseEnvFile, read } from './lib';

// The iDART bridge in the distribution: an opt-in container (profile idart), its route through the
// gateway, its settings, its drug mapping and the OpenMRS role its account needs.

const compose = parse(read('docker-compose.yml')) as ComposeFile & {
  services: Record<string, { profiles?: string[] }>;
};
const bridge = compose.services!['idart-bridge']!;
const environment = bridge.environment as Record<string, string>;
const port = /ENV .*PORT=(\d+)/.exec(read('idart-bridge/Dockerfile'))![1];

test('runs only with --profile idart, beside the backend, the drug mapping mounted read-only', () => {
  expect(bridge.profiles).toEqual(['idart']);
  expect(bridge.depends_on).toEqual({
    db: { condition: 'service_healthy' },
    backend: { condition: 'service_started' },
  });
  expect(environment.OPENMRS_URL).toBe('http://backend:8080/openmrs');
  expect(environment.OPENMRS_DATABASE_URL).toMatch(/^mysql:\/\/reports:\$\{REPORTS_DB_PASSWORD:\?/);
  expect(environment.IDART_DATABASE_URL).toMatch(
    /^postgresql:\/\/\$\{IDART_DB_USER:\?[^}]+\}:\$\{IDART_DB_PASSWORD:\?/,
  );
  expect(bridge.volumes).toEqual(['./idart-bridge/drugs.csv:/config/drugs.csv:ro']);
  expect(read('idart-bridge/Dockerfile')).toContain('BRIDGE_DRUG_MAPPING=/config/drugs.csv');
});

test('the healthcheck and the gateway route reach the bridge on the port its image sets', () => {
  expect(bridge.healthcheck!.test).toEqual([
    'CMD',
    'wget',
    '-q',
    '-O',
    '/dev/null',
    `http://127.0.0.1:${port}${IDART_PREFIX}/health`,
  ]);
  expect(`${IDART_PREFIX}/`).toBe(IDART_BRIDGE_PATH);
  expect(read('gateway/nginx.conf')).toContain(`map "" $idart_upstream {\n    default idart-bridge:${port};\n  }`);
  expect(read('gateway/templates/gateway.conf')).toContain(
    `location ${IDART_BRIDGE_PATH} {\n  client_max_body_size 16k;\n  proxy_pass http://$idart_upstream;\n}`,
  );
});

test('settings: off without iDART, passwords to fill in', () => {
  const env = parseEnvFile(read('.env.example'));
  expect(env.get('IDART_DB_HOST')).toBe('off');
  expect(env.get('IDART_DB_PASSWORD')).toBe('');
  expect(env.get('BRIDGE_OPENMRS_PASSWORD')).toBe('');
  expect(env.get('BRIDGE_OPENMRS_USER')).toBe('idart-bridge');
});

test('the drug mapping parses and names only drugs of distro/configuration', () => {
  const drugs = parseCsv(read('configuration/drugs/drugs.csv'));
  const known = new Set(drugs.records.map((r) => r.cells[drugs.headers.indexOf('Uuid')]));
  const mapping = parseDrugMapping(read('idart-bridge/drugs.csv'));
  expect(mapping.size).toBeGreaterThan(10);
  expect([...mapping.values()].filter((uuid) => !known.has(uuid))).toEqual([]);
});

test('the pharmacist has the privileges of the API; the bridge account a role of its own', () => {
  const privileges = parseCsv(read('configuration/privileges/privileges.csv'));
  const defined = privileges.records.map((r) => r.cells[privileges.headers.indexOf('Privilege name')]);
  const roles = parseCsv(read('configuration/roles/roles.csv'));
  const granted = (role: string) =>
    roles.records
      .find((r) => r.cells[roles.headers.indexOf('Role name')] === role)!
      .cells[roles.headers.indexOf('Privileges')].split(';')
      .map((p) => p.trim());
  for (const privilege of Object.values(BRIDGE_PRIVILEGES)) {
    expect(defined).toContain(privilege);
    expect(granted('Pharmacist')).toContain(privilege);
  }
  expect(granted('iDART Bridge')).toEqual(
    expect.arrayContaining(['Add Encounters', 'Edit Encounters', 'Get Patient Programs']),
  );
  expect(granted('iDART Bridge')).not.toContain('App: poc.pharmacy');
});
