import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getDefaultsFromConfigSchema, launchWorkspace2, useConfig } from '@openmrs/esm-framework';
import { FormEngine, type ComponentRegistration, type FormFieldValidator } from '@openmrs/esm-form-engine-lib';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import { configSchema, type HivCareConfig } from '../config-schema';
import { lateWithOverdueViralLoad } from '../summary/summary.fixture';
import { draftKey, draftsOf, readDraft, writeDraft } from './drafts';
import type { FormSchema } from './form-schema';
import FormEntryWorkspace from './form-entry.workspace';
import { HivForms } from './hiv-forms.component';

jest.mock('@openmrs/esm-form-engine-lib', () => {
  // Kept across tests (jest clears mocks between them): the app registers its validators once.
  const registrations: unknown[] = [];
  return {
    FormEngine: jest.fn(() => null),
    registerFieldValidator: (r: unknown) => registrations.push(r),
    registrations,
  };
});

const config = getDefaultsFromConfigSchema(configSchema) as HivCareConfig;
const SCHEMA = {
  uuid: 'form-fc-adult',
  name: 'Ficha Clínica – Adulto',
  pages: [
    {
      label: 'Consulta',
      sections: [
        {
          label: 'Carga viral',
          questions: [
            { id: 'vlRequest', type: 'obs', questionOptions: { rendering: 'checkbox' } },
            {
              id: 'vlResult',
              type: 'obsGroup',
              questions: [{ id: 'vlDate', type: 'obs', validators: [{ type: 'date', allowFutureDates: 'false' }] }],
            },
          ],
        },
      ],
    },
  ],
};
const server = setupServer(
  http.get('http://localhost/openmrs/ws/rest/v1/o3/forms/:form', ({ params }) =>
    params.form === SCHEMA.name || params.form === SCHEMA.uuid
      ? HttpResponse.json(SCHEMA)
      : HttpResponse.json({ error: { message: 'Form nope does not exist' } }, { status: 404 }),
  ),
  http.get('http://localhost/openmrs/ws/poc-emr/patients/:uuid/hiv-summary', () =>
    HttpResponse.json(lateWithOverdueViralLoad),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  localStorage.clear();
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(config);
});

const renderFresh = (ui: React.ReactElement) =>
  render(<SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>{ui}</SWRConfig>);

const closeWorkspace = jest.fn().mockResolvedValue(true);
const workspace = (props: object) => (
  <FormEntryWorkspace
    workspaceProps={props as never}
    groupProps={{ patientUuid: 'patient-1', visitContext: null }}
    closeWorkspace={closeWorkspace}
    windowProps={null}
    launchChildWorkspace={jest.fn()}
    workspaceName="patient-form-entry-workspace"
    windowName="hiv-care-forms"
    isRootWorkspace
    showActionMenu={false}
  />
);
const engineProps = () => jest.mocked(FormEngine).mock.calls.at(-1)![0];
/** The schema the form engine was given, as the workspace shaped it. */
const givenSchema = () => engineProps().formJson as FormSchema;

/** The validators the app registered with the form engine, by name. */
async function registered(): Promise<Record<string, FormFieldValidator>> {
  const { registrations } = jest.requireMock<{ registrations: ComponentRegistration<FormFieldValidator>[] }>(
    '@openmrs/esm-form-engine-lib',
  );
  const entries = await Promise.all(registrations.map(async (r) => [r.name, (await r.load()).default] as const));
  return Object.fromEntries(entries);
}

test('a new form: the schema from o3forms, a draft-keeping validator on every question, no draft yet', async () => {
  renderFresh(workspace({ form: { name: 'Ficha Clínica – Adulto' } }));
  await waitFor(() => expect(FormEngine).toHaveBeenCalled());
  const { formJson, patientUUID, encounterUUID, preFilledQuestions } = engineProps();
  expect({ patientUUID, encounterUUID, preFilledQuestions }).toEqual({
    patientUUID: 'patient-1',
    encounterUUID: undefined,
    preFilledQuestions: undefined,
  });
  const questions = (formJson as FormSchema).pages[0].sections[0].questions;
  const draft = { type: 'pocDraft', key: draftKey('patient-1', 'form-fc-adult'), draft: expect.any(Object) };
  expect(questions[0].validators).toEqual([draft]);
  expect(questions[1].questions![0].validators).toEqual([{ type: 'date', allowFutureDates: 'false' }, draft]);
});

