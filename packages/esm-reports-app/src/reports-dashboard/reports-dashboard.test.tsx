import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { getDefaultsFromConfigSchema, useConfig, UserHasAccess } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import { configSchema, type ReportsConfig } from '../config-schema';
import type { Push, Run } from '../resources/types';
import ReportsDashboard from './reports-dashboard.component';

const SERVICE = 'http://localhost/openmrs/ws/poc-emr';

const report = {
  id: 'resumo-mensal',
  label: 'Resumo Mensal de HIV/SIDA',
  periodType: 'Monthly',
  indicators: [
    {
      code: 'B13',
      label: 'Activos em TARV no fim do mês',
      disaggregations: [
        [
          {
            id: 'children',
            label: 'Crianças',
            options: [
              { code: '0-4', label: '0-4' },
              { code: '5-9', label: '5-9' },
            ],
          },
        ],
      ],
    },
  ],
};

const run = (overrides: Partial<Run> = {}): Run => ({
  id: '11111111-1111-1111-1111-111111111111',
  report: 'resumo-mensal',
  periodText: '2026-11',
  period: {
    startDate: '2026-11-01',
    endDate: '2026-11-30',
    dhis2: { type: 'Monthly', id: '202611', adx: '2026-11-01/P1M' },
  },
  facility: { database: 'facility_1100407', code: '1100407', name: 'HD Manhiça' },
  requestedBy: { username: 'oficial.ma', display: 'Rui Sitoe' },
  trigger: 'user',
  status: 'done',
  progress: { done: 24, total: 24 },
  createdAt: '2026-12-01T08:00:00Z',
  startedAt: '2026-12-01T08:00:00Z',
  rowsRead: 1000,
  finishedAt: '2026-12-01T08:00:09Z',
  durationMs: 9000,
  error: null,
  pushes: [],
  ...overrides,
});

const push = (overrides: Partial<Push>): Push => ({
  id: 'p',
  dryRun: true,
  format: 'json',
  at: '2026-12-01T09:00:00Z',
  by: 'oficial.ma',
  status: 'ok',
  httpStatus: 200,
  importCount: { imported: 4, updated: 0, ignored: 0, deleted: 0 },
  conflicts: [],
  message: 'Import was successful.',
  attempts: 1,
  values: 4,
  ...overrides,
});

let current: Run;
let polls = 0;
const posted: unknown[] = [];
let pushAnswer: (dryRun: boolean) => Response;

const server = setupServer(
  http.get(`${SERVICE}/reports`, () =>
    HttpResponse.json({
      reports: [report],
      facilities: [{ database: 'facility_1100407', code: '1100407', name: 'HD Manhiça' }],
      dhis2: { format: 'json', reports: ['resumo-mensal'] },
    }),
  ),
  http.get(`${SERVICE}/runs`, () => HttpResponse.json({ runs: current ? [current] : [] })),
  http.post(`${SERVICE}/runs`, async ({ request }) => {
    posted.push(await request.json());
    current = run({ status: 'running', progress: { done: 3, total: 24 } });
    return HttpResponse.json(current, { status: 202 });
  }),
  http.get(`${SERVICE}/runs/:id`, () => {
    if (current.status === 'running' && ++polls > 1) current = run();
    return HttpResponse.json(current);
  }),
  http.get(`${SERVICE}/runs/:id/result`, () =>
    HttpResponse.json({
      run: current,
      report,
      facility: current.facility,
      cells: [
        { indicator: 'B13', options: {}, value: 12 },
        { indicator: 'B13', options: { children: '0-4' }, value: 2 },
        { indicator: 'B13', options: { children: '5-9' }, value: 1 },
        { indicator: 'B13', options: { children: 'total' }, value: 3 },
      ],
    }),
  ),
  http.get(`${SERVICE}/runs/:id/patients`, ({ request }) => {
    const options = new URL(request.url).searchParams.get('options');
    expect(options).toBe('{"children":"0-4"}');
    return HttpResponse.json({
      total: 2,
      page: 1,
      pageSize: 25,
      rows: [
        {
          patientId: 7,
          patientUuid: 'uuid-7',
          nid: '1100407/24/00007',
          name: 'Ana Cossa',
          sex: 'F',
          age: 3,
          artStart: '2024-01-10',
          lastPickup: '2026-11-02',
          nextPickup: '2026-12-02',
          state: null,
        },
        {
          patientId: 8,
          patientUuid: 'uuid-8',
          nid: '1100407/25/00008',
          name: 'Rui Cossa',
          sex: 'U',
          age: 4,
          artStart: '2025-01-10',
          lastPickup: '2026-11-03',
          nextPickup: '2026-12-03',
          state: null,
        },
      ],
    });
  }),
  http.post(`${SERVICE}/runs/:id/dhis2`, async ({ request }) => {
    const { dryRun } = (await request.json()) as { dryRun: boolean };
    return pushAnswer(dryRun);
  }),
  http.get(`${SERVICE}/completeness`, () =>
    HttpResponse.json({
      report: 'resumo-mensal',
      periods: ['2026-11', '2026-10'],
      facilities: [{ database: 'facility_1100407', code: '1100407', name: 'HD Manhiça' }],
      cells: [
        { facility: 'facility_1100407', period: '2026-11', status: 'sent', runId: 'x', at: null, message: null },
        { facility: 'facility_1100407', period: '2026-10', status: 'failed', runId: 'y', at: null, message: 'E7610' },
      ],
    }),
  ),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // Carbon's Modal measures itself; jsdom has no ResizeObserver (every browser does).
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterAll(() => server.close());
beforeEach(() => {
  current = undefined as unknown as Run;
  polls = 0;
  posted.length = 0;
  sendOpenmrsFetchToNetwork();
  jest
    .mocked(useConfig)
    .mockReturnValue({ ...getDefaultsFromConfigSchema(configSchema), pollSeconds: 1 } as ReportsConfig);
  jest.mocked(UserHasAccess).mockImplementation(({ children }) => <>{children}</>);
});

const renderDashboard = () =>
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <ReportsDashboard />
    </SWRConfig>,
  );

