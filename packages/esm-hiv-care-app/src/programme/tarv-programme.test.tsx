import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getDefaultsFromConfigSchema, launchWorkspace2, useConfig, useSession } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import { configSchema, type HivCareConfig } from '../config-schema';
import type { Enrolment } from '../resources/tarv-programme.resource';
import { TarvProgramme } from './tarv-programme.component';
import TarvProgrammeWorkspace from './tarv-programme.workspace';

const config = getDefaultsFromConfigSchema(configSchema) as HivCareConfig;
const REST = 'http://localhost/openmrs/ws/rest/v1';
const states = config.tarvProgram.states;
const enrolment: Enrolment = {
  uuid: 'enrolment-1',
  dateEnrolled: '2024-01-10T00:00:00.000+0000',
  dateCompleted: null,
  location: { uuid: 'hd-manhica', display: 'HD Manhiça' },
  program: { uuid: config.tarvProgram.uuid },
  states: [
    {
      uuid: 'state-1',
      startDate: '2024-01-10T00:00:00.000+0000',
      endDate: null,
      voided: false,
      state: { uuid: states.active, concept: { display: 'ACTIVO NO PROGRAMA' } },
    },
  ],
};

const posted: Array<{ url: string; method: string; body: unknown }> = [];
let enrolments: Enrolment[] = [];
const server = setupServer(
  http.get(`${REST}/programenrollment`, () => HttpResponse.json({ results: enrolments })),
  http.all(`${REST}/programenrollment*`, async ({ request }) => {
    const text = await request.text();
    posted.push({ url: new URL(request.url).pathname, method: request.method, body: text ? JSON.parse(text) : null });
    return new HttpResponse(request.method === 'DELETE' ? null : '{}', {
      status: request.method === 'DELETE' ? 204 : 201,
    });
  }),
  http.get('http://localhost/openmrs/ws/poc-emr/patients/:uuid/hiv-summary', () => HttpResponse.json({})),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  posted.length = 0;
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(config);
});

const renderFresh = (ui: React.ReactElement) =>
  render(<SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>{ui}</SWRConfig>);

test('a patient not enrolled is offered the enrolment; an enrolled one the state change and the undo', async () => {
  enrolments = [];
  const { unmount } = renderFresh(<TarvProgramme patientUuid="patient-1" />);
  fireEvent.click(await screen.findByRole('button', { name: 'Enrol in the TARV programme' }));
  expect(launchWorkspace2).toHaveBeenCalledWith('hiv-tarv-programme-workspace', {
    mode: 'enrol',
    patientUuid: 'patient-1',
    enrolment: undefined,
  });
  unmount();

  enrolments = [
    {
      ...enrolment,
      states: [
        ...enrolment.states,
        {
          uuid: 'state-2',
          startDate: '2026-09-15',
          endDate: null,
          voided: false,
          state: { uuid: states.died, concept: { display: 'OBITOU' } },
        },
      ],
      dateCompleted: '2026-09-15',
    },
  ];
  renderFresh(<TarvProgramme patientUuid="patient-1" />);
  expect(await screen.findByText(/OBITOU since 15-Sept?-2026 · completed on 15-Sept?-2026/)).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Change state' })).not.toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'Void the last state' }));
  // A death completed the enrolment: voiding it reopens the enrolment too.
  await waitFor(() => expect(posted).toHaveLength(2));
  expect(posted).toEqual([
    { url: '/openmrs/ws/rest/v1/programenrollment/enrolment-1/state/state-2', method: 'DELETE', body: null },
    { url: '/openmrs/ws/rest/v1/programenrollment/enrolment-1', method: 'POST', body: { dateCompleted: null } },
  ]);
});

const workspace = (props: object) => (
  <TarvProgrammeWorkspace
    workspaceProps={{ patientUuid: 'patient-1', ...props } as never}
    closeWorkspace={jest.fn().mockResolvedValue(true)}
    groupProps={null}
    windowProps={null}
    launchChildWorkspace={jest.fn()}
    workspaceName="hiv-tarv-programme-workspace"
    windowName="hiv-care-programme"
    isRootWorkspace
    showActionMenu={false}
  />
);

test('a transfer out: the state, its date and what it does to the reports; no date before the current state', async () => {
  renderFresh(workspace({ mode: 'change', enrolment }));
  expect(screen.queryByLabelText('Active in the programme')).not.toBeInTheDocument();
  fireEvent.click(screen.getByLabelText('Transferred out'));
  expect(screen.getByText(/Leaves TX_CURR and B13 when the drugs of the last pickup run out/)).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('The date is required')).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText('Date of the state'), { target: { value: '2023-12-31' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText(/The date cannot be before 10-Jan-2024, the current state/)).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText('Date of the state'), { target: { value: '2099-01-01' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('The date cannot be in the future')).toBeInTheDocument();
  expect(posted).toEqual([]);
  fireEvent.change(screen.getByLabelText('Date of the state'), { target: { value: '2026-10-20' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(posted).toHaveLength(1));
  expect(posted[0]).toEqual({
    url: '/openmrs/ws/rest/v1/programenrollment/enrolment-1',
    method: 'POST',
    body: { states: [{ state: states.transferredOut, startDate: '2026-10-20' }] },
  });
});

test('an enrolment: the date, the session location and the initial state (transferred in)', async () => {
  jest.mocked(useSession).mockReturnValue({ sessionLocation: { uuid: 'hd-manhica' } } as never);
  renderFresh(workspace({ mode: 'enrol' }));
  fireEvent.click(screen.getByLabelText('Transferred in'));
  expect(screen.getByText(/Fill in the Ficha Resumo transfer data/)).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText('Date of enrolment'), { target: { value: '2026-10-01' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(posted).toHaveLength(1));
  expect(posted[0].body).toEqual({
    patient: 'patient-1',
    program: config.tarvProgram.uuid,
    dateEnrolled: '2026-10-01',
    location: 'hd-manhica',
    states: [{ state: states.transferredIn, startDate: '2026-10-01' }],
  });
});
