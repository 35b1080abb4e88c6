import {
  buildFila,
  dispensationProblems,
  dispenseModeForDays,
  isDay,
  isWeekend,
  nextPickupFor,
  posologyText,
  type Dispensation,
} from '../src';

const valid: Dispensation = {
  uuid: '0b7e6c8e-5a43-4b8e-9d55-3a4a5c0e1f01',
  patientUuid: '1c9a2f4e-6b2d-4f0a-8c7e-2d3b4a5c6e02',
  locationUuid: '88d8abfb-572b-541f-908f-a54d685cb021',
  pickupDatetime: '2026-03-02',
  nextPickupDate: '2026-04-01',
  regimenUuid: 'e3f6bb60-e2cf-46cb-a9da-27d634ba8607',
  dispenseMode: 'monthly',
  drugs: [{ drugUuid: '443a0e53-122d-4712-a8fa-71c092a23663', quantity: 30, posology: 'Tomar 1 comp 1 vez por dia' }],
};

const codes = (d: Partial<Dispensation>) => dispensationProblems({ ...valid, ...d }).map((p) => `${p.field} ${p.code}`);

test('a valid dispensation has no problems', () => {
  expect(dispensationProblems(valid)).toEqual([]);
  expect(codes({ pickupDatetime: '2026-03-02T07:25:00.000+0200' })).toEqual([]);
});

test('each field is checked, every problem named', () => {
  expect(codes({ uuid: 'x', patientUuid: '', locationUuid: undefined as unknown as string })).toEqual([
    'uuid uuid-invalid',
    'patientUuid patient-missing',
    'locationUuid location-missing',
  ]);
  expect(codes({ regimenUuid: '' })).toEqual(['regimenUuid regimen-missing']);
  expect(codes({ pickupDatetime: '2026-02-30' })).toEqual(['pickupDatetime pickup-date-invalid']);
  expect(codes({ nextPickupDate: '01/04/2026' })).toEqual(['nextPickupDate next-pickup-invalid']);
  expect(codes({ nextPickupDate: '2026-03-02' })).toEqual(['nextPickupDate next-pickup-not-after-pickup']);
  expect(codes({ nextPickupDate: '2026-09-09' })).toEqual(['nextPickupDate next-pickup-too-far']);
  expect(codes({ dispenseMode: 'weekly' as never })).toEqual(['dispenseMode dispense-mode-invalid']);
  expect(codes({ drugs: [] })).toEqual(['drugs drugs-missing']);
});

test('quantities are whole and positive, posology required, a drug given once', () => {
  const drug = valid.drugs[0];
  expect(
    codes({
      drugs: [
        { ...drug, quantity: 30.5 },
        { ...drug, quantity: -1, posology: ' ' },
      ],
    }),
  ).toEqual([
    'drugs[0].quantity quantity-invalid',
    'drugs[1].drugUuid drug-repeated',
    'drugs[1].quantity quantity-invalid',
    'drugs[1].posology posology-missing',
  ]);
  expect(codes({ drugs: [{ ...drug, quantity: '30' as unknown as number }] })).toEqual([
    'drugs[0].quantity quantity-invalid',
  ]);
});

test('an invalid dispensation is never built', () => {
  expect(() => buildFila({ ...valid, nextPickupDate: '2026-03-01' })).toThrow(/next-pickup-not-after-pickup/);
});

test('iDART comments every obs; the encounter carries the provider with its role', () => {
  const fila = buildFila({ ...valid, comment: 'IDART', providerUuid: valid.patientUuid });
  const all = fila.obs.flatMap((o) => [o, ...(o.groupMembers ?? [])]);
  expect(all.every((o) => o.comment === 'IDART')).toBe(true);
  expect(fila.encounterProviders).toEqual([
    { provider: valid.patientUuid, encounterRole: 'a0b03050-c99b-11e0-9572-0800200c9a66' },
  ]);
  expect(buildFila(valid).encounterProviders).toEqual([]);
});

test('next pickup, the mode the reports will see, posology text, calendar days', () => {
  expect(nextPickupFor('2026-01-31', 30)).toBe('2026-03-02');
  expect(nextPickupFor('2028-02-28', 1)).toBe('2028-02-29');
  expect([30, 82, 83, 90, 173, 174, 180].map(dispenseModeForDays)).toEqual([
    'monthly',
    'monthly',
    'quarterly',
    'quarterly',
    'quarterly',
    'semiannual',
    'semiannual',
  ]);
  expect(posologyText(1, 1)).toBe('Tomar 1 comp 1 vez por dia');
  expect(posologyText(0.5, 2)).toBe('Tomar 0,5 comp 2 vezes por dia');
  expect([isDay('2026-02-29'), isDay('2028-02-29'), isDay('2026-1-01')]).toEqual([false, true, false]);
  expect([isWeekend('2026-03-07'), isWeekend('2026-03-08'), isWeekend('2026-03-09')]).toEqual([true, true, false]);
});
