import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { getDefaultsFromConfigSchema, useConfig } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import { configSchema, type SystemStatusConfig } from '../config-schema';
import type { SystemStatus } from '../resources/system-status.resource';
import SystemStatusDashboard from './system-status-dashboard.component';

const SERVICE = 'http://localhost/openmrs/ws/poc-emr';
const HOUR = 3_600_000;

function status(overrides: Partial<SystemStatus['facilities'][number]> = {}): SystemStatus {
  return {
    level: 'ok',
    checkedAt: new Date().toISOString(),
    distro: { name: 'poc-emr', version: '0.1.0' },
    openmrs: {
      level: 'ok',
      version: '2.7.9',
      modules: [
        { id: 'fhir2', name: 'fhir2', version: '2.8.0', started: true, error: null },
        { id: 'webservices.rest', name: 'webservices.rest', version: '3.1.0', started: true, error: null },
      ],
      error: null,
    },
    facilities: [
      {
        database: 'openmrs',
        name: 'HD Manhiça',
        level: 'ok',
        facts: {
          serverVersion: '10.11.19-MariaDB',
          sizeBytes: 1.5 * 1024 ** 3,
          patients: 5123,
          encounters: 120456,
          lastEntry: '2026-12-07T10:15:00',
        },
        error: null,
        backups: {
          level: 'ok',
          dir: '/backups',
          maxAgeHours: 26,
          lastGood: {
            file: 'openmrs-20261207T013000Z.sql.gz.age',
            finished: new Date(Date.now() - 5 * HOUR).toISOString(),
            ageHours: 5.2,
            sizeBytes: 210 * 1024 ** 2,
          },
          lastGoodPresent: true,
          lastAttempt: { at: new Date(Date.now() - 5 * HOUR).toISOString(), ok: true },
          offsite: null,
          kept: 9,
        },
        replication: { level: 'off', role: 'none' },
        ...overrides,
      },
    ],
    reportService: { level: 'ok', version: '0.1.0', startedAt: new Date().toISOString(), runsUnderWay: 0 },
    idartBridge: { level: 'off', configured: false, owed: null, errors: null, error: null },
  };
}

let answer: () => Response;
const server = setupServer(
  http.get(`${SERVICE}/system-status`, () => answer()),
  http.get('http://localhost/openmrs/spa/importmap.json', () =>
    HttpResponse.json({
      imports: {
        '@openmrs/esm-login-app': './openmrs-esm-login-app-10.0.0/openmrs-esm-login-app.js',
        '@poc-emr/esm-system-status-app': './esm-system-status-app-0.1.0/poc-emr-esm-system-status-app.js',
      },
    }),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  answer = () => HttpResponse.json(status());
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema) as SystemStatusConfig);
});

const renderDashboard = () =>
  render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <SystemStatusDashboard />
    </SWRConfig>,
  );

const section = (name: string | RegExp) => screen.getByRole('region', { name });

test('versions of the distro, the backend, its modules and the frontend apps; the database; all green', async () => {
  renderDashboard();
  await screen.findByRole('heading', { name: 'Versions' });
  const versions = section('Versions');
  for (const text of ['poc-emr distribution', '0.1.0', '2.7.9', 'webservices.rest', '3.1.0', 'fhir2', '2.8.0'])
    expect(within(versions).getAllByText(text).length).toBeGreaterThan(0);
  expect(await within(versions).findByText('@openmrs/esm-login-app')).toBeInTheDocument();
  expect(within(versions).getByText('10.0.0')).toBeInTheDocument();
  expect(within(versions).getByText('@poc-emr/esm-system-status-app')).toBeInTheDocument();

  const database = section('Database — HD Manhiça');
  expect(within(database).getByText('10.11.19-MariaDB')).toBeInTheDocument();
  expect(within(database).getByText(/^1[.,]5 GB$/)).toBeInTheDocument();
  expect(within(database).getByText(/^5\D?123$/)).toBeInTheDocument();
  expect(within(database).getByText('07/12/2026 10:15')).toBeInTheDocument();

  const backups = section('Backups');
  expect(within(backups).getByText('OK')).toBeInTheDocument();
  expect(within(backups).getByText(/\(5 h ago\)/)).toBeInTheDocument();
  expect(within(backups).getByText(/^210 MB$/)).toBeInTheDocument();
  expect(within(backups).getByText('/backups/openmrs-20261207T013000Z.sql.gz.age')).toBeInTheDocument();

  expect(within(section(/Replication/)).getByText(/Not configured/)).toBeInTheDocument();
  expect(within(section('Services')).getByText(/Not configured: the pharmacy/)).toBeInTheDocument();
});

test('an old backup is amber with the limit named; a failed attempt says why; none at all is red', async () => {
  const old = status().facilities[0].backups;
  answer = () =>
    HttpResponse.json(
      status({
        backups: {
          ...old,
          level: 'warning',
          lastGood: { ...old.lastGood!, ageHours: 30 },
          lastAttempt: { at: new Date().toISOString(), ok: false, error: 'No space left on device' },
        },
      }),
    );
  const { unmount } = renderDashboard();
  const backups = await screen.findByRole('region', { name: 'Backups' });
  expect(within(backups).getByText('Attention')).toBeInTheDocument();
  expect(within(backups).getByText(/older than 26 h/)).toBeInTheDocument();
  expect(within(backups).getByText(/failed: No space left on device/)).toBeInTheDocument();
  unmount();

  answer = () => HttpResponse.json(status({ backups: { ...old, level: 'error', lastGood: null, lastAttempt: null } }));
  renderDashboard();
  const none = await screen.findByRole('region', { name: 'Backups' });
  expect(within(none).getByText('Problem')).toBeInTheDocument();
  expect(within(none).getByText('No successful backup recorded in /backups.')).toBeInTheDocument();
});

test('a facility in hybrid mode: the receiving servers connected, or none', async () => {
  answer = () =>
    HttpResponse.json(
      status({
        replication: {
          level: 'ok',
          role: 'facility',
          code: '1100407',
          position: '1100407-1100407-42',
          receivers: [{ host: 'district.example', upToDate: true, seconds: 20 }],
          canSee: true,
        },
      }),
    );
  const { unmount } = renderDashboard();
  const replication = await screen.findByRole('region', { name: /Replication/ });
  expect(within(replication).getByText('district.example: connected, has everything')).toBeInTheDocument();
  expect(within(replication).getByText('Position: 1100407-1100407-42')).toBeInTheDocument();
  unmount();

  answer = () =>
    HttpResponse.json(
      status({
        replication: { level: 'warning', role: 'facility', code: '1100407', position: '', receivers: [], canSee: true },
      }),
    );
  renderDashboard();
  const down = await screen.findByRole('region', { name: /Replication/ });
  expect(within(down).getByText('Attention')).toBeInTheDocument();
  expect(within(down).getByText(/No receiving server is connected now/)).toBeInTheDocument();
});

test("the service's refusal is shown; Check again asks anew", async () => {
  let calls = 0;
  answer = () => {
    calls++;
    return calls === 1
      ? HttpResponse.json(
          { error: { code: 'forbidden', message: 'Sem o privilégio "Task: poc.view system status".' } },
          { status: 403 },
        )
      : HttpResponse.json(status());
  };
  renderDashboard();
  expect(await screen.findByText('The system status could not be read')).toBeInTheDocument();
  expect(screen.getByText('Sem o privilégio "Task: poc.view system status".')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
  await screen.findByRole('heading', { name: 'Versions' });
  await waitFor(() => expect(calls).toBe(2));
});