async function runLastMonth() {
  renderDashboard();
  fireEvent.click(await screen.findByRole('button', { name: 'Run report' }));
}

test('runs the report for the month that closed, shows its progress, then the form; a number opens its patients', async () => {
  await runLastMonth();
  expect(await screen.findByText('3 of 24 indicators')).toBeInTheDocument();
  expect(posted).toEqual([
    { report: 'resumo-mensal', period: expect.stringMatching(/^\d{4}-\d{2}$/), facility: 'facility_1100407' },
  ]);
  expect(
    await screen.findByRole(
      'heading',
      { name: /Resumo Mensal de HIV\/SIDA · November 2026 · HD Manhiça/ },
      { timeout: 4000 },
    ),
  ).toBeInTheDocument();
  expect(screen.getByText('Activos em TARV no fim do mês')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'B13: 12' })).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'B13 · 0-4: 2' }));
  const dialog = await screen.findByRole('dialog');
  expect(await within(dialog).findByRole('link', { name: 'Ana Cossa' })).toHaveAttribute(
    'href',
    '/openmrs/spa/patient/uuid-7/chart',
  );
  expect(within(dialog).getByText('1100407/25/00008')).toBeInTheDocument();
  // sex U (unknown) is not shown as male
  expect(within(dialog).getByText('1100407/25/00008').closest('tr')).toHaveTextContent('Unknown');
  expect(screen.getByRole('link', { name: 'Excel (MISAU form)' })).toHaveAttribute(
    'href',
    '/openmrs/ws/poc-emr/runs/11111111-1111-1111-1111-111111111111/download/xlsx',
  );
});

test("the runs kept: the report's name, and when as dates are written here (dd/mm/aaaa hh:mm)", async () => {
  current = run({ requestedBy: { username: 'scheduler', display: 'Agendamento automático' } });
  renderDashboard();
  const runs = await screen.findByRole('table', { name: 'Runs' });
  const row = (await within(runs).findByText('Resumo Mensal de HIV/SIDA')).closest('[role=row]')!;
  expect(row).toHaveTextContent(/November 2026.*HD Manhiça.*Agendamento automático.*01\/12\/2026 \d{2}:00/);
  expect(row).not.toHaveTextContent(/AM|PM|12\/1\/2026/);
});

test('the month is picked by name and year, not typed as the browser writes dates', async () => {
  renderDashboard();
  const month = (await screen.findByRole('combobox', { name: 'Month' })) as HTMLSelectElement;
  expect([...month.options].map((o) => o.text)).toEqual([
    ...['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'],
    ...['September', 'October', 'November', 'December'],
  ]);
  fireEvent.change(month, { target: { value: '03' } });
  const year = screen.getByRole('combobox', { name: 'Year' }) as HTMLSelectElement;
  fireEvent.change(year, { target: { value: year.options[1].value } });
  fireEvent.click(screen.getByRole('button', { name: 'Run report' }));
  expect(await screen.findByText('3 of 24 indicators')).toBeInTheDocument();
  expect(posted).toEqual([expect.objectContaining({ period: `${year.options[1].value}-03` })]);
});

