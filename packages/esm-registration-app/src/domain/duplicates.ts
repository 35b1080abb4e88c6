import { foldName, soundsLike, spellingPrefixes } from './phonetic';

// Duplicate prevention before a patient is created, with the core REST search only (so it works on
// any OpenMRS 2.x distro): an exact identifier match blocks the save; name searches under every
// spelling of the names' openings give candidates, scored by sound, birth year, sex and district.

/** What the form knows of the patient about to be registered. */
export interface Applicant {
  givenName: string;
  middleName?: string;
  familyName: string;
  sex: string;
  /** yyyy-mm-dd, exact or estimated */
  birthdate?: string;
  district?: string;
  /** Identifiers typed in (NID, NUIC, BI…): any existing patient holding one is an exact duplicate. */
  identifiers: string[];
}

export interface ExistingPatient {
  uuid: string;
  identifiers: { identifier: string; identifierType?: { uuid: string; display?: string } }[];
  person: {
    gender: string;
    birthdate?: string | null;
    birthdateEstimated?: boolean;
    dead?: boolean;
    names: { givenName?: string | null; middleName?: string | null; familyName?: string | null }[];
    addresses?: { stateProvince?: string | null; countyDistrict?: string | null; address2?: string | null }[];
  };
}

export interface ProbableDuplicate {
  patient: ExistingPatient;
  /** 0–1: how alike the names sound */
  nameSimilarity: number;
  sameSex: boolean;
  /** Birth years apart, undefined when either is unknown */
  yearsApart?: number;
  sameDistrict: boolean;
  score: number;
}

export interface DuplicateCheck {
  /** Patients that already hold one of the identifiers typed in */
  exact: { identifier: string; patient: ExistingPatient }[];
  probable: ProbableDuplicate[];
}

export interface DuplicateOptions {
  /** Years of difference in birth year still considered the same person */
  birthYearTolerance: number;
  /** 0–1: the least name similarity of a probable duplicate */
  minNameSimilarity: number;
  /** At most this many probable duplicates, best first */
  maxResults: number;
}

/** GET of a REST list (`results`), path relative to /ws/rest/v1. */
export type FetchResults = (path: string, signal?: AbortSignal) => Promise<ExistingPatient[]>;

export const DUPLICATE_REPRESENTATION =
  'custom:(uuid,identifiers:(identifier,identifierType:(uuid,display)),person:(gender,birthdate,birthdateEstimated,dead,names:(givenName,middleName,familyName),addresses:(stateProvince,countyDistrict,address2)))';

/** Name searches (each word a prefix of some name part, as core OpenMRS matches) covering the spellings of both names. */
export function candidateQueries(applicant: Applicant): string[] {
  const given = spellingPrefixes(applicant.givenName);
  const family = spellingPrefixes(applicant.familyName);
  const queries = new Set<string>();
  for (const g of given) for (const f of family) queries.add(`${g} ${f}`);
  // A spelling that differs inside the family name (Machava / Matxava) is still found by the whole given name.
  const wholeGiven = foldName(applicant.givenName);
  if (wholeGiven.length > 3) queries.add(`${wholeGiven} ${foldName(applicant.familyName).slice(0, 1)}`);
  return [...queries].filter((q) => q.trim().length >= 3);
}

function nameWords(names: ExistingPatient['person']['names']): string[] {
  return names
    .flatMap((n) => [n.givenName, n.middleName, n.familyName])
    .flatMap((w) => (w ?? '').split(/\s+/))
    .filter(Boolean);
}

/** How alike the applicant's names sound to the best-matching names of the patient, in any order. */
export function nameSimilarity(applicant: Applicant, patient: ExistingPatient): number {
  const theirs = nameWords(patient.person.names);
  if (theirs.length === 0) return 0;
  const best = (word: string) => Math.max(...theirs.map((w) => soundsLike(word, w)));
  const given = best(applicant.givenName);
  const family = best(applicant.familyName);
  return (given + family) / 2;
}

