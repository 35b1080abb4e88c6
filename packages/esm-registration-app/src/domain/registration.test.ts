import { ageOn, birthdateFromAge, birthOf, emptyValues, validate, type RegistrationValues } from './registration';

const NID = {
  uuid: 'nid',
  name: 'NID',
  format: '[0-9]{10}/[0-9]{4}/[0-9]{5}',
  formatDescription: 'CCPPDDUUSS/AAAA/NNNNN',
};
const BI = { uuid: 'bi', name: 'BI', format: '[0-9]{9}[A-Z]{1}', formatDescription: '000000000X' };
const RULES = {
  phonePattern: '^(\\+?258)?(8[2-7][0-9]{7}|2[0-9]{7})$',
  nidType: NID,
  otherIdentifierTypes: [BI],
  hivTestEnabled: true,
  today: '2026-12-06',
};

const valid = (patch: Partial<RegistrationValues> = {}): RegistrationValues => ({
  ...emptyValues(),
  givenName: 'Quitéria',
  familyName: 'Nhassengo',
  sex: 'F',
  birthdate: '1991-03-14',
  ...patch,
});

test('a complete patient has no problems', () => {
  expect(validate(valid(), RULES)).toEqual({});
  expect(
    validate(valid({ givenName: "Ana-Maria d'Almeida", phone: '+258 84 123 4567', phone2: '21123456' }), RULES),
  ).toEqual({});
});

test('names, sex and a birthdate or an age are required', () => {
  expect(validate(emptyValues(), RULES)).toEqual({
    givenName: { code: 'required' },
    familyName: { code: 'required' },
    sex: { code: 'required' },
    birthdate: { code: 'required' },
  });
  expect(validate(valid({ birthdateKnown: false }), RULES)).toEqual({ ageYears: { code: 'required' } });
});

test('refuses digits in names, future or impossible dates, bad ages and phones', () => {
  expect(validate(valid({ familyName: 'Nhassengo2' }), RULES)).toEqual({ familyName: { code: 'invalidName' } });
  expect(validate(valid({ birthdate: '2026-12-07' }), RULES)).toEqual({ birthdate: { code: 'futureDate' } });
  expect(validate(valid({ birthdate: '1890-01-01' }), RULES)).toEqual({ birthdate: { code: 'tooOld' } });
  expect(validate(valid({ birthdateKnown: false, ageYears: '30', ageMonths: '12' }), RULES)).toEqual({
    ageMonths: { code: 'invalidAge' },
  });
  expect(validate(valid({ birthdateKnown: false, ageYears: '2.5' }), RULES)).toEqual({
    ageYears: { code: 'invalidAge' },
  });
  expect(validate(valid({ phone: '841234' }), RULES)).toEqual({ phone: { code: 'invalidPhone' } });
  expect(validate(valid({ confidantPhone: '881234567' }), RULES)).toEqual({ confidantPhone: { code: 'invalidPhone' } });
  expect(validate(valid({ hivTestDate: '1990-01-01' }), RULES)).toEqual({ hivTestDate: { code: 'beforeBirth' } });
  expect(validate(valid({ hivTestDate: '1990-01-01' }), { ...RULES, hivTestEnabled: false })).toEqual({});
});

test('a typed NID must fit the format of its type, shown in the problem; scanner input is accepted', () => {
  expect(validate(valid({ nidMode: 'manual', nid: '123' }), RULES)).toEqual({
    nid: { code: 'invalidFormat', format: 'CCPPDDUUSS/AAAA/NNNNN' },
  });
  expect(validate(valid({ nidMode: 'manual', nid: '' }), RULES)).toEqual({ nid: { code: 'required' } });
  expect(validate(valid({ nidMode: 'manual', nid: '0111040701202600012' }), RULES)).toEqual({});
  expect(validate(valid({ otherIdentifiers: { bi: '12345678' } }), RULES)).toEqual({
    'identifier:bi': { code: 'invalidFormat', format: '000000000X' },
  });
});

test('an age gives an estimated birthdate', () => {
  expect(birthdateFromAge('2026-12-06', 30, 0)).toBe('1996-12-06');
  expect(birthdateFromAge('2026-03-31', 0, 1)).toBe('2026-02-28');
  expect(birthOf(valid({ birthdateKnown: false, ageYears: '30', ageMonths: '6' }), '2026-12-06')).toEqual({
    birthdate: '1996-06-06',
    estimated: true,
  });
  expect(ageOn('1996-06-06', '2026-12-06')).toEqual({ years: 30, months: 6 });
  expect(ageOn('1996-06-07', '2026-12-06')).toEqual({ years: 30, months: 5 });
});
