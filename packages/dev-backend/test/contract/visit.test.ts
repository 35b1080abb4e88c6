import {
  CONSULTA_EXTERNA,
  CS_CALANGA,
  HD_MANHICA,
  instant,
  MANHICA,
  newEncounter,
  newPatient,
  newVisit,
  restTime,
  VITALS_ENCOUNTER,
  clinicalSuite,
} from './patients';

// Visits as the O3 chart starts, finds and ends them (VisitResource1_9, VisitSearchHandler, VisitValidator
// of core 2.7.9), and the visit an encounter posted without one joins (the distro's
// ExistingOrNewVisitAssignmentHandler with its encounter type → visit type mapping).

const suite = clinicalSuite();

type Visit = { uuid: string; startDatetime: string; stopDatetime: string | null };
const uuids = (results: Visit[]) => results.map((v) => v.uuid);
const visits = async (query: string): Promise<Visit[]> => (await suite.admin.rest(`visit?${query}`)).body.results;

test('a visit posted with startDatetime null, or without one, starts now (RESTWS-488)', async () => {
  for (const start of [{ startDatetime: null }, {}]) {
    const before = Date.now();
    const patient = await newPatient(suite.admin);
    const { status, body } = await suite.admin.rest('visit', {
      method: 'POST',
      body: { patient, visitType: CONSULTA_EXTERNA, location: HD_MANHICA, ...start },
    });
    expect(status).toBe(201);
    expect(instant(body.startDatetime)).toBeGreaterThanOrEqual(before - 1000);
    expect(instant(body.startDatetime)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(body.stopDatetime).toBeNull();
  }
});

test('VisitValidator: no stop before the start, no start before birth, encounters stay inside', async () => {
  const patient = await newPatient(suite.admin);
  const visit = { patient, visitType: CONSULTA_EXTERNA, location: HD_MANHICA };
  const backwards = await suite.admin.rest('visit', {
    method: 'POST',
    body: { ...visit, startDatetime: restTime(-60), stopDatetime: restTime(-120) },
  });
  expect(backwards.status).toBe(400);
  expect(backwards.body.error.fieldErrors.stopDatetime[0].code).toBe('Visit.error.endDateBeforeStartDate');
  const unborn = await suite.admin.rest('visit', { method: 'POST', body: { ...visit, startDatetime: '1984-01-01' } });
  expect(unborn.body.error.fieldErrors.startDatetime[0].code).toBe(
    'Visit.startDateCannotFallBeforeTheBirthDateOfTheSamePatient',
  );
  expect(await visits(`patient=${patient}`)).toEqual([]);

  const open = await newVisit(suite.admin, patient);
  await newEncounter(suite.admin, patient, VITALS_ENCOUNTER, { visit: open, encounterDatetime: restTime(-10) });
  const tooEarly = await suite.admin.rest(`visit/${open}`, { method: 'POST', body: { stopDatetime: restTime(-30) } });
  expect(tooEarly.status).toBe(400);
  expect(tooEarly.body.error.fieldErrors.stopDatetime[0].code).toBe('Visit.encountersCannotBeAfterStopDate');
  // Ending it now, as the chart does, is fine.
  const ended = await suite.admin.rest(`visit/${open}`, { method: 'POST', body: { stopDatetime: restTime() } });
  expect(ended.status).toBe(200);
});

test('search by patient, by location with or without its parents, active or not', async () => {
  const patient = await newPatient(suite.admin);
  const past = await newVisit(suite.admin, patient, {
    startDatetime: restTime(-2 * 1440),
    stopDatetime: restTime(-1440),
  });
  const atDistrict = await newVisit(suite.admin, patient, { location: MANHICA });
  const other = await newPatient(suite.admin);
  const elsewhere = await newVisit(suite.admin, other, { location: CS_CALANGA });

  // Latest start first; includeInactive is true unless given otherwise.
  expect(uuids(await visits(`patient=${patient}`))).toEqual([atDistrict, past]);
  expect(uuids(await visits(`patient=${patient}&includeInactive=false`))).toEqual([atDistrict]);
  expect(uuids(await visits(`patient=${patient}&location=${HD_MANHICA}`))).toEqual([past]);
  // includeParentLocations: visits at the location or at any of its ancestors.
  expect(uuids(await visits(`patient=${patient}&location=${HD_MANHICA}&includeParentLocations=true`))).toEqual([
    atDistrict,
    past,
  ]);
  // Without a patient: every patient's visits there (O3's active-visits list of a location asks so).
  const active = uuids(await visits(`location=${HD_MANHICA}&includeParentLocations=true&includeInactive=false`));
  expect(active).toContain(atDistrict);
  expect(active).not.toContain(past);
  expect(active).not.toContain(elsewhere);
  expect(uuids(await visits(`location=${CS_CALANGA}&includeInactive=false&v=default`))).toContain(elsewhere);
  expect(uuids(await visits(`visitType=${CONSULTA_EXTERNA}&patient=${other}`))).toEqual([elsewhere]);
});

test('an encounter posted without a visit joins the open visit it falls in, or opens one of its mapped type', async () => {
  const patient = await newPatient(suite.admin);
  const open = await newVisit(suite.admin, patient);
  const inside = await newEncounter(suite.admin, patient, VITALS_ENCOUNTER);
  expect((await suite.admin.rest(`encounter/${inside}`)).body.visit.uuid).toBe(open);

  // CS Calanga is not HD Manhiça: a new visit, of the type visits.encounterTypeToVisitTypeMapping gives
  // vitals, from the encounter's time to the end of its day.
  const outside = await newEncounter(suite.admin, patient, VITALS_ENCOUNTER, { location: CS_CALANGA });
  const encounter = (await suite.admin.rest(`encounter/${outside}?v=custom:(encounterDatetime,visit:(uuid))`)).body;
  expect(encounter.visit.uuid).not.toBe(open);
  const visit = (await suite.admin.rest(`visit/${String(encounter.visit.uuid)}`)).body;
  expect(visit).toMatchObject({
    visitType: { uuid: CONSULTA_EXTERNA },
    location: { uuid: CS_CALANGA },
    startDatetime: encounter.encounterDatetime,
  });
  expect(visit.stopDatetime.slice(0, 10)).toBe(visit.startDatetime.slice(0, 10));
  expect(visit.stopDatetime).toMatch(/T23:59:59\.000[+-]\d{4}$/);

  // A visit at the district holds encounters at any of its facilities.
  const other = await newPatient(suite.admin);
  const atDistrict = await newVisit(suite.admin, other, { location: MANHICA });
  const below = await newEncounter(suite.admin, other, VITALS_ENCOUNTER, { location: CS_CALANGA });
  expect((await suite.admin.rest(`encounter/${below}`)).body.visit.uuid).toBe(atDistrict);
});

test('EncounterValidator: an encounter must fall within the visit it is posted in', async () => {
  const patient = await newPatient(suite.admin);
  const past = await newVisit(suite.admin, patient, {
    startDatetime: restTime(-2 * 1440),
    stopDatetime: restTime(-1440),
  });
  const outside = await suite.admin.rest('encounter', {
    method: 'POST',
    body: {
      patient,
      encounterType: VITALS_ENCOUNTER,
      location: HD_MANHICA,
      encounterDatetime: restTime(-10),
      visit: past,
    },
  });
  expect(outside.status).toBe(400);
  expect(outside.body.error.fieldErrors.encounterDatetime[0].code).toBe('Encounter.datetimeShouldBeInVisitDatesRange');
});

test('visit attribute types list (the visit form reads them)', async () => {
  const { status, body } = await suite.admin.rest('visitattributetype?v=custom:(uuid,display,name,datatypeClassname)');
  expect(status).toBe(200);
  expect(Array.isArray(body.results)).toBe(true);
});
