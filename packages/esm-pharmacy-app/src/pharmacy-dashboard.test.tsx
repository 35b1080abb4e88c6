import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { showSnackbar } from '@openmrs/esm-framework';
import { FILA_METADATA, FILT_METADATA, MASTER_CARD_PICKUP_METADATA, NID_IDENTIFIER_TYPE } from '@poc-emr/fila';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import PharmacyDashboard from './pharmacy-dashboard.component';
import {
  HD_MANHICA,
  mockPharmacistSession,
  PHARMACIST_PROVIDER,
  polyfillResizeObserver,
  renderFresh,
} from './test-support';

/** A date field shows dd/mm/aaaa; the FILA posts YYYY-MM-DD. */
const shownToIso = (shown: string) => shown.split('/').reverse().join('-');

// The pharmacist's screen against msw: find by NID, the last regimen and line, dispense (the FILA posted has
// the obs EPTS reads, once even when the answer is lost), the history with void and print.

const REST = 'http://localhost/openmrs/ws/rest/v1';
const NID = '0111040701/2020/00042';
const PATIENT = '5946f880-b197-400b-9caa-a3c661d23041';
const C = FILA_METADATA.concepts;
const TLD = 'e3f6bb60-e2cf-46cb-a9da-27d634ba8607';
const TLD_DRUG = '443a0e53-122d-4712-a8fa-71c092a23663';

const lastFila = {
  uuid: '0b6c7f39-5d0c-4a8e-9f1e-3c8e6a2e6f01',
  encounterDatetime: '2026-11-09T09:12:00.000+0200',
  obs: [
    { concept: { uuid: C.regimen }, value: { uuid: TLD, display: 'TDF+3TC+DTG' }, groupMembers: null },
    { concept: { uuid: C.nextPickup }, value: '2026-12-09T00:00:00.000+0200', groupMembers: null },
    { concept: { uuid: C.dispenseMode }, value: { uuid: FILA_METADATA.dispenseModes.monthly, display: 'x' } },
    {
      concept: { uuid: C.drugGroup },
      value: null,
      groupMembers: [
        { concept: { uuid: C.drugFormulation }, value: { uuid: TLD_DRUG, display: '[TDF/3TC/DTG]' } },
        { concept: { uuid: C.quantity }, value: 30 },
        { concept: { uuid: C.posology }, value: 'Tomar 1 comp 1 vez por dia' },
      ],
    },
  ],
};
const filt = {
  uuid: '7a1e2d3c-4b5a-4697-8877-665544332211',
  encounterDatetime: '2026-10-12T10:00:00.000+0200',
  obs: [
    { concept: { uuid: FILT_METADATA.concepts.regimen }, value: { uuid: FILT_METADATA.regimens['3hp'] } },
    {
      concept: { uuid: FILT_METADATA.concepts.dispensationType },
      value: { uuid: FILA_METADATA.dispenseModes.quarterly },
    },
    { concept: { uuid: FILT_METADATA.concepts.patientType }, value: { uuid: FILT_METADATA.patientTypes.start } },
    { concept: { uuid: FILT_METADATA.concepts.nextDate }, value: '2027-01-10T00:00:00.000+0200' },
  ],
};
let filtReads: number;
const masterCard = {
  uuid: '6f0d3b9e-1e8c-4d55-8a9b-0f6a4c2d7e10',
  encounterDatetime: '2026-08-01T00:00:00.000+0200',
  obs: [],
};

let posted: Array<Record<string, unknown>>;
let saved: Set<string>;
let loseAnswers: number;
let voids: Array<{ uuid: string; reason: string | null }>;

