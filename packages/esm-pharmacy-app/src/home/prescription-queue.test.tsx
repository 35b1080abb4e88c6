import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { showSnackbar } from '@openmrs/esm-framework';
import { FILA_METADATA, NID_IDENTIFIER_TYPE } from '@poc-emr/fila';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import PharmacyDashboard from '../pharmacy-dashboard.component';
import { mockPharmacistSession, renderFresh } from '../test-support';

// The prescriptions queue against msw as OpenMRS 2.7 answers: the drug orders waiting across patients, one
// opening the patient's dispensing pre-filled from it, the FILA saved and each order marked COMPLETED —
// once, even when an answer is lost on the way.

const REST = 'http://localhost/openmrs/ws/rest/v1';
const C = FILA_METADATA.concepts;
const JOANA = '5946f880-b197-400b-9caa-a3c661d23041';
const PEDRO = '2c0b6a1e-8f4d-4a7b-9c3e-5d6f7a8b9c0d';
const LPV_REGIMEN = 'e1da2d30-1d5f-11e0-b929-000c29ad1d07';
const ABC_3TC = '4581372f-f572-448f-a771-7fcecdf44115';
const LPV = '7461fed0-e6a4-4e4b-ab28-1af3eb2037fe';
const COTRIMOXAZOLE = '0a9f4b5c-6d7e-4f80-9a1b-2c3d4e5f6a7b';

const order = (
  uuid: string,
  patient: string,
  drug: string,
  display: string,
  quantity: number | null,
  dosing: string,
) => ({
  uuid,
  orderNumber: `ORD-${uuid.slice(0, 3)}`,
  dateActivated: '2026-12-07T08:30:00.000+0200',
  patient: {
    uuid: patient,
    display: patient === JOANA ? '1100407/24/00042 - Joana Machava' : '1100407/24/00077 - Pedro Cossa',
  },
  drug: { uuid: drug, display },
  concept: { display },
  quantity,
  dosingInstructions: dosing,
  orderer: { display: 'Ana Mondlane' },
});

let orders: ReturnType<typeof order>[];
let saved: Map<string, Record<string, unknown>>;
let encounterPosts: number;
let marks: Array<{ order: string; body: Record<string, unknown> }>;
let loseMarks: number;
let queries: URLSearchParams[];

const server = setupServer(
  http.get('http://localhost/openmrs/ws/idart/errors', () => HttpResponse.json({}, { status: 404 })),
  http.get('http://localhost/openmrs/ws/poc-emr/lists/:id', ({ params }) =>
    HttpResponse.json({ list: { id: params.id, label: '' }, bands: {}, rows: [], total: 0, page: 1, pageSize: 25 }),
  ),
  http.get(`${REST}/order`, ({ request }) => {
    const query = new URL(request.url).searchParams;
    queries.push(query);
    const patient = query.get('patient');
    return HttpResponse.json({ results: orders.filter((o) => !patient || o.patient.uuid === patient) });
  }),
  http.post(`${REST}/order/:uuid/fulfillerdetails`, async ({ params, request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    marks.push({ order: String(params.uuid), body });
    // OpenMRS saved it; the answer is lost on the way back.
    orders = orders.filter((o) => o.uuid !== params.uuid);
    if (loseMarks-- > 0) return HttpResponse.error();
    return new HttpResponse(null, { status: 201 });
  }),
  http.get(`${REST}/patient/:uuid`, ({ params }) =>
    HttpResponse.json({
      uuid: params.uuid,
      identifiers: [{ identifier: '1100407/24/00042', identifierType: { uuid: NID_IDENTIFIER_TYPE } }],
      person: { display: 'Joana Machava', gender: 'F', birthdate: '1990-03-02T00:00:00.000+0200' },
    }),
  ),
  http.get(`${REST}/encounter`, () => HttpResponse.json({ results: [] })),
  http.post(`${REST}/encounter`, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    encounterPosts++;
    // A uuid already saved is refused, as OpenMRS refuses it.
    if (saved.has(String(body.uuid))) return HttpResponse.json({ error: { message: 'duplicate' } }, { status: 400 });
    saved.set(String(body.uuid), body);
    return HttpResponse.json({ uuid: body.uuid }, { status: 201 });
  }),
  http.get(`${REST}/encounter/:uuid`, ({ params }) =>
    saved.has(String(params.uuid))
      ? HttpResponse.json({ uuid: params.uuid })
      : HttpResponse.json({ error: { message: "Object with given uuid doesn't exist" } }, { status: 404 }),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  orders = [
    order('a1a1a1a1-0000-4000-8000-000000000001', JOANA, ABC_3TC, 'ABC/3TC 120/60mg', 180, 'Tomar 2 comp à noite'),
    order('a1a1a1a1-0000-4000-8000-000000000002', JOANA, LPV, 'LPV/r 100/25mg', 360, 'Tomar 2 comp 2 vezes por dia'),
    order('b2b2b2b2-0000-4000-8000-000000000003', PEDRO, COTRIMOXAZOLE, 'Cotrimoxazol 960mg', 30, ''),
  ];
  saved = new Map();
  encounterPosts = 0;
  marks = [];
  loseMarks = 0;
  queries = [];
  mockPharmacistSession();
});

