import { render, screen, within } from '@testing-library/react';
import { getDefaultsFromConfigSchema, useConfig } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import AlertsBanner from '../alerts/alerts-banner.component';
import { configSchema } from '../config-schema';
import HivSummaryCard from './hiv-summary-card.component';
import { lateWithOverdueViralLoad } from './summary.fixture';

const SUMMARY = 'http://localhost/openmrs/ws/poc-emr/patients/:uuid/hiv-summary';
const asked: string[] = [];
const server = setupServer(
  http.get(SUMMARY, ({ params }) => {
    asked.push(params.uuid as string);
    return params.uuid === 'patient-1'
      ? HttpResponse.json(lateWithOverdueViralLoad)
      : HttpResponse.json(
          { error: { code: 'unknown-patient', message: 'Utente desconhecido nesta unidade sanitária.' } },
          { status: 404 },
        );
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  asked.length = 0;
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
});

const renderFresh = (ui: React.ReactElement) =>
  render(<SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>{ui}</SWRConfig>);

test('the summary card: status by both rules, the clinical alerts with their rule and date, the facts', async () => {
  renderFresh(<HivSummaryCard patientUuid="patient-1" />);
  const status = await screen.findByLabelText('Status today');
  expect(within(status).getByText('PEPFAR: Interruption in treatment (IIT) since 20-Oct-2026')).toBeInTheDocument();
  expect(within(status).getByText('MISAU: Active')).toBeInTheDocument();
  expect(within(status).getByText('Faltoso: 40 days late')).toBeInTheDocument();

  const alerts = screen.getByRole('list', { name: 'Alerts' });
  expect(within(alerts).getByText('Missed ARV pickup')).toBeInTheDocument();
  expect(within(alerts).getByText(/40 days late \(pickup was due on 21-Sept?-2026\)/)).toBeInTheDocument();
  expect(within(alerts).getByText(/Overdue since 15-Sept?-2026 — 6 months after the ART start/)).toBeInTheDocument();
  expect(within(alerts).getByText('Eligible for TB preventive treatment (TPT)')).toBeInTheDocument();
  // Data-quality checks are for the HIV / TARV dashboard.
  expect(within(alerts).queryByText('Data inconsistency')).not.toBeInTheDocument();

  expect(screen.getByText('10-Jan-2024')).toBeInTheDocument();
  expect(screen.getByText(/2 years 9 months on ART · from the first FILA/)).toBeInTheDocument();
  expect(screen.getByText('TDF+3TC+DTG · 22-Aug-2026')).toBeInTheDocument();
  expect(screen.getByText(/^40 copies\/mL · 15-Sept?-2025 · suppressed$/)).toBeInTheDocument();
  expect(screen.getByText('Completed on 01-Aug-2024')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'HIV / TARV dashboard' })).toBeInTheDocument();
  expect(asked).toEqual(['patient-1']);
});

test('the dashboard version adds the data-quality checks, the previous viral load and what the reports count', async () => {
  renderFresh(<HivSummaryCard patientUuid="patient-1" detailed />);
  expect(await screen.findByText('Data inconsistency')).toBeInTheDocument();
  expect(screen.getByText(/EC24: consultations or pickups but no Ficha Resumo/)).toBeInTheDocument();
  expect(screen.getByText(/INDETECTAVEL · 01-Mar-2025 · suppressed/)).toBeInTheDocument();
  expect(
    screen.getByText(/TX_CURR no · Resumo Mensal B13 yes · TX_ML since 01-Oct-2026: interruption in treatment/),
  ).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'HIV / TARV dashboard' })).not.toBeInTheDocument();
});

test("the service's refusal is said in its own words", async () => {
  renderFresh(<HivSummaryCard patientUuid="nobody" />);
  expect(await screen.findByText('The HIV summary could not be loaded')).toBeInTheDocument();
  expect(screen.getByText('Utente desconhecido nesta unidade sanitária.')).toBeInTheDocument();
});

test('the banner on other dashboards shows the urgent clinical alerts only, and none on the summary page', async () => {
  const { unmount } = renderFresh(<AlertsBanner patientUuid="patient-1" basePath="visits" />);
  const banner = await screen.findByLabelText('HIV alerts');
  expect(within(banner).getByText('Missed ARV pickup')).toBeInTheDocument();
  expect(within(banner).getByText('Viral load due')).toBeInTheDocument();
  expect(within(banner).queryByText(/TPT/)).not.toBeInTheDocument();
  unmount();
  renderFresh(<AlertsBanner patientUuid="patient-1" basePath="patient-summary" />);
  await new Promise((r) => setTimeout(r, 50));
  expect(screen.queryByLabelText('HIV alerts')).not.toBeInTheDocument();
});
