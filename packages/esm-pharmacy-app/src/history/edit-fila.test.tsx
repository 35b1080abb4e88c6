import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { showSnackbar } from '@openmrs/esm-framework';
import { FILA_METADATA } from '@poc-emr/fila';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { Pickup } from '../resources/pickups.resource';
import PickupHistory from './pickup-history.component';
import { mockPharmacistSession, polyfillResizeObserver } from '../test-support';

// Editing a saved FILA in place against msw holding the FILA as OpenMRS does: each changed obs posted to
// obs/{uuid} (a new version replaces it), nothing else; after a lost answer the retry reads the FILA again
// and posts only what is left.

const REST = 'http://localhost/openmrs/ws/rest/v1';
const C = FILA_METADATA.concepts;
const M = FILA_METADATA.dispenseModes;
const TLD = 'e3f6bb60-e2cf-46cb-a9da-27d634ba8607';
const TLD_DRUG = '443a0e53-122d-4712-a8fa-71c092a23663';
const FILA = '0b6c7f39-5d0c-4a8e-9f1e-3c8e6a2e6f01';
const POSOLOGY = 'Tomar 1 comp 1 vez por dia';

interface Obs {
  uuid: string;
  concept: { uuid: string };
  value: unknown;
  groupMembers?: Obs[] | null;
}

let version: number;
const obs = (concept: string, value: unknown): Obs => ({
  uuid: `obs-${concept.slice(0, 8)}-v0`,
  concept: { uuid: concept },
  value,
});
let saved: Obs[];
let edits: Array<{ concept: string; value: unknown }>;
let loseAnswers: number;

const pickup: Pickup = {
  uuid: FILA,
  kind: 'fila',
  datetime: '2026-11-09T09:12:00.000+0200',
  regimenUuid: TLD,
  regimenName: 'TDF+3TC+DTG',
  nextPickup: '2026-12-09',
  dispenseModeUuid: M.monthly,
  drugs: [{ drugUuid: TLD_DRUG, name: '[TDF/3TC/DTG]', quantity: 30, posology: POSOLOGY }],
};

/** Every obs of the FILA, group members included. */
const all = (list: Obs[]): Obs[] => list.flatMap((o) => [o, ...all(o.groupMembers ?? [])]);

const server = setupServer(
  http.get(`${REST}/encounter/:uuid`, () => HttpResponse.json({ uuid: FILA, obs: saved })),
  http.post(`${REST}/obs/:uuid`, async ({ params, request }) => {
    const { value } = (await request.json()) as { value: unknown };
    const old = all(saved).find((o) => o.uuid === params.uuid);
    if (!old) return HttpResponse.json({ error: { message: "Object with given uuid doesn't exist" } }, { status: 404 });
    // OpenMRS voids it and saves a new version in its place (in its group).
    Object.assign(old, { uuid: `${String(params.uuid)}-v${++version}`, value });
    edits.push({ concept: old.concept.uuid, value });
    if (loseAnswers-- > 0) return HttpResponse.error();
    return HttpResponse.json({ uuid: old.uuid, value });
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  polyfillResizeObserver();
});
afterAll(() => server.close());
beforeEach(() => {
  version = 0;
  saved = [
    obs(C.regimen, { uuid: TLD, display: 'TDF+3TC+DTG' }),
    obs(C.quantity, 30),
    obs(C.posology, POSOLOGY),
    obs(C.nextPickup, '2026-12-09T00:00:00.000+0200'),
    obs(C.dispenseMode, { uuid: M.monthly, display: 'x' }),
    {
      ...obs(C.drugGroup, null),
      uuid: 'obs-group',
      groupMembers: [
        { ...obs(C.drugFormulation, { uuid: TLD_DRUG, display: '[TDF/3TC/DTG]' }), uuid: 'obs-member-drug' },
        { ...obs(C.quantity, 30), uuid: 'obs-member-quantity' },
        { ...obs(C.posology, POSOLOGY), uuid: 'obs-member-posology' },
        { ...obs(C.drugPosology, POSOLOGY), uuid: 'obs-member-drug-posology' },
      ],
    },
  ];
  edits = [];
  loseAnswers = 0;
  mockPharmacistSession();
});

const patient = {
  uuid: '5946f880-b197-400b-9caa-a3c661d23041',
  name: 'Joana Machava',
  nid: 'x',
  gender: 'F',
  birthdate: null,
};

async function openEdit(p: Pickup = pickup) {
  const changed = jest.fn();
  render(<PickupHistory patient={patient} pickups={[p]} onChanged={changed} />);
  fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
  return { dialog: await screen.findByRole('dialog'), changed };
}

test('quarterly with its next pickup and quantity: the changed obs are edited, each once, even after a lost answer', async () => {
  const { dialog, changed } = await openEdit();
  fireEvent.click(within(dialog).getByLabelText('Quarterly (DT)'));
  expect((within(dialog).getByLabelText('Next pickup') as HTMLInputElement).value).toBe('07/02/2027');
  fireEvent.change(within(dialog).getByLabelText('Quantity of [TDF/3TC/DTG]'), { target: { value: '90' } });
  loseAnswers = 1;
  const save = within(dialog).getByRole('button', { name: 'Save' });
  fireEvent.click(save);
  expect(await within(dialog).findByText('Not all saved: save again (nothing is changed twice).')).toBeInTheDocument();
  fireEvent.click(save);
  await waitFor(() => expect(changed).toHaveBeenCalled());
  expect(showSnackbar).toHaveBeenCalledWith(expect.objectContaining({ kind: 'success', title: 'FILA edited' }));
  expect(edits).toEqual([
    { concept: C.quantity, value: 90 },
    { concept: C.nextPickup, value: '2027-02-07' },
    { concept: C.dispenseMode, value: M.quarterly },
    { concept: C.quantity, value: 90 },
  ]);
  // The second quantity is the drug group's: its member was replaced in the group.
  expect(saved[5].groupMembers![1]).toMatchObject({ uuid: 'obs-member-quantity-v4', value: 90 });
});

test('a next pickup before the pickup and a quantity of zero are refused; nothing is posted', async () => {
  const { dialog } = await openEdit();
  fireEvent.change(within(dialog).getByLabelText('Next pickup'), { target: { value: '2026-11-01' } });
  fireEvent.change(within(dialog).getByLabelText('Quantity of [TDF/3TC/DTG]'), { target: { value: '0' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  expect(
    await within(dialog).findByText('The next pickup must be after the pickup and at most 190 days later.'),
  ).toBeInTheDocument();
  expect(within(dialog).getByText('A whole number of units, at least 1.')).toBeInTheDocument();
  expect(edits).toEqual([]);
});

test('a FILA without drug groups (older iDART FILAs) is not edited here', async () => {
  const { dialog } = await openEdit({ ...pickup, drugs: [] });
  expect(within(dialog).getByText('This FILA cannot be edited here: void it and dispense again.')).toBeInTheDocument();
  expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
});
