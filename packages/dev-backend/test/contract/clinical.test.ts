import { created, newEncounter, newPatient, NOTE_ENCOUNTER, restTime, clinicalSuite } from './patients';

// Allergies, conditions and diagnoses as the chart's apps write and read them: REST
// (PatientAllergyResource2_0, ConditionResource2_2, DiagnosisResource2_5 of webservices.rest 2.50 over
// core 2.7.9's services) and FHIR R4 (fhir2 2.8's AllergyIntolerance and Condition).

const NEVIRAPINE = 'e1d3d5de-1d5f-11e0-b929-000c29ad1d07';
const EGGS = '162171AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const RASH = 'e1d29f66-1d5f-11e0-b929-000c29ad1d07';
const MILD = '1498AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const MODERATE = '1499AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
/** allergy.concept.otherNonCoded in distro/configuration: OUTRO NAO CODIFICADO. */
const OTHER_NON_CODED = 'e1e783ea-1d5f-11e0-b929-000c29ad1d07';
const HYPERTENSION = 'e1d69314-1d5f-11e0-b929-000c29ad1d07';
const DIABETES = '119481AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const MALARIA = 'e1cf5270-1d5f-11e0-b929-000c29ad1d07';
const HL7 = 'http://terminology.hl7.org/CodeSystem';
const CATEGORY = `${HL7}/condition-category`;

const suite = clinicalSuite();

