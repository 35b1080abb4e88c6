import { matchesFormat, normaliseNid } from './nid';

// The registration form's values, their validation and the OpenMRS patient they become. Pure: the
// components, the tests and the benchmark share it.

/** The person address fields of the Mozambican hierarchy (País … Casa). */
export const ADDRESS_FIELDS = [
  'country',
  'stateProvince',
  'countyDistrict',
  'address2',
  'address6',
  'address5',
  'address3',
  'address1',
] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** OpenMRS gender codes: the form offers F and M; O (other) and U (unknown) are kept when a record has them. */
export const SEXES = ['F', 'M', 'O', 'U'] as const;
export type Sex = (typeof SEXES)[number];

export interface RegistrationValues {
  givenName: string;
  middleName: string;
  familyName: string;
  sex: '' | Sex;
  /** yyyy-mm-dd when the birthdate is known */
  birthdate: string;
  birthdateKnown: boolean;
  ageYears: string;
  ageMonths: string;
  /** generate: from the facility's identifier source at save; manual: typed in */
  nidMode: 'generate' | 'manual';
  nid: string;
  /** identifier type uuid → value, for the optional identifiers (NUIC, BI…) */
  otherIdentifiers: Record<string, string>;
  phone: string;
  phone2: string;
  referencePoint: string;
  address: Record<AddressField, string>;
  confidantName: string;
  confidantRelationship: string;
  confidantPhone: string;
  hivTestDate: string;
  hivTestType: string;
}

export function emptyValues(): RegistrationValues {
  return {
    givenName: '',
    middleName: '',
    familyName: '',
    sex: '',
    birthdate: '',
    birthdateKnown: true,
    ageYears: '',
    ageMonths: '',
    nidMode: 'generate',
    nid: '',
    otherIdentifiers: {},
    phone: '',
    phone2: '',
    referencePoint: '',
    address: Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, ''])) as Record<AddressField, string>,
    confidantName: '',
    confidantRelationship: '',
    confidantPhone: '',
    hivTestDate: '',
    hivTestType: '',
  };
}

export interface IdentifierTypeRule {
  uuid: string;
  name: string;
  format?: string | null;
  formatDescription?: string | null;
}

/** Why a value is refused; the form turns each into a translated message. */
export type Problem =
  | { code: 'required' }
  | { code: 'invalidName' }
  | { code: 'futureDate' }
  | { code: 'tooOld' }
  | { code: 'invalidAge' }
  | { code: 'beforeBirth' }
  | { code: 'invalidPhone' }
  | { code: 'invalidFormat'; format: string }
  | { code: 'server'; message: string };

export type Problems = Partial<Record<string, Problem>>;

export interface ValidationRules {
  phonePattern: string;
  nidType: IdentifierTypeRule;
  otherIdentifierTypes: IdentifierTypeRule[];
  hivTestEnabled: boolean;
  /** yyyy-mm-dd */
  today: string;
}

const NAME = /^[\p{L}][\p{L}' -]*$/u;
const MAX_AGE = 120;

/** yyyy-mm-dd of `today` minus whole years and months (the estimated birthdate of an age). */
export function birthdateFromAge(today: string, years: number, months: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y - years, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, lastDay));
  return date.toISOString().slice(0, 10);
}

/** Today's date (yyyy-mm-dd) on this computer's clock and time zone. */
export function localToday(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/** Whole years and months from `birthdate` to `today` (both yyyy-mm-dd). */
export function ageOn(birthdate: string, today: string): { years: number; months: number } {
  const [by, bm, bd] = birthdate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const total = (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0);
  return { years: Math.floor(total / 12), months: total % 12 };
}

/** The birthdate the patient is saved with, and whether it is estimated. */
export function birthOf(values: RegistrationValues, today: string): { birthdate: string; estimated: boolean } | null {
  if (values.birthdateKnown) return values.birthdate ? { birthdate: values.birthdate, estimated: false } : null;
  const years = Number(values.ageYears || 0);
  const months = Number(values.ageMonths || 0);
  if (!values.ageYears && !values.ageMonths) return null;
  return { birthdate: birthdateFromAge(today, years, months), estimated: true };
}

function identifierProblem(value: string, type: IdentifierTypeRule): Problem | undefined {
  if (matchesFormat(value, type.format)) return undefined;
  return { code: 'invalidFormat', format: type.formatDescription || type.format || '' };
}

export function validate(values: RegistrationValues, rules: ValidationRules): Problems {
  const problems: Problems = {};
  const name = (field: 'givenName' | 'middleName' | 'familyName', required: boolean) => {
    const value = values[field].trim();
    if (!value) {
      if (required) problems[field] = { code: 'required' };
    } else if (!NAME.test(value)) problems[field] = { code: 'invalidName' };
  };
  name('givenName', true);
  name('middleName', false);
  name('familyName', true);
  if (!values.sex) problems.sex = { code: 'required' };

  if (values.birthdateKnown) {
    if (!values.birthdate) problems.birthdate = { code: 'required' };
    else if (values.birthdate > rules.today) problems.birthdate = { code: 'futureDate' };
    else if (Number(rules.today.slice(0, 4)) - Number(values.birthdate.slice(0, 4)) > MAX_AGE)
      problems.birthdate = { code: 'tooOld' };
  } else {
    const years = values.ageYears === '' ? 0 : Number(values.ageYears);
    const months = values.ageMonths === '' ? 0 : Number(values.ageMonths);
    if (values.ageYears === '' && values.ageMonths === '') problems.ageYears = { code: 'required' };
    else if (!Number.isInteger(years) || years < 0 || years > MAX_AGE) problems.ageYears = { code: 'invalidAge' };
    else if (!Number.isInteger(months) || months < 0 || months > 11) problems.ageMonths = { code: 'invalidAge' };
  }

  if (values.nidMode === 'manual') {
    const nid = normaliseNid(values.nid);
    if (!nid) problems.nid = { code: 'required' };
    else {
      const problem = identifierProblem(nid, rules.nidType);
      if (problem) problems.nid = problem;
    }
  }
  for (const type of rules.otherIdentifierTypes) {
    const value = (values.otherIdentifiers[type.uuid] ?? '').trim();
    const problem = value ? identifierProblem(value, type) : undefined;
    if (problem) problems[`identifier:${type.uuid}`] = problem;
  }

  const phone = new RegExp(rules.phonePattern);
  for (const field of ['phone', 'phone2', 'confidantPhone'] as const) {
    const value = values[field].replace(/\s+/g, '');
    if (value && !phone.test(value)) problems[field] = { code: 'invalidPhone' };
  }
  if (values.confidantName.trim() && !NAME.test(values.confidantName.trim()))
    problems.confidantName = { code: 'invalidName' };

  if (rules.hivTestEnabled && values.hivTestDate) {
    const birth = birthOf(values, rules.today);
    if (values.hivTestDate > rules.today) problems.hivTestDate = { code: 'futureDate' };
    else if (birth && values.hivTestDate < birth.birthdate) problems.hivTestDate = { code: 'beforeBirth' };
  }
  return problems;
}