test('typing keeps a draft; reopened, the form starts from it; saved, the draft is gone', async () => {
  renderFresh(workspace({ form: { name: 'Ficha Clínica – Adulto' } }));
  await waitFor(() => expect(FormEngine).toHaveBeenCalled());
  const { pocDraft } = await registered();
  const config = givenSchema().pages[0].sections[0].questions[0].validators!.at(-1);
  // What the form engine does on every change: the question's validators with all the form's values.
  pocDraft.validate({ id: 'vlRequest' }, ['vl'], {
    ...config,
    values: { vlRequest: ['vl'], vlDate: new Date(2026, 9, 20), empty: '', none: [] },
  });
  const key = draftKey('patient-1', 'form-fc-adult');
  expect(readDraft(key, 30)).toMatchObject({
    formName: 'Ficha Clínica – Adulto',
    values: { vlRequest: ['vl'], vlDate: '2026-10-20' },
  });

  // The connection dropped, the tab was closed: the form opens again from the draft.
  jest.mocked(FormEngine).mockClear();
  const { unmount } = renderFresh(workspace({ form: { name: 'Ficha Clínica – Adulto' } }));
  expect(await screen.findByText('Draft restored')).toBeInTheDocument();
  await waitFor(() => expect(engineProps().preFilledQuestions).toEqual({ vlRequest: ['vl'], vlDate: '2026-10-20' }));
  act(() => engineProps().onSubmit!([]));
  expect(readDraft(key, 30)).toBeNull();
  expect(closeWorkspace).toHaveBeenCalledWith({ discardUnsavedChanges: true });
  unmount();
});

test('a draft can be discarded; drafts expire; an edit never starts from one', async () => {
  const key = draftKey('patient-1', 'form-fc-adult');
  const meta = { patientUuid: 'patient-1', formUuid: 'form-fc-adult', formName: 'Ficha Clínica – Adulto' };
  writeDraft(key, meta, { vlRequest: ['vl'] });
  renderFresh(workspace({ form: { uuid: 'form-fc-adult' } }));
  fireEvent.click(await screen.findByRole('button', { name: 'Discard the draft' }));
  expect(readDraft(key, 30)).toBeNull();
  await waitFor(() => expect(engineProps().preFilledQuestions).toBeUndefined());

  writeDraft(key, meta, { vlRequest: ['vl'] });
  expect(readDraft(key, 30, new Date(Date.now() + 31 * 864e5))).toBeNull();
  expect(localStorage.getItem(key)).toBeNull();

  writeDraft(key, meta, { vlRequest: ['vl'] });
  jest.mocked(FormEngine).mockClear();
  renderFresh(workspace({ form: { uuid: 'form-fc-adult' }, encounterUuid: 'encounter-1' }));
  await waitFor(() => expect(FormEngine).toHaveBeenCalled());
  expect(engineProps()).toMatchObject({ encounterUUID: 'encounter-1', preFilledQuestions: undefined });
  expect(givenSchema().pages[0].sections[0].questions[0].validators).toBeUndefined();
  expect(screen.queryByText('Draft restored')).not.toBeInTheDocument();
});

test('hivRecord warns when an answer contradicts the earlier records', async () => {
  renderFresh(workspace({ form: { name: 'Ficha Clínica – Adulto' } }));
  await waitFor(() => expect(FormEngine).toHaveBeenCalled());
  const { hivRecord } = await registered();
  // The summary reaches the validator once loaded.
  await new Promise((r) => setTimeout(r, 50));
  const check = (rule: string, value: unknown) =>
    hivRecord.validate({ id: 'q' }, value, { rule, expressionContext: { patient: { id: 'patient-1' } } });
  expect(check('notAfterFirstPickup', new Date(2024, 0, 20))).toEqual([
    expect.objectContaining({ resultType: 'warning', errCode: 'notAfterFirstPickup' }),
  ]);
  expect(check('notAfterFirstPickup', new Date(2024, 0, 5))).toEqual([]);
  expect(check('notBeforeArtStart', '2023-12-01')).toHaveLength(1);
  expect(check('notBeforeLastViralLoad', '2025-01-01')).toHaveLength(1);
  expect(check('notBeforeLastViralLoad', '2026-10-01')).toEqual([]);
  expect(check('notBeforeArtStart', null)).toEqual([]);
});

test('a form that does not exist is said so', async () => {
  renderFresh(workspace({ form: { name: 'nope' } }));
  expect(await screen.findByText('The form could not be opened')).toBeInTheDocument();
});

test('the dashboard offers the forms for the patient’s age and shows the drafts waiting', async () => {
  writeDraft(
    draftKey('patient-1', 'form-fc-adult'),
    { patientUuid: 'patient-1', formUuid: 'form-fc-adult', formName: 'Ficha Clínica – Adulto' },
    { x: 1 },
  );
  writeDraft(
    draftKey('patient-2', 'form-fc-adult'),
    { patientUuid: 'patient-2', formUuid: 'form-fc-adult', formName: 'Ficha Clínica – Adulto' },
    { x: 1 },
  );
  expect([...draftsOf('patient-1', 30).keys()]).toEqual(['form-fc-adult']);
  const { unmount } = renderFresh(<HivForms patientUuid="patient-1" birthDate="1990-01-01" />);
  expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
    'Ficha Clínica – Adulto',
    'Ficha Resumo',
    'FSR – Carga Viral',
  ]);
  expect(screen.getByText(/^Draft of .* waiting$/)).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: 'Ficha Resumo' }));
  expect(launchWorkspace2).toHaveBeenCalledWith('patient-form-entry-workspace', { form: { name: 'Ficha Resumo' } });
  unmount();
  renderFresh(<HivForms patientUuid="patient-2" birthDate={`${new Date().getFullYear() - 3}-01-01`} />);
  expect(screen.getByRole('button', { name: 'Ficha Clínica – Criança' })).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Ficha Clínica – Adulto' })).not.toBeInTheDocument();
});