type Entry = { resource: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const resources = async (query: string) => {
  const { status, body } = await suite.admin.fhir(query);
  expect(status).toBe(200);
  return ((body.entry ?? []) as Entry[]).map((e) => e.resource);
};

describe('allergies', () => {
  const allergy = (allergen: string, severity = MILD) => ({
    allergen: { allergenType: 'DRUG', codedAllergen: { uuid: allergen } },
    severity: { uuid: severity },
    reactions: [{ reaction: { uuid: RASH } }],
  });

  test('a patient whose allergies were never asked about has no list (204); the list once one is added', async () => {
    const patient = await newPatient(suite.admin);
    const none = await suite.admin.rest(`patient/${patient}/allergy`);
    expect(none.status).toBe(204);
    expect(none.body).toBeUndefined();

    const saved = await created(suite.admin, `patient/${patient}/allergy`, allergy(NEVIRAPINE));
    expect(saved).toMatchObject({
      allergen: { allergenType: 'DRUG', codedAllergen: { uuid: NEVIRAPINE }, nonCodedAllergen: null },
      severity: { uuid: MILD },
      comment: null,
      reactions: [{ reaction: { uuid: RASH }, reactionNonCoded: null }],
      patient: { uuid: patient },
    });
    const list = (await suite.admin.rest(`patient/${patient}/allergy`)).body.results;
    expect(list.map((a: { uuid: string }) => a.uuid)).toEqual([saved.uuid]);
  });

  test('the same allergen twice is refused; a non-coded allergen is "other" plus its text', async () => {
    const patient = await newPatient(suite.admin);
    await created(suite.admin, `patient/${patient}/allergy`, allergy(NEVIRAPINE));
    const again = await suite.admin.rest(`patient/${patient}/allergy`, { method: 'POST', body: allergy(NEVIRAPINE) });
    expect(again.status).toBe(400);
    expect(again.body.error.fieldErrors.allergen[0].code).toBe('allergyapi.message.duplicateAllergen');

    const pollen = await created(suite.admin, `patient/${patient}/allergy`, {
      allergen: { allergenType: 'ENVIRONMENT', codedAllergen: { uuid: OTHER_NON_CODED }, nonCodedAllergen: 'Pólen' },
      severity: { uuid: MILD },
      reactions: [],
    });
    expect(pollen.display).toBe('Pólen');
    const missing = await suite.admin.rest(`patient/${patient}/allergy`, {
      method: 'POST',
      body: { allergen: { allergenType: 'FOOD', codedAllergen: { uuid: OTHER_NON_CODED } }, reactions: [] },
    });
    expect(missing.body.error.fieldErrors.allergen[0].code).toBe('allergyapi.allergen.nonCodedAllergen.required');
  });

  test('edit (severity, reactions replaced), then void; FHIR shows what REST saved', async () => {
    const patient = await newPatient(suite.admin);
    const saved = await created(suite.admin, `patient/${patient}/allergy`, allergy(NEVIRAPINE));
    const path = `patient/${patient}/allergy/${String(saved.uuid)}`;
    const edited = await suite.admin.rest(path, {
      method: 'POST',
      body: { severity: { uuid: MODERATE }, comment: 'Síndrome de Stevens-Johnson excluída', reactions: [] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ severity: { uuid: MODERATE }, reactions: [] });

    const [fhir] = await resources(`AllergyIntolerance?patient=${patient}`);
    expect(fhir).toMatchObject({
      id: saved.uuid,
      clinicalStatus: { coding: [{ system: `${HL7}/allergyintolerance-clinical`, code: 'active' }] },
      type: 'allergy',
      category: ['medication'],
      criticality: 'unable-to-assess',
      code: { coding: expect.arrayContaining([expect.objectContaining({ code: NEVIRAPINE })]) },
      patient: { reference: `Patient/${patient}` },
      note: [{ text: 'Síndrome de Stevens-Johnson excluída' }],
    });
    expect(fhir.reaction[0].severity).toBe('moderate');

    expect((await suite.admin.rest(path, { method: 'DELETE' })).status).toBe(204);
    expect(await resources(`AllergyIntolerance?patient=${patient}`)).toEqual([]);
    const inactive = await resources(`AllergyIntolerance?patient=${patient}&clinical-status=inactive`);
    expect(inactive.map((a) => a.id)).toEqual([saved.uuid]);
  });

  test('FHIR create and update; search by category and severity', async () => {
    const patient = await newPatient(suite.admin);
    const body = {
      resourceType: 'AllergyIntolerance',
      clinicalStatus: { coding: [{ system: `${HL7}/allergyintolerance-clinical`, code: 'active' }] },
      verificationStatus: { coding: [{ system: `${HL7}/allergyintolerance-verification`, code: 'confirmed' }] },
      type: 'allergy',
      category: ['food'],
      code: { coding: [{ code: EGGS }] },
      patient: { reference: `Patient/${patient}` },
      reaction: [{ manifestation: [{ coding: [{ code: RASH }] }], severity: 'mild' }],
    };
    const posted = await suite.admin.fhir('AllergyIntolerance', { method: 'POST', body });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ category: ['food'], criticality: 'low' });
    const id = String(posted.body.id);
    expect(posted.headers.get('location')).toContain(`/AllergyIntolerance/${id}`);
    const rest = (await suite.admin.rest(`patient/${patient}/allergy/${id}`)).body;
    expect(rest).toMatchObject({
      allergen: { allergenType: 'FOOD', codedAllergen: { uuid: EGGS } },
      severity: { uuid: MILD },
    });

    const put = await suite.admin.fhir(`AllergyIntolerance/${id}`, {
      method: 'PUT',
      body: { ...body, id, note: [{ text: 'Ovos cozidos também' }] },
    });
    expect(put.status).toBe(200);
    expect(put.body.note).toEqual([{ text: 'Ovos cozidos também' }]);

    expect((await resources(`AllergyIntolerance?patient=${patient}&category=food`)).map((a) => a.id)).toEqual([id]);
    expect(await resources(`AllergyIntolerance?patient=${patient}&category=medication`)).toEqual([]);
    expect((await resources(`AllergyIntolerance?patient=${patient}&severity=mild`)).map((a) => a.id)).toEqual([id]);
  });
});