const server = setupServer(
  // No iDART bridge at this facility: Farmácia's error-queue panel stays hidden.
  http.get('http://localhost/openmrs/ws/idart/errors', () => HttpResponse.json({}, { status: 404 })),
  // The home's lists and the prescriptions are empty here (home/*.test.tsx test them).
  http.get(`${REST}/order`, () => HttpResponse.json({ results: [] })),
  http.get('http://localhost/openmrs/ws/poc-emr/lists/:id', ({ params }) =>
    HttpResponse.json({ list: { id: params.id, label: '' }, bands: {}, rows: [], total: 0, page: 1, pageSize: 25 }),
  ),
  http.get(`${REST}/patient`, ({ request }) => {
    const identifier = new URL(request.url).searchParams.get('identifier');
    return HttpResponse.json({
      results:
        identifier === NID
          ? [
              {
                uuid: PATIENT,
                identifiers: [{ identifier: NID, identifierType: { uuid: NID_IDENTIFIER_TYPE } }],
                person: { display: 'Joana Machava', gender: 'F', birthdate: '1990-03-02T00:00:00.000+0200' },
              },
            ]
          : [],
    });
  }),
  http.get(`${REST}/encounter`, ({ request }) => {
    const type = new URL(request.url).searchParams.get('encounterType');
    if (type === MASTER_CARD_PICKUP_METADATA.encounterType) return HttpResponse.json({ results: [masterCard] });
    if (type === FILT_METADATA.encounterType) {
      filtReads++;
      return HttpResponse.json({ results: [filt] });
    }
    return HttpResponse.json({ results: [lastFila].filter((e) => !voids.some((v) => v.uuid === e.uuid)) });
  }),
  http.post(`${REST}/encounter`, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    posted.push(body);
    saved.add(String(body.uuid));
    if (loseAnswers-- > 0) return HttpResponse.error();
    return HttpResponse.json({ uuid: body.uuid }, { status: 201 });
  }),
  http.get(`${REST}/encounter/:uuid`, ({ params }) =>
    saved.has(String(params.uuid))
      ? HttpResponse.json({ uuid: params.uuid })
      : HttpResponse.json({ error: { message: "Object with given uuid doesn't exist" } }, { status: 404 }),
  ),
  http.delete(`${REST}/encounter/:uuid`, ({ params, request }) => {
    voids.push({ uuid: String(params.uuid), reason: new URL(request.url).searchParams.get('reason') });
    return new HttpResponse(null, { status: 204 });
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  polyfillResizeObserver();
});
afterAll(() => server.close());
beforeEach(() => {
  posted = [];
  filtReads = 0;
  saved = new Set();
  loseAnswers = 0;
  voids = [];
  mockPharmacistSession();
});

async function openPatient() {
  renderFresh(<PharmacyDashboard />);
  // A scanner types the NID and presses Enter.
  const search = screen.getByRole('searchbox', { name: 'NID' });
  fireEvent.change(search, { target: { value: ` ${NID} ` } });
  fireEvent.submit(search.closest('form')!);
  await screen.findByRole('heading', { name: 'Joana Machava' });
  return screen.findByRole('form', { name: 'Dispense ARVs' });
}

test('an unknown NID says so', async () => {
  renderFresh(<PharmacyDashboard />);
  fireEvent.change(screen.getByRole('searchbox', { name: 'NID' }), { target: { value: '0000/99' } });
  fireEvent.click(screen.getByRole('button', { name: 'Find' }));
  expect(await screen.findByText('No patient has the NID 0000/99.')).toBeInTheDocument();
});

test('the last regimen and line are shown and preselected; the history lists FILA and Master Card', async () => {
  const form = await openPatient();
  expect(screen.getByText('Regimen TDF+3TC+DTG, line 1')).toBeInTheDocument();
  expect(screen.getByText('Expected 09/12/2026')).toBeInTheDocument();
  expect((within(form).getByLabelText('Regimen') as HTMLSelectElement).value).toBe(TLD);
  const history = screen.getByRole('region', { name: 'Pickup history' });
  const rows = within(history).getAllByRole('row').slice(1);
  expect(
    rows.map((r) =>
      within(r)
        .getAllByRole('cell')
        .slice(0, 5)
        .map((c) => c.textContent),
    ),
  ).toEqual([
    ['09/11/2026', 'FILA', 'TDF+3TC+DTG', 'Monthly', '09/12/2026'],
    ['01/08/2026', 'Master Card', '', '', ''],
  ]);
});

