import { editOperations, newPatientPayload, valuesOf, type PatientMapping, type SavedPatient } from './patient-payload';
import { emptyValues } from './registration';

const MAPPING: PatientMapping = {
  nidTypeUuid: 'nid-type',
  otherIdentifierTypeUuids: ['nuic-type'],
  attributeTypes: {
    phone: 'phone-type',
    phone2: 'phone2-type',
    referencePoint: 'ref-type',
    confidantName: 'cname-type',
    confidantRelationship: 'crel-type',
    confidantPhone: 'cphone-type',
    hivTestDate: 'hivdate-type',
    hivTestType: 'hivtype-type',
  },
  hivTestEnabled: false,
  locationUuid: 'hd-manhica',
  today: '2026-12-06',
};

const values = {
  ...emptyValues(),
  givenName: ' Quitéria ',
  familyName: 'Nhassengo',
  sex: 'F' as const,
  birthdate: '1991-03-14',
  phone: '84 123 4567',
  referencePoint: 'Perto da escola',
  hivTestDate: '2026-11-01',
  otherIdentifiers: { 'nuic-type': '' },
  address: { ...emptyValues().address, country: 'Moçambique', countyDistrict: 'Manhiça' },
};

test('a new patient is one POST: person, name, address, attributes and identifiers, with our uuid', () => {
  expect(newPatientPayload('u-1', values, '0111040701/2026/00012', MAPPING)).toEqual({
    uuid: 'u-1',
    person: {
      uuid: 'u-1',
      gender: 'F',
      birthdate: '1991-03-14',
      birthdateEstimated: false,
      names: [{ givenName: 'Quitéria', middleName: '', familyName: 'Nhassengo', preferred: true }],
      addresses: [
        {
          country: 'Moçambique',
          stateProvince: '',
          countyDistrict: 'Manhiça',
          address2: '',
          address6: '',
          address5: '',
          address3: '',
          address1: '',
          preferred: true,
        },
      ],
      // the HIV test is not configured: its date is not sent
      attributes: [
        { attributeType: 'phone-type', value: '841234567' },
        { attributeType: 'ref-type', value: 'Perto da escola' },
      ],
    },
    identifiers: [
      { identifier: '0111040701/2026/00012', identifierType: 'nid-type', location: 'hd-manhica', preferred: true },
    ],
  });
});

const saved: SavedPatient = {
  uuid: 'p-1',
  identifiers: [
    { uuid: 'i-nid', identifier: '0111040701/2026/00012', preferred: true, identifierType: { uuid: 'nid-type' } },
    { uuid: 'i-nuic', identifier: '1234567890123', identifierType: { uuid: 'nuic-type' } },
  ],
  person: {
    uuid: 'p-1',
    gender: 'F',
    birthdate: '1991-03-14T00:00:00.000+0200',
    birthdateEstimated: false,
    preferredName: { uuid: 'n-1', givenName: 'Quitéria', middleName: null, familyName: 'Nhassengo' },
    preferredAddress: { uuid: 'a-1', country: 'Moçambique', countyDistrict: 'Manhiça' },
    attributes: [
      { uuid: 'at-phone', value: '841234567', attributeType: { uuid: 'phone-type' } },
      { uuid: 'at-ref', value: 'Perto da escola', attributeType: { uuid: 'ref-type' } },
    ],
  },
};

test('an unchanged patient needs no call', () => {
  expect(editOperations(saved, valuesOf(saved, MAPPING), MAPPING)).toEqual([]);
});

test('an edit changes, adds and removes only what differs', () => {
  const edited = valuesOf(saved, MAPPING);
  edited.middleName = 'Maria';
  edited.phone = '821112222';
  edited.referencePoint = '';
  edited.phone2 = '843334444';
  edited.otherIdentifiers['nuic-type'] = '';
  edited.nid = '0111040701-2026-00099';
  edited.address.address5 = 'Bairro 1';
  expect(editOperations(saved, edited, MAPPING)).toEqual([
    {
      method: 'POST',
      path: '/person/p-1/name/n-1',
      body: { givenName: 'Quitéria', middleName: 'Maria', familyName: 'Nhassengo' },
    },
    { method: 'POST', path: '/person/p-1/address/a-1', body: expect.objectContaining({ address5: 'Bairro 1' }) },
    { method: 'POST', path: '/person/p-1/attribute/at-phone', body: { value: '821112222' } },
    { method: 'POST', path: '/person/p-1/attribute', body: { attributeType: 'phone2-type', value: '843334444' } },
    { method: 'DELETE', path: '/person/p-1/attribute/at-ref' },
    { method: 'POST', path: '/patient/p-1/identifier/i-nid', body: { identifier: '0111040701/2026/00099' } },
    { method: 'DELETE', path: '/patient/p-1/identifier/i-nuic' },
  ]);
});

test('an estimated birthdate is kept while the age in the form is unchanged', () => {
  const estimated = { ...saved, person: { ...saved.person, birthdate: '1996-06-06', birthdateEstimated: true } };
  const form = valuesOf(estimated, MAPPING);
  expect(form).toMatchObject({ birthdateKnown: false, ageYears: '30', ageMonths: '6' });
  expect(editOperations(estimated, form, MAPPING)).toEqual([]);
  expect(editOperations(estimated, { ...form, ageYears: '31' }, MAPPING)).toEqual([
    { method: 'POST', path: '/person/p-1', body: { gender: 'F', birthdate: '1995-06-06', birthdateEstimated: true } },
  ]);
});
