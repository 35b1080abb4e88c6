import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { NID_IDENTIFIER_TYPE } from '@poc-emr/fila';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import PharmacyDashboard from '../pharmacy-dashboard.component';
import { mockPharmacistSession, renderFresh } from '../test-support';
import type { PickupListRow } from '../resources/pickup-lists.resource';

// Farmácia's home against msw: today's expected pickups and the late ones from the report service's lists,
// the bands, the pages, a row opening the patient's dispensing, a refusal said plainly.

const BASE = 'http://localhost/openmrs/ws';
const BANDS = [
  { code: '1-7', label: 'Faltoso (1–7 dias)' },
  { code: '8-28', label: 'Faltoso (8–28 dias)' },
  { code: '29-59', label: 'Faltoso (29–59 dias)' },
  { code: '60+', label: 'Abandono (≥ 60 dias)' },
];

const row = (i: number, extra: Partial<PickupListRow> = {}): PickupListRow => ({
  patientUuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  nid: `1100407/24/${String(i).padStart(5, '0')}`,
  name: `Utente ${i}`,
  sex: i % 2 ? 'F' : 'M',
  age: 20 + i,
  phone: null,
  lastPickup: '2026-11-07',
  nextPickup: '2026-12-07',
  daysLate: 0,
  band: null,
  ...extra,
});

let expected: PickupListRow[];
let late: PickupListRow[];
let refuse: boolean;
let asked: URL[];

const page = (id: string, rows: PickupListRow[], url: URL) => {
  const band = url.searchParams.get('band');
  const size = Number(url.searchParams.get('pageSize'));
  const p = Number(url.searchParams.get('page'));
  const shown = rows.filter((r) => !band || r.band === band);
  return {
    list: { id, label: id, bands: id === 'late-for-pickup' ? BANDS : undefined },
    date: '2026-12-07',
    bands: Object.fromEntries(
      (id === 'late-for-pickup' ? BANDS : []).map((b) => [b.code, rows.filter((r) => r.band === b.code).length]),
    ),
    rows: shown.slice((p - 1) * size, p * size),
    total: shown.length,
    page: p,
    pageSize: size,
  };
};

const server = setupServer(
  http.get(`${BASE}/idart/errors`, () => HttpResponse.json({}, { status: 404 })),
  http.get(`${BASE}/poc-emr/lists/:id`, ({ params, request }) => {
    const url = new URL(request.url);
    asked.push(url);
    if (refuse)
      return HttpResponse.json(
        { error: { code: 'forbidden', message: 'Privilégio em falta: Task: poc.view follow-up lists' } },
        { status: 403 },
      );
    const rows = params.id === 'expected-for-pickup' ? expected : late;
    return HttpResponse.json(page(String(params.id), rows, url));
  }),
  http.get(`${BASE}/rest/v1/patient/:uuid`, ({ params }) =>
    HttpResponse.json({
      uuid: params.uuid,
      identifiers: [{ identifier: '1100407/24/00002', identifierType: { uuid: NID_IDENTIFIER_TYPE } }],
      person: { display: 'Utente 2', gender: 'M', birthdate: '2004-01-01T00:00:00.000+0200' },
    }),
  ),
  http.get(`${BASE}/rest/v1/patient`, () => HttpResponse.json({ results: [] })),
  http.get(`${BASE}/rest/v1/encounter`, () => HttpResponse.json({ results: [] })),
  http.get(`${BASE}/rest/v1/order`, () => HttpResponse.json({ results: [] })),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  expected = [row(1), row(2)];
  late = [
    row(10, { daysLate: 3, band: '1-7', nextPickup: '2026-12-04' }),
    row(11, { daysLate: 20, band: '8-28', nextPickup: '2026-11-17' }),
    row(12, { daysLate: 75, band: '60+', nextPickup: '2026-09-23' }),
  ];
  refuse = false;
  asked = [];
  mockPharmacistSession();
});

