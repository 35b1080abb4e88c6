import { fireEvent, render, screen } from '@testing-library/react';
import { getDefaultsFromConfigSchema, useConfig } from '@openmrs/esm-framework';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../../config/jest.openmrs-fetch';
import { configSchema, type RegistrationConfig } from '../config-schema';
import { PatientSearch } from './patient-search.component';

const NID_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';
const queries: string[] = [];

const patient = (uuid: string, nid: string, name: string, gender: string, age: number, dead = false) => ({
  uuid,
  identifiers: [
    { identifier: '1234567890123', identifierType: { uuid: 'e89c8925-35cc-4a29-9002-6b36bf3fd47f' } },
    { identifier: nid, identifierType: { uuid: NID_TYPE } },
  ],
  person: { gender, age, dead, personName: { display: name }, preferredAddress: { countyDistrict: 'Manhiça' } },
});

const server = setupServer(
  http.get('http://localhost/openmrs/ws/rest/v1/patient', ({ request }) => {
    const q = new URL(request.url).searchParams.get('q') ?? '';
    queries.push(q);
    if (q === '0111040701/2026/00012') {
      return HttpResponse.json({ results: [patient('p-1', q, 'Quitéria Nhassengo', 'F', 35)], totalCount: 1 });
    }
    if (q === 'Esperança Nhantumbo') {
      return HttpResponse.json({ results: [patient('p-3', '0111040701/2020/00077', q, 'F', 28, true)], totalCount: 1 });
    }
    if (q === 'Banze') {
      const start = Number(new URL(request.url).searchParams.get('startIndex'));
      const page = Array.from({ length: Math.min(10, 35 - start) }, (_, i) =>
        patient(
          `banze-${start + i}`,
          `0111040701/2021/${String(start + i).padStart(5, '0')}`,
          `Ana Banze ${start + i}`,
          'F',
          30,
        ),
      );
      return HttpResponse.json({ results: page, totalCount: 35 });
    }
    if (q === 'Cossa') {
      return HttpResponse.json({
        results: [
          patient('p-4', '0111040701/2022/00001', 'Alex Cossa', 'O', 40),
          patient('p-5', '0111040701/2022/00002', 'Sem Nome Cossa', 'U', 50),
          patient('p-6', '0111040701/2022/00003', 'Rui Cossa', 'M', 20),
        ],
        totalCount: 3,
      });
    }
    if (q === 'qui nha') {
      return HttpResponse.json({
        results: [
          patient('p-1', '0111040701/2026/00012', 'Quitéria Nhassengo', 'F', 35),
          patient('p-2', '0111040701/2019/00301', 'Quirino Nhantumbo', 'M', 61, true),
        ],
        totalCount: 2,
      });
    }
    return HttpResponse.json({ results: [], totalCount: 0 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  queries.length = 0;
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema) as RegistrationConfig);
});

function search(text: string) {
  render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <PatientSearch />
    </SWRConfig>,
  );
  fireEvent.change(screen.getByRole('searchbox', { name: 'Search patient' }), { target: { value: text } });
}

test('a scanned NID (digits only) is searched with its slashes, and the row opens the chart', async () => {
  search('0111040701202600012');
  const link = await screen.findByRole('link', { name: 'Quitéria Nhassengo' });
  expect(link).toHaveAttribute('href', '/openmrs/spa/patient/p-1/chart');
  expect(queries).toEqual(['0111040701/2026/00012']);
  const row = link.closest('tr')!;
  expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
    '0111040701/2026/00012',
    'Quitéria Nhassengo',
    'Female',
    '35',
    'Manhiça',
  ]);
});

test('name fragments find every patient whose names start with them; the deceased are marked', async () => {
  search(' qui   nha ');
  expect(await screen.findByText('2 patient(s) found')).toBeInTheDocument();
  expect(queries).toEqual(['qui nha']);
  const deceased = screen.getByRole('link', { name: 'Quirino Nhantumbo' }).closest('td')!;
  expect(deceased).toHaveTextContent('Deceased');
  expect(screen.getByRole('link', { name: 'Quitéria Nhassengo' }).closest('td')).not.toHaveTextContent('Deceased');
});

test('says when nothing is found, and does not search before three letters', async () => {
  search('xy');
  expect(queries).toEqual([]);
  fireEvent.change(screen.getByRole('searchbox', { name: 'Search patient' }), { target: { value: 'xyz' } });
  expect(await screen.findByText('No patient found for "xyz"')).toBeInTheDocument();
});

test('searching again after a search with several pages shows the new results (it used to crash)', async () => {
  search('Esperança Nhantumbo');
  expect(await screen.findByRole('link', { name: 'Esperança Nhantumbo' })).toBeInTheDocument();
  const box = screen.getByRole('searchbox', { name: 'Search patient' });
  fireEvent.change(box, { target: { value: 'Banze' } });
  expect(await screen.findByText('35 patient(s) found')).toBeInTheDocument();
  expect(screen.getAllByRole('link', { name: /^Ana Banze/ })).toHaveLength(10);
  fireEvent.change(box, { target: { value: 'Esperança Nhantumbo' } });
  const link = await screen.findByRole('link', { name: 'Esperança Nhantumbo' });
  expect(link.closest('td')).toHaveTextContent('Deceased');
  expect(screen.queryByRole('link', { name: /^Ana Banze/ })).not.toBeInTheDocument();
  expect(queries.slice(0, 2)).toEqual(['Esperança Nhantumbo', 'Banze']);
});

test('each sex is shown as recorded: O and U are not shown as male', async () => {
  search('Cossa');
  const sexOf = async (name: string) =>
    (await screen.findByRole('link', { name })).closest('tr')!.querySelectorAll('td')[2].textContent;
  expect(await sexOf('Alex Cossa')).toBe('Other');
  expect(await sexOf('Sem Nome Cossa')).toBe('Unknown');
  expect(await sexOf('Rui Cossa')).toBe('Male');
});
