import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getDefaultsFromConfigSchema, navigate, useConfig, useSession } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import { configSchema, type RegistrationConfig } from '../config-schema';
import { EditPatient } from './edit-patient.component';

const REST = 'http://localhost/openmrs/ws/rest/v1';
const NID_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';
const config = getDefaultsFromConfigSchema(configSchema) as RegistrationConfig;
const writes: string[] = [];
let voided = false;
let gender = 'F';

const saved = () => ({
  uuid: 'p-1',
  voided,
  identifiers: [
    { uuid: 'i-1', identifier: '0111040701/2026/00012', preferred: true, identifierType: { uuid: NID_TYPE } },
  ],
  person: {
    uuid: 'p-1',
    gender,
    birthdate: '1991-03-14T00:00:00.000+0200',
    birthdateEstimated: false,
    dead: true,
    preferredName: { uuid: 'n-1', givenName: 'Quitéria', middleName: null, familyName: 'Nhassengo' },
    preferredAddress: null,
    attributes: [{ uuid: 'a-1', value: '841234567', attributeType: { uuid: config.personAttributes.phone } }],
  },
});

const server = setupServer(
  http.get(`${REST}/patientidentifiertype`, () =>
    HttpResponse.json({
      results: [
        {
          uuid: NID_TYPE,
          name: 'NID',
          format: '[0-9]{10}/[0-9]{4}/[0-9]{5}',
          formatDescription: 'CCPPDDUUSS/AAAA/NNNNN',
        },
      ],
    }),
  ),
  http.get('http://localhost/openmrs/module/addresshierarchy/ajax/:page', () => HttpResponse.json([])),
  http.get(`${REST}/patient/p-1`, () => HttpResponse.json(saved())),
  // The identifier check finds the patient itself: not a duplicate.
  http.get(`${REST}/patient`, () => HttpResponse.json({ results: [{ ...saved(), uuid: 'p-1' }] })),
  http.post(`${REST}/*`, async ({ request }) => {
    writes.push(`${new URL(request.url).pathname.replace('/openmrs/ws/rest/v1', '')} ${await request.text()}`);
    return HttpResponse.json({});
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  writes.length = 0;
  voided = false;
  gender = 'F';
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(config);
  jest.mocked(useSession).mockReturnValue({
    authenticated: true,
    sessionId: 's',
    sessionLocation: { uuid: 'loc', display: 'HD Manhiça', links: [] },
  });
});

function renderEdit() {
  render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <MemoryRouter initialEntries={['/p-1/editar']}>
        <Routes>
          <Route path=":patientUuid/editar" element={<EditPatient today="2026-12-06" />} />
        </Routes>
      </MemoryRouter>
    </SWRConfig>,
  );
}

test('shows the saved details, marks a deceased patient, and saves only what changed', async () => {
  renderEdit();
  expect(await screen.findByDisplayValue('Quitéria')).toBeInTheDocument();
  expect(screen.getByLabelText('NID')).toHaveValue('0111040701/2026/00012');
  expect(screen.getByLabelText('Phone number')).toHaveValue('841234567');
  expect(screen.getByText('Deceased')).toBeInTheDocument();
  expect(screen.queryByText('Voided record')).not.toBeInTheDocument();

  fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '821112222' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() =>
    expect(navigate).toHaveBeenCalledWith({ to: config.links.patientChart, templateParams: { patientUuid: 'p-1' } }),
  );
  expect(writes).toEqual(['/person/p-1/attribute/a-1 {"value":"821112222"}']);
});

test('a voided record is marked, and the edit is validated like a registration', async () => {
  voided = true;
  renderEdit();
  expect(await screen.findByText('Voided record')).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText('NID'), { target: { value: '0111040701/26/12' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Expected format: CCPPDDUUSS/AAAA/NNNNN')).toBeInTheDocument();
  expect(writes).toEqual([]);
});

test('a patient recorded with sex U is shown as such, and saving other changes keeps it', async () => {
  gender = 'U';
  renderEdit();
  expect(await screen.findByRole('radio', { name: 'Unknown' })).toBeChecked();
  expect(screen.getByRole('radio', { name: 'Male' })).not.toBeChecked();
  expect(screen.queryByRole('radio', { name: 'Other' })).not.toBeInTheDocument();
  fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '821112222' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(navigate).toHaveBeenCalled());
  expect(writes).toEqual(['/person/p-1/attribute/a-1 {"value":"821112222"}']);
});