test('the TPT pickups (FILT) are listed beside the ARV pickups', async () => {
  await openPatient();
  const history = screen.getByRole('region', { name: 'TPT pickup history (FILT)' });
  await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(2));
  expect(
    within(history)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['12/10/2026', '3HP', 'Quarterly (DT)', 'Start', '10/01/2027']);
});

test('dispensing three months posts one FILA with the obs EPTS reads, once even when the answer is lost', async () => {
  const form = await openPatient();
  fireEvent.click(within(form).getByLabelText('Quarterly (DT)'));
  const next = within(form).getByLabelText('Next pickup') as HTMLInputElement;
  expect(next.value).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  expect((within(form).getByLabelText('Quantity') as HTMLInputElement).value).toBe('90');
  loseAnswers = 1;
  fireEvent.click(within(form).getByRole('button', { name: 'Save FILA' }));
  await waitFor(() => expect(showSnackbar).toHaveBeenCalledWith(expect.objectContaining({ kind: 'success' })));
  expect(posted).toHaveLength(1);
  const [fila] = posted;
  expect(fila).toMatchObject({
    patient: PATIENT,
    encounterType: FILA_METADATA.encounterType,
    form: FILA_METADATA.form,
    location: HD_MANHICA,
    encounterProviders: [{ provider: PHARMACIST_PROVIDER, encounterRole: 'a96635c5-fe34-5bee-9354-fc75a53d4d92' }],
  });
  expect(fila.obs).toEqual([
    { concept: C.regimen, value: TLD },
    { concept: C.quantity, value: 90 },
    { concept: C.posology, value: 'Tomar 1 comp 1 vez por dia' },
    { concept: C.nextPickup, value: shownToIso(next.value) },
    { concept: C.dispenseMode, value: FILA_METADATA.dispenseModes.quarterly },
    {
      concept: C.drugGroup,
      groupMembers: [
        { concept: C.drugFormulation, value: TLD_DRUG },
        { concept: C.quantity, value: 90 },
        { concept: C.posology, value: 'Tomar 1 comp 1 vez por dia' },
        { concept: C.drugPosology, value: 'Tomar 1 comp 1 vez por dia' },
      ],
    },
  ]);
  // 90 days after the pickup's own day.
  const day = String(fila.encounterDatetime).slice(0, 10);
  expect((Date.parse(shownToIso(next.value)) - Date.parse(day)) / 86_400_000).toBe(90);
  // The next dispensation is another FILA, with another uuid.
  fireEvent.click(within(form).getByRole('button', { name: 'Save FILA' }));
  await waitFor(() => expect(posted).toHaveLength(2));
  expect(posted[1].uuid).not.toBe(fila.uuid);
});

test('a next pickup in the past, a quantity of zero and an empty posology are refused; nothing is posted', async () => {
  const form = await openPatient();
  fireEvent.change(within(form).getByLabelText('Next pickup'), { target: { value: '2020-01-01' } });
  fireEvent.change(within(form).getByLabelText('Quantity'), { target: { value: '0' } });
  fireEvent.change(within(form).getByLabelText('Posology'), { target: { value: '  ' } });
  fireEvent.click(within(form).getByRole('button', { name: 'Save FILA' }));
  expect(await within(form).findByText('The next pickup must be after today.')).toBeInTheDocument();
  expect(within(form).getByText('A whole number of units, at least 1.')).toBeInTheDocument();
  expect(within(form).getByText('Write how to take it.')).toBeInTheDocument();
  expect(posted).toEqual([]);
});

