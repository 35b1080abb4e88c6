import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { getDefaultsFromConfigSchema, useConfig } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../config/jest.openmrs-fetch';
import { configSchema, type PharmacyConfig } from './config-schema';
import IdartErrors from './idart-errors.component';

// The iDART bridge's error queue in Farmácia: each pickup with its reason, sent again on request; nothing
// where the bridge does not run.

const BRIDGE = 'http://localhost/openmrs/ws/idart';
let queue: Array<Record<string, unknown>>;
let bridgeRuns: boolean;
const retried: string[] = [];

const server = setupServer(
  http.get(`${BRIDGE}/errors`, () =>
    bridgeRuns
      ? HttpResponse.json({ results: queue })
      : HttpResponse.json({ error: { message: 'not found' } }, { status: 404 }),
  ),
  http.post(`${BRIDGE}/errors/:id/retry`, ({ params }) => {
    retried.push(String(params.id));
    queue = queue.filter((q) => String(q.packageId) !== params.id);
    return HttpResponse.json({ packageId: Number(params.id), queued: true }, { status: 202 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  bridgeRuns = true;
  retried.length = 0;
  queue = [
    {
      packageId: 41,
      nid: '0111040701/2099/99999',
      patientName: 'Sem Registo',
      pickup: '2026-12-01',
      regimen: 'TDF+3TC+DTG',
      reasonCode: 'nid-not-found',
      reason: 'O NID 0111040701/2099/99999 não existe no OpenMRS.',
    },
    {
      packageId: 42,
      nid: '0111040701/2020/00003',
      patientName: 'Ana Cossa',
      pickup: '2026-12-02',
      regimen: 'TDF+3TC+DTG',
      reasonCode: 'not-in-tarv',
      reason: 'O utente não está activo no programa TARV.',
    },
  ];
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema) as PharmacyConfig);
});

const renderQueue = () =>
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <IdartErrors />
    </SWRConfig>,
  );

test('each pickup waiting with its reason; "Send again" asks the bridge and the list follows', async () => {
  renderQueue();
  const section = await screen.findByRole('region', { name: 'iDART pickups not in OpenMRS' });
  expect(within(section).getByRole('heading')).toHaveTextContent('iDART pickups not in OpenMRS (2)');
  expect(within(section).getByText('O utente não está activo no programa TARV.')).toBeInTheDocument();
  fireEvent.click(within(section).getAllByRole('button', { name: 'Send again' })[1]);
  await waitFor(() => expect(retried).toEqual(['42']));
  await waitFor(() => expect(within(section).getByRole('heading')).toHaveTextContent('(1)'));
});

test('nothing is shown where no bridge answers, or when nothing waits', async () => {
  bridgeRuns = false;
  const { container } = renderQueue();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(container).toBeEmptyDOMElement();
});
