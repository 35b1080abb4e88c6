import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { getDefaultsFromConfigSchema, useConfig } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import { configSchema, type ReportsConfig } from '../config-schema';
import FollowUpDashboard from './follow-up-dashboard.component';

const SERVICE = 'http://localhost/openmrs/ws/poc-emr';
const BANDS = [
  { code: '1-7', label: 'Faltoso (1–7 dias)' },
  { code: '60+', label: 'Abandono (≥ 60 dias)' },
];
const lists = [
  {
    id: 'late-for-pickup',
    label: 'Faltosos e abandonos ao levantamento de ARV',
    shortLabel: 'Faltosos e abandonos',
    dueDate: 'Levantamento marcado',
    bands: BANDS,
  },
  {
    id: 'viral-load-due',
    label: 'Elegíveis para colheita de carga viral',
    shortLabel: 'Carga viral devida',
    dueDate: 'Carga viral devida desde',
  },
];

const row = (id: number, name: string, band: string, daysLate: number) => ({
  patientId: id,
  patientUuid: `uuid-${id}`,
  nid: `1100407/24/0000${id}`,
  name,
  sex: 'F',
  age: 31,
  phone: '841234567',
  referencePoint: 'Perto da escola',
  confidantName: 'Maria Cossa',
  confidantPhone: '821112223',
  lastPickup: '2026-09-01',
  nextPickup: '2026-10-01',
  daysLate,
  nextConsultation: '2026-11-01',
  lastViralLoad: '5000',
  lastViralLoadDate: '2026-06-01',
  band,
  dueDate: '2026-10-01',
});

const requests: URLSearchParams[] = [];

const server = setupServer(
  http.get(`${SERVICE}/lists`, () =>
    HttpResponse.json({ facility: { database: 'facility_1100407', code: '1100407', name: 'HD Manhiça' }, lists }),
  ),
  http.get(`${SERVICE}/lists/:id`, ({ request, params }) => {
    const query = new URL(request.url).searchParams;
    requests.push(query);
    const all =
      params.id === 'late-for-pickup'
        ? [row(1, 'Joana Machava', '1-7', 3), row(2, 'Carlos Mucavele', '60+', 90)]
        : [row(3, 'Lina Cumbe', '', 0)];
    const rows = all
      .filter((r) => !query.get('band') || r.band === query.get('band'))
      .filter((r) => !query.get('q') || r.name.includes(query.get('q')!));
    return HttpResponse.json({
      list: lists.find((l) => l.id === params.id),
      date: query.get('date'),
      facility: { database: 'facility_1100407', code: '1100407', name: 'HD Manhiça' },
      bands: { '1-7': 1, '60+': 1 },
      total: rows.length,
      page: 1,
      pageSize: 25,
      rows,
    });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  requests.length = 0;
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema) as ReportsConfig);
});

const renderDashboard = () =>
  render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <FollowUpDashboard />
    </SWRConfig>,
  );

test('faltosos of the facility today, with what a follow-up worker needs; each name opens the chart', async () => {
  renderDashboard();
  expect(await screen.findByText(/HD Manhiça ·/)).toBeInTheDocument();
  const table = await screen.findByRole('table', { name: '2 patients' });
  const joana = within(table).getByRole('link', { name: 'Joana Machava' });
  expect(joana).toHaveAttribute('href', '/openmrs/spa/patient/uuid-1/chart');
  const cells = within(joana.closest('tr')!)
    .getAllByRole('cell')
    .map((c) => c.textContent);
  expect(cells).toEqual([
    '1100407/24/00001',
    'Joana Machava',
    'F 31',
    '841234567',
    'Perto da escola',
    'Maria Cossa · 821112223',
    '01/09/2026',
    '3',
    '01/11/2026',
    '5000 (01/06/2026)',
    '01/10/2026',
  ]);
  expect(screen.getByRole('columnheader', { name: 'Levantamento marcado' })).toBeInTheDocument();
  expect(requests[0].get('date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test('by band, by search, by date; the other lists; print', async () => {
  renderDashboard();
  const bands = await screen.findByRole('group', { name: 'Days late' });
  fireEvent.click(within(bands).getByRole('button', { name: 'Abandono (≥ 60 dias) (1)' }));
  await waitFor(() => expect(screen.getByRole('table', { name: '1 patients' })).toBeInTheDocument());
  expect(screen.getByRole('link', { name: 'Carlos Mucavele' })).toBeInTheDocument();
  expect(requests.at(-1)!.get('band')).toBe('60+');

  fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-10-15' } });
  await waitFor(() => expect(requests.at(-1)!.get('date')).toBe('2026-10-15'));

  fireEvent.change(screen.getByRole('searchbox', { name: 'Search by NID, name or phone' }), {
    target: { value: 'Lina' },
  });
  await waitFor(() => expect(requests.at(-1)!.get('q')).toBe('Lina'));

  // The tab says it in a few words; the heading says it in full.
  fireEvent.click(screen.getByRole('tab', { name: 'Carga viral devida' }));
  expect(await screen.findByRole('heading', { name: 'Elegíveis para colheita de carga viral' })).toBeInTheDocument();
  await waitFor(() => expect(requests.at(-1)!.get('band')).toBeNull());

  const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
  fireEvent.click(screen.getByRole('button', { name: 'Print' }));
  expect(print).toHaveBeenCalled();
});

test('a clinician whose login location is not a facility of this server is told so', async () => {
  server.use(
    http.get(`${SERVICE}/lists`, () =>
      HttpResponse.json(
        {
          error: {
            code: 'no-facility',
            message: 'A localização da sua sessão não é de uma unidade sanitária deste servidor.',
          },
        },
        { status: 403 },
      ),
    ),
  );
  renderDashboard();
  expect(await screen.findByText(/não é de uma unidade sanitária/)).toBeInTheDocument();
});
