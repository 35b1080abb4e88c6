import { parse } from 'yaml';
import { parseCsv } from '@poc-emr/metadata/src/csv';
import { REPORT_SERVICE_PATH } from '@poc-emr/gateway';
import { PREFIX, PRIVILEGES } from '@poc-emr/report-service';
import { type ComposeFile, parseEnvFile, read } from './lib';

// The report service in the distribution: its container, its route through the gateway, its read-only
// database account, and the privileges its endpoints require defined and granted to the right roles.

const compose = parse(read('docker-compose.yml')) as ComposeFile;
const reports = compose.services!.reports!;
const environment = reports.environment as Record<string, string>;

test('runs beside the backend: read-only account on the OpenMRS database, sessions checked with OpenMRS, data kept', () => {
  expect(reports.depends_on).toEqual({
    db: { condition: 'service_healthy' },
    backend: { condition: 'service_started' },
  });
  expect(environment.OPENMRS_URL).toBe('http://backend:8080/openmrs');
  expect(environment.REPORT_DATABASES).toMatch(
    /^mysql:\/\/reports:\$\{REPORTS_DB_PASSWORD:\?[^}]+\}@db:3306\/\$\{OMRS_DB_NAME:\?/,
  );
  expect(reports.volumes).toEqual([
    'report-data:/data',
    './report-service/mappings:/mappings:ro',
    '${BACKUP_DIR:?set BACKUP_DIR in .env}:/backups:ro',
  ]);
  expect(compose.volumes).toHaveProperty('report-data');
  expect(compose.services!.db!.volumes).toContain(
    './db/report-account.sh:/docker-entrypoint-initdb.d/50-report-account.sh:ro',
  );
  const account = read('db/report-account.sh');
  expect(account).toContain("GRANT SELECT, CREATE TEMPORARY TABLES ON \\`${MARIADB_DATABASE}\\`.* TO 'reports'@'%';");
  expect(account).not.toMatch(/GRANT ALL|INSERT|UPDATE|DELETE/);
});

test("the system status reads the backups ops writes, read-only, and the bridge's health when there is one", () => {
  expect(environment.BACKUP_DIR).toBe('/backups');
  const ops = compose.services!.ops!.volumes as string[];
  expect(ops).toContain('${BACKUP_DIR:?set BACKUP_DIR in .env}:/backups');
  expect(environment.BACKUP_MAX_AGE_HOURS).toBe('${BACKUP_MAX_AGE_HOURS:-26}');
  expect(environment.IDART_BRIDGE_URL).toBe('${IDART_BRIDGE_URL:?set IDART_BRIDGE_URL in .env (off without iDART)}');
  const env = parseEnvFile(read('.env.example'));
  expect(env.get('BACKUP_MAX_AGE_HOURS')).toBe('26');
  expect(env.get('IDART_BRIDGE_URL')).toBe('off');
  // Hybrid mode's connections (PROCESS) and a receiving server's channels (SLAVE MONITOR): read-only grants.
  expect(read('db/report-account.sh')).toContain("GRANT PROCESS, SLAVE MONITOR ON *.* TO 'reports'@'%';");
});

test("the system status privilege is the administrator's alone", () => {
  const roles = parseCsv(read('configuration/roles/roles.csv'));
  const holders = roles.records
    .filter((r) =>
      r.cells[roles.headers.indexOf('Privileges')]
        .split(';')
        .map((p) => p.trim())
        .includes(PRIVILEGES.viewSystemStatus),
    )
    .map((r) => r.cells[roles.headers.indexOf('Role name')]);
  expect(holders).toEqual(['Administrator']);
});

test("the healthcheck asks the service's health route on the port its image sets", () => {
  const port = /ENV .*PORT=(\d+)/.exec(read('report-service/Dockerfile'))![1];
  expect(reports.healthcheck!.test).toEqual([
    'CMD',
    'wget',
    '-q',
    '-O',
    '/dev/null',
    `http://127.0.0.1:${port}${PREFIX}/health`,
  ]);
});

test("the gateway routes the report service's path to it, as the demo gateway does", () => {
  expect(`${PREFIX}/`).toBe(REPORT_SERVICE_PATH);
  const port = /ENV .*PORT=(\d+)/.exec(read('report-service/Dockerfile'))![1];
  expect(read('gateway/nginx.conf')).toContain(`default reports:${port};`);
  expect(read('gateway/templates/gateway.conf')).toMatch(
    new RegExp(`location ${REPORT_SERVICE_PATH} \\{\\n[^}]*proxy_pass http://\\$reports_upstream;`),
  );
  expect(compose.services!.gateway!.depends_on).toHaveProperty('reports');
});

test('SIS-MA settings: off by default, a password to fill in when on', () => {
  const env = parseEnvFile(read('.env.example'));
  expect(env.get('DHIS2_URL')).toBe('off');
  expect(env.get('DHIS2_PASSWORD')).toBe('');
  expect(env.get('REPORTS_DB_PASSWORD')).toBe('');
  expect(env.get('REPORT_SCHEDULE')).toBe('resumo-mensal monthly 1 02:00; mer quarterly 5 03:00');
});

test('every privilege the service requires is defined, granted to the M&E officer (reports), the clinician (lists, HIV summary), the pharmacist (lists: expected and late pickups) and the data clerk (HIV summary, to fill the HIV forms)', () => {
  const privileges = parseCsv(read('configuration/privileges/privileges.csv'));
  const defined = privileges.records.map((r) => r.cells[privileges.headers.indexOf('Privilege name')]);
  for (const privilege of Object.values(PRIVILEGES)) expect(defined).toContain(privilege);
  const roles = parseCsv(read('configuration/roles/roles.csv'));
  const granted = (role: string) =>
    roles.records
      .find((r) => r.cells[roles.headers.indexOf('Role name')] === role)!
      .cells[roles.headers.indexOf('Privileges')].split(';')
      .map((p) => p.trim());
  expect(granted('M&E Officer')).toEqual(
    expect.arrayContaining([PRIVILEGES.runReports, PRIVILEGES.exportData, PRIVILEGES.sendToSisma]),
  );
  expect(granted('Clinician')).toEqual(expect.arrayContaining([PRIVILEGES.followUpLists, PRIVILEGES.viewHivSummary]));
  expect(granted('Clinician')).not.toContain(PRIVILEGES.runReports);
  expect(granted('Pharmacist')).toContain(PRIVILEGES.followUpLists);
  expect(granted('Pharmacist')).not.toContain(PRIVILEGES.viewHivSummary);
  for (const privilege of Object.values(PRIVILEGES)) {
    expect([privilege, granted('Data Clerk').includes(privilege)]).toEqual([
      privilege,
      privilege === PRIVILEGES.viewHivSummary,
    ]);
    expect(granted('Administrator')).toContain(privilege);
  }
});
