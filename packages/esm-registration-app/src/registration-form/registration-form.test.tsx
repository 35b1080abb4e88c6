import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { getDefaultsFromConfigSchema, navigate, useConfig, useSession } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import { configSchema, type RegistrationConfig } from '../config-schema';
import { RegistrationForm } from './registration-form.component';

const REST = 'http://localhost/openmrs/ws/rest/v1';
const AJAX = 'http://localhost/openmrs/module/addresshierarchy/ajax';
const NID_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';
const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
const GENERATED = '0111040701/2026/00042';

const config = getDefaultsFromConfigSchema(configSchema) as RegistrationConfig;

/** What the server received, for the assertions. */
let posted: { patients: Record<string, unknown>[]; nids: number };
/** Patients the name and identifier searches answer with. */
let existing: Record<string, unknown>[];

const server = setupServer(
  http.get(`${REST}/patientidentifiertype`, () =>
    HttpResponse.json({
      results: [
        {
          uuid: NID_TYPE,
          name: 'NID (SERVICO TARV)',
          format: '[0-9]{10}/[0-9]{4}/[0-9]{5}',
          formatDescription: 'CCPPDDUUSS/AAAA/NNNNN',
        },
        {
          uuid: 'e89c8925-35cc-4a29-9002-6b36bf3fd47f',
          name: 'NUIC',
          format: '[0-9]{13}',
          formatDescription: 'PPDDSSSSSSSSG',
        },
        {
          uuid: 'e2b9682e-1d5f-11e0-b929-000c29ad1d07',
          name: 'BI',
          format: '[0-9]{9}[A-Z]{1}',
          formatDescription: '000000000X',
        },
      ],
    }),
  ),
  http.get(`${AJAX}/getOrderedAddressHierarchyLevels.form`, () =>
    HttpResponse.json([
      { name: 'País', addressField: 'country' },
      { name: 'Província', addressField: 'stateProvince' },
      { name: 'Distrito', addressField: 'countyDistrict' },
      { name: 'Posto Administrativo', addressField: 'address2' },
    ]),
  ),
  http.get(`${AJAX}/getChildAddressHierarchyEntries.form`, ({ request }) => {
    const path = new URL(request.url).searchParams.get('searchString') ?? '';
    const children: Record<string, string[]> = {
      '': ['Moçambique'],
      Moçambique: ['Maputo Província', 'Gaza'],
      'Moçambique|Maputo Província': ['Manhiça', 'Marracuene'],
    };
    return HttpResponse.json((children[path] ?? []).map((name) => ({ name })));
  }),
  http.get(`${REST}/patient`, ({ request }) => {
    const params = new URL(request.url).searchParams;
    const identifier = params.get('identifier');
    const results = identifier
      ? existing.filter((p) => JSON.stringify(p).includes(`"identifier":"${identifier}"`))
      : existing;
    return HttpResponse.json({ results });
  }),
  http.post(`${REST}/idgen/identifiersource/:source/identifier`, () => {
    posted.nids++;
    return HttpResponse.json({ identifier: GENERATED }, { status: 201 });
  }),
  http.post(`${REST}/patient`, async ({ request }) => {
    posted.patients.push((await request.json()) as Record<string, unknown>);
    return HttpResponse.json({}, { status: 201 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());
beforeEach(() => {
  posted = { patients: [], nids: 0 };
  existing = [];
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(config);
  jest.mocked(useSession).mockReturnValue({
    authenticated: true,
    sessionId: 's',
    sessionLocation: { uuid: HD_MANHICA, display: 'HD Manhiça', links: [] },
  });
});

function renderForm() {
  return render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <RegistrationForm today="2026-12-06" />
    </SWRConfig>,
  );
}

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

function fillQuiteria() {
  type('First name', 'Quitéria');
  type('Family name', 'Nhassengo');
  fireEvent.click(screen.getByText('Female'));
  type('Birthdate', '1991-03-14');
}

const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

const quiteria = (uuid: string, nid: string, birthdate = '1991-05-01') => ({
  uuid,
  identifiers: [{ identifier: nid, identifierType: { uuid: NID_TYPE } }],
  person: {
    gender: 'F',
    birthdate,
    names: [{ givenName: 'Kitéria', familyName: 'Nhassengo' }],
    addresses: [{ countyDistrict: 'Manhiça' }],
  },
});

test('shows what is missing next to each field and sends nothing', async () => {
  renderForm();
  save();
  expect(await screen.findByText('Correct the fields marked in red')).toBeInTheDocument();
  expect(screen.getAllByText('Required')).toHaveLength(4);
  expect(posted).toEqual({ patients: [], nids: 0 });
});

test('registers with the NID generated for the facility at save, then opens the chart', async () => {
  renderForm();
  expect(screen.getByText('The NID is generated when the patient is saved')).toBeInTheDocument();
  fillQuiteria();
  type('Phone number', '84 123 4567');
  await screen.findByLabelText('Província');
  type('Província', 'Maputo Província');
  save();
  await waitFor(() => expect(navigate).toHaveBeenCalled());
  expect(posted.nids).toBe(1);
  expect(posted.patients).toHaveLength(1);
  const [patient] = posted.patients as { uuid: string; identifiers: unknown[]; person: Record<string, unknown> }[];
  expect(patient.identifiers).toEqual([
    { identifier: GENERATED, identifierType: NID_TYPE, location: HD_MANHICA, preferred: true },
  ]);
  expect(patient.person).toMatchObject({
    uuid: patient.uuid,
    gender: 'F',
    birthdate: '1991-03-14',
    attributes: [{ attributeType: config.personAttributes.phone, value: '841234567' }],
    // the country, a level not shown, has a single entry: filled in
    addresses: [expect.objectContaining({ country: 'Moçambique', stateProvince: 'Maputo Província' })],
  });
  expect(navigate).toHaveBeenCalledWith({
    to: config.links.patientChart,
    templateParams: { patientUuid: patient.uuid },
  });
});

test('a typed NID is checked against the format of its type, and scanner input is accepted', async () => {
  renderForm();
  fillQuiteria();
  fireEvent.click(screen.getByText('Type an existing NID'));
  await screen.findByText('Format CCPPDDUUSS/AAAA/NNNNN; a barcode scanner may be used');
  type('NID', '123');
  save();
  expect(await screen.findByText('Expected format: CCPPDDUUSS/AAAA/NNNNN')).toBeInTheDocument();
  expect(posted.patients).toEqual([]);

  type('NID', '0111040701202600007');
  fireEvent.blur(screen.getByLabelText('NID'));
  expect(screen.getByLabelText('NID')).toHaveValue('0111040701/2026/00007');
  save();
  await waitFor(() => expect(posted.patients).toHaveLength(1));
  expect(posted.nids).toBe(0);
});

test('a NID that belongs to a patient blocks the save and offers that patient', async () => {
  existing = [quiteria('existing-1', '0111040701/2026/00007', '1960-01-01')];
  renderForm();
  fillQuiteria();
  fireEvent.click(screen.getByText('Type an existing NID'));
  type('NID', '0111040701/2026/00007');
  save();
  const alert = await screen.findByText('This identifier already belongs to a patient');
  expect(alert).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Open this patient' })).toHaveAttribute(
    'href',
    '/openmrs/spa/patient/existing-1/chart',
  );
  expect(screen.queryByRole('button', { name: /None of these/ })).not.toBeInTheDocument();
  save();
  await screen.findByText('This identifier already belongs to a patient');
  expect(posted.patients).toEqual([]);
});

test('probable duplicates are listed with their reasons; the user may still register someone else', async () => {
  existing = [quiteria('existing-2', '0111040701/2020/00001')];
  renderForm();
  fillQuiteria();
  save();
  await screen.findByText('Possibly already registered');
  const match = screen.getByText('Kitéria Nhassengo').closest('div')!;
  expect(within(match).getByText('Similar name')).toBeInTheDocument();
  expect(within(match).getByText('Same birth year')).toBeInTheDocument();
  expect(within(match).getByText('Same sex')).toBeInTheDocument();
  expect(within(match).getByRole('link', { name: 'Open this patient' })).toHaveAttribute(
    'href',
    '/openmrs/spa/patient/existing-2/chart',
  );
  expect(posted.patients).toEqual([]);
  fireEvent.click(screen.getByRole('button', { name: 'None of these: register a new patient' }));
  await waitFor(() => expect(posted.patients).toHaveLength(1));
});

test('a save cut by the network keeps the form; the retry finds the patient created and does not create another', async () => {
  let created: string | undefined;
  server.use(
    http.post(`${REST}/patient`, async ({ request }) => {
      created = ((await request.json()) as { uuid: string }).uuid;
      posted.patients.push({ uuid: created });
      return HttpResponse.error();
    }),
    http.get(`${REST}/patient/:uuid`, ({ params }) =>
      params.uuid === created ? HttpResponse.json({ uuid: created }) : HttpResponse.json({}, { status: 404 }),
    ),
  );
  renderForm();
  fillQuiteria();
  save();
  expect(await screen.findByText('No answer from the server')).toBeInTheDocument();
  expect(screen.getByLabelText('First name')).toHaveValue('Quitéria');
  expect(screen.getByTestId('generated-nid')).toHaveTextContent(GENERATED);
  save();
  await waitFor(() =>
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ templateParams: { patientUuid: created } })),
  );
  expect(posted.patients).toHaveLength(1);
  expect(posted.nids).toBe(1);
});

test("the server's refusal appears next to the field it is about", async () => {
  server.use(
    http.post(`${REST}/patient`, () =>
      HttpResponse.json(
        {
          error: {
            message: 'Invalid Submission',
            fieldErrors: {
              identifier: [{ code: 'PatientIdentifier.error.duplicate', message: `${GENERATED} já está em uso` }],
            },
          },
        },
        { status: 400 },
      ),
    ),
  );
  renderForm();
  fillQuiteria();
  type('Middle name (optional)', 'Maria');
  save();
  expect(await screen.findByText(`${GENERATED} já está em uso`)).toBeInTheDocument();
  expect(screen.getByText('Not saved')).toBeInTheDocument();
  expect(screen.getByLabelText('Middle name (optional)')).toHaveValue('Maria');
});

test('says so when the address levels cannot be read, and the rest of the form still saves', async () => {
  server.use(
    http.get(`${AJAX}/getOrderedAddressHierarchyLevels.form`, () => HttpResponse.text('down', { status: 500 })),
  );
  renderForm();
  expect(await screen.findByText('The address levels could not be read')).toBeInTheDocument();
  fillQuiteria();
  save();
  await waitFor(() => expect(navigate).toHaveBeenCalled());
  expect(posted.patients).toHaveLength(1);
});
