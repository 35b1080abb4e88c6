import { created, newEncounter, newPatient, restTime, VITALS_ENCOUNTER, clinicalSuite } from './patients';

// Obs as the chart's encounter views and the vitals app read them (ObsResource 2.7, ObsValidator and
// ObsReferenceRangeResource of core 2.7.9), over the vitals concepts and ranges of distro/configuration;
// the concept searches of the conditions app (ConceptSearchHandler1_8) and the notes app (conceptsearch).

const TEMPERATURE = 'e1e2e70e-1d5f-11e0-b929-000c29ad1d07';
const PULSE = 'e1e2e5f6-1d5f-11e0-b929-000c29ad1d07';
const VITAL_SIGNS = 'e1d85a14-1d5f-11e0-b929-000c29ad1d07';
const HYPERTENSION = 'e1d69314-1d5f-11e0-b929-000c29ad1d07';
const MALARIA = 'e1cf5270-1d5f-11e0-b929-000c29ad1d07';
const DIAGNOSIS_CLASS = '8d4918b0-c2cc-11de-8d13-0010c6dffd0f';
const DRUG_CLASS = '8d490dfc-c2cc-11de-8d13-0010c6dffd0f';

const suite = clinicalSuite();
let patient: string;
let encounter: string;

beforeAll(async () => {
  patient = await newPatient(suite.admin);
  encounter = await newEncounter(suite.admin, patient, VITALS_ENCOUNTER);
});

const obs = (concept: string, value: unknown) => ({
  person: patient,
  encounter,
  concept,
  obsDatetime: restTime(-10),
  value,
});

test('an obs that is no group has groupMembers null; a group lists its members', async () => {
  const single = await created(suite.admin, 'obs', obs(TEMPERATURE, 36.6));
  const group = await created(suite.admin, 'obs', {
    ...obs(VITAL_SIGNS, undefined),
    value: undefined,
    groupMembers: [obs(PULSE, 72)],
  });
  for (const v of ['', '?v=full']) {
    expect((await suite.admin.rest(`obs/${String(single.uuid)}${v}`)).body.groupMembers).toBeNull();
    const members = (await suite.admin.rest(`obs/${String(group.uuid)}${v}`)).body.groupMembers;
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ concept: { uuid: PULSE }, value: 72 });
  }
  // The chart's encounter view asks for the members of every obs in one custom representation.
  const rep = 'custom:(uuid,obs:(uuid,concept:(uuid),groupMembers:(uuid,value)))';
  const inEncounter = (await suite.admin.rest(`encounter/${encounter}?v=${rep}`)).body.obs;
  const byUuid = Object.fromEntries(inEncounter.map((o: { uuid: string }) => [o.uuid, o]));
  expect(byUuid[String(single.uuid)].groupMembers).toBeNull();
  expect(byUuid[String(group.uuid)].groupMembers).toEqual([expect.objectContaining({ value: 72 })]);
});

test('a numeric obs is interpreted by its concept range and keeps that range', async () => {
  const interpreted = async (value: number) =>
    (await created(suite.admin, 'obs', obs(TEMPERATURE, value))).interpretation as string | null;
  // TEMPERATURA: normal 36–37.5, critical below 35 and from 40.
  expect(await interpreted(36.6)).toBe('NORMAL');
  expect(await interpreted(38.2)).toBe('HIGH');
  expect(await interpreted(35.5)).toBe('LOW');
  expect(await interpreted(41)).toBe('CRITICALLY_HIGH');
  expect(await interpreted(34)).toBe('CRITICALLY_LOW');

  const saved = await created(suite.admin, 'obs', obs(TEMPERATURE, 37));
  const range = { hiNormal: 37.5, lowNormal: 36, hiCritical: 40, lowCritical: 35, hiAbsolute: 45, lowAbsolute: 25 };
  expect((await suite.admin.rest(`obs/${String(saved.uuid)}`)).body.referenceRange).toMatchObject(range);
  const sub = await suite.admin.rest(`obs/${String(saved.uuid)}/referencerange`);
  expect(sub.status).toBe(200);
  expect(sub.body.results[0]).toMatchObject(range);
});