const renderHome = () => renderFresh(<PharmacyDashboard />);

const cells = (section: HTMLElement) =>
  within(section)
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );

test("today's expected pickups and the late ones, with their bands", async () => {
  renderHome();
  const today = await screen.findByRole('region', { name: 'Expected today' });
  await waitFor(() => expect(within(today).getByRole('heading')).toHaveTextContent('Expected today (2)'));
  expect(cells(today)).toEqual([
    ['1100407/24/00001', 'Utente 1', 'F 21', '', '07/11/2026'],
    ['1100407/24/00002', 'Utente 2', 'M 22', '', '07/11/2026'],
  ]);
  const lateSection = screen.getByRole('region', { name: 'Late for their pickup' });
  await waitFor(() => expect(within(lateSection).getByRole('heading')).toHaveTextContent('(3)'));
  expect(cells(lateSection)[2]).toEqual([
    '1100407/24/00012',
    'Utente 12',
    'M 32',
    '',
    '07/11/2026',
    '23/09/2026',
    '75',
  ]);
  // The lists are today's: no date is sent, the service takes its own day.
  expect(asked.every((u) => !u.searchParams.has('date'))).toBe(true);

  fireEvent.click(within(lateSection).getByRole('button', { name: 'Abandono (≥ 60 dias) (1)' }));
  await waitFor(() => expect(within(lateSection).getAllByRole('row')).toHaveLength(2));
  expect(asked.at(-1)?.searchParams.get('band')).toBe('60+');
  expect(within(lateSection).getByRole('button', { name: 'Abandono (≥ 60 dias) (1)' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // The heading still counts the whole list.
  expect(within(lateSection).getByRole('heading')).toHaveTextContent('(3)');
  fireEvent.click(within(lateSection).getByRole('button', { name: 'All (3)' }));
  await waitFor(() => expect(within(lateSection).getAllByRole('row')).toHaveLength(4));
});

test("a row opens the patient's dispensing; back leads to the lists", async () => {
  renderHome();
  const today = await screen.findByRole('region', { name: 'Expected today' });
  fireEvent.click(await within(today).findByRole('button', { name: 'Utente 2' }));
  await screen.findByRole('heading', { name: 'Utente 2' });
  expect(await screen.findByRole('form', { name: 'Dispense ARVs' })).toBeInTheDocument();
  expect(screen.queryByRole('region', { name: 'Expected today' })).not.toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'Back to the pickup lists' }));
  expect(await screen.findByRole('region', { name: 'Expected today' })).toBeInTheDocument();
});

test('a long list is paged; empty lists say so', async () => {
  expected = [];
  late = Array.from({ length: 30 }, (_, i) => row(100 + i, { daysLate: 2, band: '1-7' }));
  renderHome();
  expect(await screen.findByText('No patient is expected today.')).toBeInTheDocument();
  const lateSection = screen.getByRole('region', { name: 'Late for their pickup' });
  await waitFor(() => expect(within(lateSection).getAllByRole('row')).toHaveLength(26));
  fireEvent.click(within(lateSection).getByRole('button', { name: /next page/i }));
  await waitFor(() => expect(within(lateSection).getAllByRole('row')).toHaveLength(6));
  expect(asked.at(-1)?.searchParams.get('page')).toBe('2');
  late = [];
});

test('a user the service refuses sees that the lists could not be read, and why; the search by NID still works', async () => {
  refuse = true;
  renderHome();
  await waitFor(() => expect(screen.getAllByText('The list could not be read.')).toHaveLength(2));
  expect(screen.getAllByText('Privilégio em falta: Task: poc.view follow-up lists')).toHaveLength(2);
  const search = screen.getByRole('searchbox', { name: 'NID' });
  fireEvent.change(search, { target: { value: '0000/99' } });
  fireEvent.submit(search.closest('form')!);
  expect(await screen.findByText('No patient has the NID 0000/99.')).toBeInTheDocument();
});