test('a run already under way is refused with who started it, and followed instead', async () => {
  server.use(
    http.post(`${SERVICE}/runs`, () => {
      current = run({
        status: 'running',
        progress: { done: 10, total: 24 },
        requestedBy: { username: 'x', display: 'Ana Mondlane' },
      });
      return HttpResponse.json(
        {
          error: {
            code: 'run-in-progress',
            message: 'Já está a correr resumo-mensal 2026-11 (pedido por Ana Mondlane).',
            run: current,
          },
        },
        { status: 409 },
      );
    }),
  );
  await runLastMonth();
  expect(await screen.findByText(/pedido por Ana Mondlane/)).toBeInTheDocument();
  expect(await screen.findByText('10 of 24 indicators')).toBeInTheDocument();
});

test('SIS-MA: the test send shows the import summary; only a clean test offers the real send, which is recorded', async () => {
  current = run();
  pushAnswer = (dryRun) => {
    const recorded = push({ dryRun, id: dryRun ? 'd1' : 's1' });
    current = { ...current, pushes: [...current.pushes, recorded] };
    return HttpResponse.json(recorded);
  };
  renderDashboard();
  fireEvent.click(await screen.findByRole('button', { name: 'Open' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Test sending (dry run)' }));
  expect(await screen.findByText('Test passed: SIS-MA would take every value')).toBeInTheDocument();
  const summary = screen.getByLabelText('Import summary');
  expect(within(summary).getByText('Imported').nextSibling).toHaveTextContent('4');
  fireEvent.click(await screen.findByRole('button', { name: 'Send to SIS-MA now' }));
  expect(await screen.findByRole('list', { name: 'Sent before' })).toHaveTextContent('Sent to SIS-MA');
  expect(screen.queryByRole('button', { name: 'Send to SIS-MA now' })).not.toBeInTheDocument();
});

test('SIS-MA: conflicts are listed and nothing can be sent; a refusal (mapping missing a cell) is shown', async () => {
  current = run();
  pushAnswer = () => {
    const recorded = push({
      status: 'conflicts',
      httpStatus: 409,
      importCount: { imported: 3, updated: 0, ignored: 1, deleted: 0 },
      conflicts: [
        { object: 'deB13xxxxxx', value: 'Data element not found or not accessible: `deB13xxxxxx`', errorCode: 'E7610' },
      ],
      message: 'One more conflicts encountered, please check import summary.',
    });
    current = { ...current, pushes: [recorded] };
    return HttpResponse.json(recorded);
  };
  renderDashboard();
  fireEvent.click(await screen.findByRole('button', { name: 'Open' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Test sending (dry run)' }));
  expect(await screen.findByText('Test found problems: nothing can be sent yet')).toBeInTheDocument();
  expect(screen.getByRole('list', { name: 'Conflicts' })).toHaveTextContent('E7610 Data element not found');
  expect(screen.queryByRole('button', { name: 'Send to SIS-MA now' })).not.toBeInTheDocument();

  pushAnswer = () =>
    HttpResponse.json(
      {
        error: {
          code: 'mapping-incomplete',
          message: 'A correspondência SIS-MA não cobre 1 células (B13): nada foi enviado.',
        },
      },
      { status: 409 },
    );
  fireEvent.click(screen.getByRole('button', { name: 'Test sending (dry run)' }));
  expect(await screen.findByText(/não cobre 1 células/)).toBeInTheDocument();
});

test('the completeness grid: sent and failed periods of each facility', async () => {
  renderDashboard();
  const grid = await screen.findByRole('table', { name: 'Sent to SIS-MA' });
  await waitFor(() => expect(within(grid).getByText('Sent')).toBeInTheDocument());
  expect(within(grid).getByText('Failed')).toBeInTheDocument();
});

test('the service down: a clear message instead of the form', async () => {
  server.use(
    http.get(`${SERVICE}/reports`, () =>
      HttpResponse.json(
        { error: { code: 'openmrs-unavailable', message: 'O OpenMRS não responde.' } },
        { status: 503 },
      ),
    ),
  );
  renderDashboard();
  expect(await screen.findByText('The report service did not answer')).toBeInTheDocument();
  expect(screen.getByText('O OpenMRS não responde.')).toBeInTheDocument();
});