test('a value beyond the absolute range, or with decimals where none are allowed: 400, nothing saved', async () => {
  const before = (await suite.admin.rest(`obs?patient=${patient}&concept=${PULSE}`)).body.results.length;
  const tooHot = await suite.admin.rest('obs', { method: 'POST', body: obs(TEMPERATURE, 46) });
  expect(tooHot.status).toBe(400);
  expect(tooHot.body.error.fieldErrors.valueNumeric[0].code).toBe('error.value.outOfRange.high');
  const fraction = await suite.admin.rest('obs', { method: 'POST', body: obs(PULSE, 72.5) });
  expect(fraction.status).toBe(400);
  expect(fraction.body.error.fieldErrors.valueNumeric[0].code).toBe('Obs.error.precision');
  expect((await suite.admin.rest(`obs?patient=${patient}&concept=${PULSE}`)).body.results).toHaveLength(before);
});

test('conceptreferencerange: the ranges that apply to a patient, per concept', async () => {
  const { status, body } = await suite.admin.rest(
    `conceptreferencerange?patient=${patient}&concept=${TEMPERATURE},${PULSE}&v=full`,
  );
  expect(status).toBe(200);
  expect(body.results).toEqual([
    expect.objectContaining({ concept: TEMPERATURE, hiNormal: 37.5, lowNormal: 36, units: '°C', allowDecimal: true }),
    expect.objectContaining({ concept: PULSE, hiNormal: 100, lowNormal: 60, units: 'bpm', allowDecimal: false }),
  ]);
});

describe('concept searches', () => {
  const found = async (query: string) =>
    ((await suite.admin.rest(`concept?${query}&v=custom:(uuid,display)`)).body.results as { uuid: string }[]).map(
      (c) => c.uuid,
    );

  test('name with searchType=fuzzy: each word starts a word of a name, in any order; class filters', async () => {
    expect(await found(`name=hiperten&searchType=fuzzy&class=${DIAGNOSIS_CLASS}`)).toContain(HYPERTENSION);
    expect(await found(`name=arterial%20HIPER&searchType=fuzzy&class=${DIAGNOSIS_CLASS}`)).toContain(HYPERTENSION);
    // English names are searched too (the locales in order: the session's, the default, the allowed ones).
    expect(await found(`name=hypert&searchType=fuzzy&class=${DIAGNOSIS_CLASS}`)).toContain(HYPERTENSION);
    expect(await found(`name=hiperten&searchType=fuzzy&class=${DRUG_CLASS}`)).not.toContain(HYPERTENSION);
    expect(await found('name=terial&searchType=fuzzy')).not.toContain(HYPERTENSION);
    expect((await suite.admin.rest('concept?name=malaria&searchType=near')).status).toBe(400);
  });

  test('conceptsearch: concept and the name that matched, by concept class', async () => {
    const { status, body } = await suite.admin.rest(`conceptsearch?q=malar&conceptClasses=${DIAGNOSIS_CLASS}`);
    expect(status).toBe(200);
    const malaria = body.results.find((r: { concept: { uuid: string } }) => r.concept.uuid === MALARIA);
    expect(malaria).toMatchObject({ display: expect.any(String), conceptName: { uuid: expect.any(String) } });
    const drugs = (await suite.admin.rest(`conceptsearch?q=malar&conceptClasses=${DRUG_CLASS}`)).body.results;
    expect(drugs.map((r: { concept: { uuid: string } }) => r.concept.uuid)).not.toContain(MALARIA);
  });
});

test("a concept's descriptions and mappings as sub-resources, and the metadata its mappings name", async () => {
  const concept = (await suite.admin.rest(`concept/${TEMPERATURE}?v=full`)).body;
  for (const [path, property] of [
    ['description', 'descriptions'],
    ['mapping', 'mappings'],
  ]) {
    const { status, body } = await suite.admin.rest(`concept/${TEMPERATURE}/${path}`);
    expect(status).toBe(200);
    expect(body.results.map((r: { uuid: string }) => r.uuid)).toEqual(
      concept[property].map((r: { uuid: string }) => r.uuid),
    );
  }
  for (const resource of ['conceptsource', 'conceptmaptype', 'conceptreferenceterm', 'conceptattributetype']) {
    const { status, body } = await suite.admin.rest(`${resource}?v=default`);
    expect([resource, status, Array.isArray(body.results)]).toEqual([resource, 200, true]);
  }
});