const year = (date?: string | null) => (date ? Number(date.slice(0, 4)) : undefined);
const same = (a?: string | null, b?: string | null) => !!a && !!b && foldName(a) === foldName(b);

export function scoreCandidate(
  applicant: Applicant,
  patient: ExistingPatient,
  options: DuplicateOptions,
): ProbableDuplicate | undefined {
  const similarity = nameSimilarity(applicant, patient);
  if (similarity < options.minNameSimilarity) return undefined;
  const theirYear = year(patient.person.birthdate);
  const ourYear = year(applicant.birthdate);
  const yearsApart = theirYear && ourYear ? Math.abs(theirYear - ourYear) : undefined;
  if (yearsApart !== undefined && yearsApart > options.birthYearTolerance) return undefined;
  const sameSex = patient.person.gender === applicant.sex;
  // A different sex is kept only for names that sound the same: it is then more likely a typing slip.
  if (!sameSex && similarity < 1) return undefined;
  const sameDistrict = (patient.person.addresses ?? []).some((a) => same(a.countyDistrict, applicant.district));
  const score =
    0.6 * similarity +
    (sameSex ? 0.2 : 0) +
    (sameDistrict ? 0.1 : 0) +
    (yearsApart === undefined ? 0.03 : 0.1 * (1 - yearsApart / (options.birthYearTolerance + 1)));
  return { patient, nameSimilarity: similarity, sameSex, yearsApart, sameDistrict, score };
}

const REP = `v=${encodeURIComponent(DUPLICATE_REPRESENTATION)}`;

/** The patients (other than `self`) that hold one of the identifiers. */
export async function identifierHolders(
  identifiers: string[],
  fetchResults: FetchResults,
  signal?: AbortSignal,
  self?: string,
): Promise<DuplicateCheck['exact']> {
  const found = await Promise.all(
    [...new Set(identifiers.filter(Boolean))].map(async (identifier) =>
      (await fetchResults(`/patient?identifier=${encodeURIComponent(identifier)}&${REP}`, signal))
        .filter((patient) => patient.uuid !== self)
        .map((patient) => ({ identifier, patient })),
    ),
  );
  return found.flat();
}

/** The most a name search asks for (webservices.rest.maxResultsAbsolute, 100 by default). */
const LIMIT = 100;

/**
 * The patients found by the name searches. A search that fills its page has missed some: it is asked
 * again with the whole names, which common names (Amélia Macuácua) need.
 */
async function namesakes(applicant: Applicant, fetchResults: FetchResults, signal?: AbortSignal) {
  const search = (q: string) => fetchResults(`/patient?q=${encodeURIComponent(q)}&${REP}&limit=${LIMIT}`, signal);
  const pages = await Promise.all(candidateQueries(applicant).map(search));
  const whole = `${foldName(applicant.givenName)} ${foldName(applicant.familyName)}`;
  if (pages.some((page) => page.length >= LIMIT)) pages.push(await search(whole));
  return pages.flat();
}

export async function checkDuplicates(
  applicant: Applicant,
  fetchResults: FetchResults,
  options: DuplicateOptions,
  signal?: AbortSignal,
): Promise<DuplicateCheck> {
  const [exact, byName] = await Promise.all([
    identifierHolders(applicant.identifiers, fetchResults, signal),
    namesakes(applicant, fetchResults, signal),
  ]);
  const blocked = new Set(exact.map((e) => e.patient.uuid));
  const seen = new Set<string>();
  const probable: ProbableDuplicate[] = [];
  for (const patient of byName) {
    if (seen.has(patient.uuid) || blocked.has(patient.uuid)) continue;
    seen.add(patient.uuid);
    const match = scoreCandidate(applicant, patient, options);
    if (match) probable.push(match);
  }
  probable.sort((a, b) => b.score - a.score);
  return { exact, probable: probable.slice(0, options.maxResults) };
}
