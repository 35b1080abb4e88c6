import { Client } from './client';
import { atHdManhica, created, newEncounter, newPatient, PRESCRIPTION_ENCOUNTER, clinicalSuite } from './patients';

// What the medications and orders apps and the visit note form ask for before and after a drug order:
// orderentryconfig (OrderEntryConfigResource1_10 over the distro's order.* global properties and
// frequencies), orderset, FHIR MedicationRequest (fhir2 2.8), o3/forms (o3forms 2.3). And emrapi,
// which the distro leaves out: the chart asks for its settings and carries on without them.

const COMPRIMIDOS = '16cbff04-b3fc-4eae-8b7a-9b8b974fb211';
const ORAL = '160240AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const DIAS = 'e1d822e2-1d5f-11e0-b929-000c29ad1d07';
const ONCE_A_DAY = 'fc4926a0-064a-4bd9-80a2-3a4907be2909';
const CTZ_480 = '56829287-8619-426f-bd97-54c4bfd2faa1';
const OUTPATIENT = '6f0c9a92-6f24-11e3-af88-005056821db0';
const NOTE_FORM = 'c85ed214-90ed-3720-b6f9-aec0283ca16e';
const NOTE_ENCOUNTER_TYPE = 'd7151f82-c1f3-4152-a605-2f9ea7414a79';
const NOTE_TEXT = '162169AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const suite = clinicalSuite();
let clinician: Client;

beforeAll(async () => {
  clinician = await atHdManhica(await new Client(suite.target.url).logIn(suite.target.demo('Clinician')));
});

const uuids = (list: { uuid: string }[] | undefined) => (list ?? []).map((i) => i.uuid);

test('orderentryconfig: the units, routes and frequencies the drug order form offers', async () => {
  const { status, body } = await clinician.rest('orderentryconfig');
  expect(status).toBe(200);
  expect(uuids(body.drugDosingUnits)).toContain(COMPRIMIDOS);
  expect(uuids(body.drugDispensingUnits)).toContain(COMPRIMIDOS);
  expect(uuids(body.drugRoutes)).toContain(ORAL);
  expect(uuids(body.durationUnits)).toContain(DIAS);
  expect(uuids(body.orderFrequencies)).toContain(ONCE_A_DAY);
  expect(body.drugRoutes[0]).toEqual({
    uuid: expect.any(String),
    display: expect.any(String),
    links: expect.any(Array),
  });
});

test("orderentryconfig with the medications app's custom representation drops the concept lists", async () => {
  const rep = 'custom:(uuid,display,frequencyPerDay,concept:(names:(display,uuid)))';
  const { body } = await clinician.rest(`orderentryconfig?v=${rep}`);
  // Concepts have no frequencyPerDay: ConversionUtil fails on those lists and the resource leaves them
  // out. An empty list has nothing to fail on: the distro sets no test specimen sources.
  expect(body).toEqual({ testSpecimenSources: [], orderFrequencies: expect.any(Array) });
  const once = body.orderFrequencies.find((f: { uuid: string }) => f.uuid === ONCE_A_DAY);
  expect(once).toMatchObject({ frequencyPerDay: 1, concept: { names: expect.any(Array) } });
});

test('order sets: none configured, an empty list; reading them needs Get Order Sets', async () => {
  const { status, body } = await suite.admin.rest('orderset?v=full');
  expect(status).toBe(200);
  expect(body.results).toEqual([]);
  expect((await clinician.rest('orderset')).status).toBe(403);
});

test('a signed drug order is an active MedicationRequest of the patient', async () => {
  const patient = await newPatient(suite.admin);
  const encounter = await newEncounter(clinician, patient, PRESCRIPTION_ENCOUNTER);
  const session = (await clinician.rest('session?v=custom:(currentProvider:(uuid))')).body;
  const order = await created(clinician, 'order', {
    type: 'drugorder',
    action: 'NEW',
    patient,
    encounter,
    careSetting: OUTPATIENT,
    orderer: session.currentProvider.uuid,
    drug: CTZ_480,
    dosingType: 'org.openmrs.SimpleDosingInstructions',
    dose: 2,
    doseUnits: COMPRIMIDOS,
    route: ORAL,
    frequency: ONCE_A_DAY,
    duration: 30,
    durationUnits: DIAS,
    quantity: 60,
    quantityUnits: COMPRIMIDOS,
    numRefills: 0,
    orderReasonNonCoded: 'Profilaxia',
  });
  const { status, body } = await clinician.fhir(`MedicationRequest?patient=${patient}&status=active`);
  expect(status).toBe(200);
  expect(body.total).toBe(1);
  const request = body.entry[0].resource;
  expect(request).toMatchObject({
    resourceType: 'MedicationRequest',
    id: order.uuid,
    status: 'active',
    intent: 'order',
    medicationReference: { reference: `Medication/${CTZ_480}` },
    subject: { reference: `Patient/${patient}` },
    encounter: { reference: `Encounter/${encounter}` },
  });
  expect(request.dosageInstruction[0].doseAndRate[0].doseQuantity).toMatchObject({ value: 2 });
  expect(request.dispenseRequest.quantity).toMatchObject({ value: 60 });
  // fhir2 filters on status=active only; any other status is ignored.
  expect((await clinician.fhir(`MedicationRequest?patient=${patient}&status=completed`)).body.total).toBe(1);

  const discontinued = await created(clinician, 'order', {
    type: 'drugorder',
    action: 'DISCONTINUE',
    previousOrder: order.uuid,
    patient,
    encounter,
    careSetting: OUTPATIENT,
    orderer: session.currentProvider.uuid,
    drug: CTZ_480,
    orderReasonNonCoded: 'Erupção cutânea',
  });
  expect(discontinued.action).toBe('DISCONTINUE');
  expect((await clinician.fhir(`MedicationRequest?patient=${patient}&status=active`)).body.total).toBe(0);
  // The discontinuation order itself is never a MedicationRequest (FM2-532).
  const all = (await clinician.fhir(`MedicationRequest?patient=${patient}`)).body;
  expect(all.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([order.uuid]);
});

test('o3/forms: the visit note form with its encounter type, schema and the concepts it names', async () => {
  const { status, body } = await clinician.rest(`o3/forms/${NOTE_FORM}`);
  expect(status).toBe(200);
  expect(body).toMatchObject({
    uuid: NOTE_FORM,
    encounterType: { uuid: NOTE_ENCOUNTER_TYPE },
    pages: expect.any(Array),
  });
  expect(body.conceptReferences[NOTE_TEXT]).toMatchObject({ uuid: NOTE_TEXT, display: expect.any(String) });
  expect((await clinician.rest('o3/forms/00000000-0000-0000-0000-000000000000')).status).toBe(404);
});

test('emrapi is not in the distro: its endpoints do not exist', async () => {
  for (const path of ['emrapi/configuration', 'emrapi/activevisit?patient=x']) {
    expect((await clinician.rest(path)).status).toBe(404);
  }
});