const renderHome = () => renderFresh(<PharmacyDashboard />);

test('the queue lists the drug orders waiting across patients, asked as OpenMRS searches orders by criteria', async () => {
  renderHome();
  const queue = await screen.findByRole('region', { name: 'Prescriptions waiting' });
  await waitFor(() => expect(within(queue).getByRole('heading')).toHaveTextContent('Prescriptions waiting (3)'));
  expect(
    within(queue)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[2].textContent),
  ).toEqual(['ABC/3TC 120/60mg', 'LPV/r 100/25mg', 'Cotrimoxazol 960mg']);
  expect(Object.fromEntries(queries[0])).toMatchObject({
    orderTypes: '131168f4-15f5-102d-96e4-000c29c2a5d7',
    excludeCanceledAndExpired: 'true',
    excludeDiscontinueOrders: 'true',
    fulfillerStatus: 'RECEIVED',
    includeNullFulfillerStatus: 'true',
  });
  expect(queries[0].has('patient')).toBe(false);
});

test('a prescription pre-fills the FILA; saving marks its orders COMPLETED once, even when an answer is lost', async () => {
  renderHome();
  const queue = await screen.findByRole('region', { name: 'Prescriptions waiting' });
  fireEvent.click((await within(queue).findAllByRole('button', { name: '1100407/24/00042 - Joana Machava' }))[0]);
  const form = await screen.findByRole('form', { name: 'Dispense ARVs' });
  // ABC/3TC and LPV/r make up ABC+3TC+LPV/r; 180 units at 2 a day last 90 days: quarterly.
  expect((within(form).getByLabelText('Regimen') as HTMLSelectElement).value).toBe(LPV_REGIMEN);
  expect((within(form).getByLabelText('Quarterly (DT)') as HTMLInputElement).checked).toBe(true);
  const values = (label: string) =>
    within(form)
      .getAllByLabelText(label)
      .map((i) => (i as HTMLInputElement).value);
  expect(values('Quantity')).toEqual(['180', '360']);
  expect(values('Posology')).toEqual(['Tomar 2 comp à noite', 'Tomar 2 comp 2 vezes por dia']);
  expect(within(form).getByText(/Prescription ORD-a1a of 2026-12-07: LPV\/r 100\/25mg, 360/)).toBeInTheDocument();

  loseMarks = 1;
  fireEvent.click(within(form).getByRole('button', { name: 'Save FILA' }));
  expect(await within(form).findByText('Not saved: try again (it will not be saved twice).')).toBeInTheDocument();
  fireEvent.click(within(form).getByRole('button', { name: 'Save FILA' }));
  await waitFor(() => expect(showSnackbar).toHaveBeenCalledWith(expect.objectContaining({ kind: 'success' })));

  expect(saved.size).toBe(1);
  expect(encounterPosts).toBe(2);
  const [fila] = [...saved.values()];
  const groups = (fila.obs as Array<{ concept: string; groupMembers?: Array<{ concept: string; value: unknown }> }>)
    .filter((o) => o.concept === C.drugGroup)
    .map((g) => g.groupMembers!.find((m) => m.concept === C.quantity)!.value);
  expect(groups).toEqual([180, 360]);
  const completed = { fulfillerStatus: 'COMPLETED', fulfillerComment: `FILA ${String(fila.uuid)}` };
  expect(marks).toEqual([
    { order: 'a1a1a1a1-0000-4000-8000-000000000001', body: completed },
    { order: 'a1a1a1a1-0000-4000-8000-000000000001', body: completed },
    { order: 'a1a1a1a1-0000-4000-8000-000000000002', body: completed },
  ]);
});

test('a prescription of no configured regimen leaves the form as the last FILA would; nothing is marked', async () => {
  orders = orders.map((o) => ({ ...o, patient: { uuid: JOANA, display: o.patient.display } })).slice(2);
  renderHome();
  const queue = await screen.findByRole('region', { name: 'Prescriptions waiting' });
  fireEvent.click(await within(queue).findByRole('button', { name: '1100407/24/00077 - Pedro Cossa' }));
  const form = await screen.findByRole('form', { name: 'Dispense ARVs' });
  expect((within(form).getByLabelText('Monthly') as HTMLInputElement).checked).toBe(true);
  expect(within(form).queryByText(/Prescription ORD/)).not.toBeInTheDocument();
  fireEvent.click(within(form).getByRole('button', { name: 'Save FILA' }));
  await waitFor(() => expect(saved.size).toBe(1));
  expect(marks).toEqual([]);
});
