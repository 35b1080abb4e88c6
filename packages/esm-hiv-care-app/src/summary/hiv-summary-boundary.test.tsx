import { render, screen } from '@testing-library/react';
import { getDefaultsFromConfigSchema, reportError, useConfig } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import { configSchema } from '../config-schema';
import HivSummaryCard from './hiv-summary-card.component';
import { lateWithOverdueViralLoad } from './summary.fixture';

// A summary the facts cannot show (a service newer than the app, say): the card says so in the user's
// language and keeps its header and link, instead of the framework's English sentence for the extension.
jest.mock('./hiv-facts.component', () => ({
  HivFacts: () => {
    throw new Error('a field this version does not know');
  },
}));

const server = setupServer(
  http.get('http://localhost/openmrs/ws/poc-emr/patients/:uuid/hiv-summary', () =>
    HttpResponse.json(lateWithOverdueViralLoad),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  // The framework mock's reportError throws; React logs every caught render error.
  jest.mocked(reportError).mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

test('a part of the summary that throws is reported inside the card, with a retry', async () => {
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <HivSummaryCard patientUuid="patient-1" />
    </SWRConfig>,
  );
  expect(await screen.findByText('HIV summary failed')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: 'HIV summary' })).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'HIV / TARV dashboard' })).toBeInTheDocument();
  expect(reportError).toHaveBeenCalledWith(expect.objectContaining({ message: 'a field this version does not know' }));
});