describe('conditions', () => {
  const hypertension = (patient: string) => ({
    patient,
    condition: { coded: HYPERTENSION },
    clinicalStatus: 'ACTIVE',
    verificationStatus: 'CONFIRMED',
    onsetDate: '2025-03-01',
  });

  test('REST: a changed condition is voided and replaced by a new version pointing back to it', async () => {
    const patient = await newPatient(suite.admin);
    const first = await created(suite.admin, 'condition', hypertension(patient));
    expect(first).toMatchObject({
      condition: { coded: { uuid: HYPERTENSION } },
      clinicalStatus: 'ACTIVE',
      voided: false,
    });
    const listed = async (extra = '') =>
      ((await suite.admin.rest(`condition?patientUuid=${patient}${extra}`)).body.results as { uuid: string }[]).map(
        (c) => c.uuid,
      );
    expect(await listed()).toEqual([first.uuid]);

    const edited = await suite.admin.rest(`condition/${String(first.uuid)}`, {
      method: 'POST',
      body: { clinicalStatus: 'INACTIVE', endDate: '2026-01-10' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.uuid).not.toBe(first.uuid);
    expect(edited.body).toMatchObject({ clinicalStatus: 'INACTIVE', previousVersion: { uuid: first.uuid } });
    expect((await suite.admin.rest(`condition/${String(first.uuid)}`)).body.voided).toBe(true);
    // Only active conditions unless includeInactive=true.
    expect(await listed()).toEqual([]);
    expect(await listed('&includeInactive=true')).toEqual([edited.body.uuid]);
  });

  test('FHIR: problem-list conditions created, updated and deleted; the update is a new version', async () => {
    const patient = await newPatient(suite.admin);
    const body = {
      resourceType: 'Condition',
      clinicalStatus: { coding: [{ system: `${HL7}/condition-clinical`, code: 'active' }] },
      code: { coding: [{ code: DIABETES }] },
      subject: { reference: `Patient/${patient}` },
      onsetDateTime: '2024-06-01T00:00:00+02:00',
    };
    const posted = await suite.admin.fhir('Condition', { method: 'POST', body });
    expect(posted.status).toBe(201);
    expect(posted.body.category[0].coding[0]).toMatchObject({ system: CATEGORY, code: 'problem-list-item' });

    const put = await suite.admin.fhir(`Condition/${String(posted.body.id)}`, {
      method: 'PUT',
      body: {
        ...body,
        id: posted.body.id,
        clinicalStatus: { coding: [{ system: `${HL7}/condition-clinical`, code: 'inactive' }] },
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.clinicalStatus.coding[0].code).toBe('inactive');
    expect(put.body.id).not.toBe(posted.body.id);
    const rest = (await suite.admin.rest(`condition?patientUuid=${patient}&includeInactive=true&v=default`)).body
      .results;
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatchObject({ uuid: put.body.id, clinicalStatus: 'INACTIVE' });

    expect((await suite.admin.fhir(`Condition/${String(put.body.id)}`, { method: 'DELETE' })).status).toBe(200);
    expect(await resources(`Condition?patient=${patient}`)).toEqual([]);
  });

  test('patientdiagnoses of a visit note: created, updated, voided; FHIR Condition tells them apart by category', async () => {
    const patient = await newPatient(suite.admin);
    const encounter = await newEncounter(suite.admin, patient, NOTE_ENCOUNTER);
    const condition = await created(suite.admin, 'condition', hypertension(patient));
    const diagnosis = await created(suite.admin, 'patientdiagnoses', {
      encounter,
      patient,
      condition: null,
      diagnosis: { coded: MALARIA, nonCoded: null, specificName: null },
      certainty: 'PROVISIONAL',
      rank: 1,
    });
    expect(diagnosis).toMatchObject({
      diagnosis: { coded: { uuid: MALARIA } },
      certainty: 'PROVISIONAL',
      rank: 1,
      encounter: { uuid: encounter },
      voided: false,
    });
    const updated = await suite.admin.rest(`patientdiagnoses/${String(diagnosis.uuid)}`, {
      method: 'POST',
      body: { certainty: 'CONFIRMED' },
    });
    expect(updated.body).toMatchObject({ uuid: diagnosis.uuid, certainty: 'CONFIRMED' });
    const since = encodeURIComponent(restTime(-60));
    const search = (await suite.admin.rest(`patientdiagnoses?patientUuid=${patient}&fromDate=${since}`)).body.results;
    expect(search.map((d: { uuid: string }) => d.uuid)).toEqual([diagnosis.uuid]);

    const ids = async (query: string) => (await resources(`Condition?patient=${patient}${query}`)).map((c) => c.id);
    expect((await ids('')).sort()).toEqual([condition.uuid, diagnosis.uuid].sort());
    expect(await ids(`&category=${encodeURIComponent(`${CATEGORY}|problem-list-item`)}`)).toEqual([condition.uuid]);
    expect(await ids(`&category=${encodeURIComponent(`${CATEGORY}|encounter-diagnosis`)}`)).toEqual([diagnosis.uuid]);
    const [fhir] = await resources(`Condition?_id=${String(diagnosis.uuid)}`);
    expect(fhir).toMatchObject({
      verificationStatus: { coding: [{ code: 'confirmed' }] },
      encounter: { reference: `Encounter/${encounter}` },
    });

    expect((await suite.admin.rest(`patientdiagnoses/${String(diagnosis.uuid)}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(await ids(`&category=${encodeURIComponent(`${CATEGORY}|encounter-diagnosis`)}`)).toEqual([]);
  });
});