test('a next pickup on a weekend is warned about, and a configured holiday too', async () => {
  mockPharmacistSession({ holidays: ['2030-06-25'] });
  const form = await openPatient();
  const next = within(form).getByLabelText('Next pickup');
  const warning = 'The pharmacy is closed that day (weekend or holiday).';
  fireEvent.change(next, { target: { value: '2030-06-24' } }); // a Monday
  expect(within(form).queryByText(warning)).not.toBeInTheDocument();
  fireEvent.change(next, { target: { value: '2030-06-22' } }); // a Saturday
  expect(within(form).getByText(warning)).toBeInTheDocument();
  fireEvent.change(next, { target: { value: '2030-06-25' } }); // Independence Day
  expect(within(form).getByText(warning)).toBeInTheDocument();
});

test('a second regimen brings its own drugs; a FILA is voided with its reason and printed', async () => {
  const form = await openPatient();
  fireEvent.change(within(form).getByLabelText('Regimen'), {
    target: { value: 'e1da2d30-1d5f-11e0-b929-000c29ad1d07' },
  });
  expect(
    within(form)
      .getAllByLabelText('Quantity')
      .map((q) => (q as HTMLInputElement).value),
  ).toEqual(['60', '120']);

  const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
  const history = screen.getByRole('region', { name: 'Pickup history' });
  fireEvent.click(within(history).getByRole('button', { name: 'Print' }));
  expect(print).toHaveBeenCalledTimes(1);

  fireEvent.click(within(history).getByRole('button', { name: 'Void' }));
  const dialog = await screen.findByRole('dialog');
  const confirm = within(dialog).getAllByRole('button', { name: 'Void' }).at(-1)!;
  expect(confirm).toBeDisabled();
  fireEvent.change(within(dialog).getByLabelText('Reason (required)'), { target: { value: 'Regime errado' } });
  fireEvent.click(confirm);
  await waitFor(() => expect(voids).toEqual([{ uuid: lastFila.uuid, reason: 'Regime errado' }]));
  await waitFor(() => expect(within(history).queryAllByRole('row')).toHaveLength(2));
});

test('TPT is dispensed as one FILT with its next date; at the end of treatment without one', async () => {
  await openPatient();
  const form = screen.getByRole('form', { name: 'Dispense TPT' });
  fireEvent.click(within(form).getByLabelText('Quarterly (DT)'));
  const next = (within(form).getByLabelText('Next TPT pickup') as HTMLInputElement).value;
  fireEvent.click(within(form).getByRole('button', { name: 'Save FILT' }));
  await waitFor(() => expect(posted).toHaveLength(1));
  expect(posted[0]).toMatchObject({ encounterType: FILT_METADATA.encounterType, form: FILT_METADATA.form });
  // The TPT history is read again once the FILT is saved.
  await waitFor(() => expect(filtReads).toBe(2));
  expect(posted[0].obs).toEqual([
    { concept: FILT_METADATA.concepts.regimen, value: FILT_METADATA.regimens['3hp'] },
    { concept: FILT_METADATA.concepts.dispensationType, value: FILA_METADATA.dispenseModes.quarterly },
    { concept: FILT_METADATA.concepts.patientType, value: FILT_METADATA.patientTypes.continue },
    { concept: FILT_METADATA.concepts.nextDate, value: shownToIso(next) },
  ]);
  fireEvent.change(within(form).getByLabelText('Treatment'), { target: { value: 'end' } });
  expect(within(form).queryByLabelText('Next TPT pickup')).not.toBeInTheDocument();
  fireEvent.click(within(form).getByRole('button', { name: 'Save FILT' }));
  await waitFor(() => expect(posted).toHaveLength(2));
  expect(posted[1].uuid).not.toBe(posted[0].uuid);
  expect((posted[1].obs as Array<{ concept: string }>).map((o) => o.concept)).not.toContain(
    FILT_METADATA.concepts.nextDate,
  );
});
