import { Client } from './client';
import { contractSuite, REMOTE } from './target';

// Drugs and the order-entry metadata (care settings, order types, frequencies) as the O3 order
// basket reads them: distro drugs, core care settings and order types.

const TLD = '443a0e53-122d-4712-a8fa-71c092a23663';
const OUTPATIENT = '6f0c9a92-6f24-11e3-af88-005056821db0';
const INPATIENT = 'c365e560-c3ec-11e3-9c1a-0800200c9a66';
const DRUG_ORDER = '131168f4-15f5-102d-96e4-000c29c2a5d7';
const local = REMOTE ? test.skip : test;

const suite = contractSuite();

test('a drug in the default representation, with its concept and dosage form as refs', async () => {
  const { status, body } = await suite.admin.rest(`drug/${TLD}`);
  expect(status).toBe(200);
  expect(Object.keys(body).sort()).toEqual(
    [
      'display',
      'uuid',
      'name',
      'description',
      'retired',
      'dosageForm',
      'maximumDailyDose',
      'minimumDailyDose',
      'concept',
      'combination',
      'strength',
      'drugReferenceMaps',
      'ingredients',
      'links',
      'resourceVersion',
    ].sort(),
  );
  expect(body).toMatchObject({
    display: 'TDF/3TC/DTG 300/300/50 mg comprimido',
    name: 'TDF/3TC/DTG 300/300/50 mg comprimido',
    strength: '300mg+300mg+50mg',
    retired: false,
    combination: false,
    resourceVersion: '1.12',
    concept: { uuid: expect.any(String), display: expect.any(String) },
    dosageForm: { uuid: '16cbff04-b3fc-4eae-8b7a-9b8b974fb211' },
  });
  expect(Object.keys(body.concept).sort()).toEqual(['display', 'links', 'uuid']);
  const full = (await suite.admin.rest(`drug/${TLD}?v=full`)).body;
  expect(full.auditInfo).toMatchObject({ creator: { uuid: expect.any(String) } });
});

test('q finds drugs by a fragment of their name', async () => {
  const { body } = await suite.admin.rest('drug?q=DTG&v=custom:(uuid,name)');
  expect(body.results.map((d: { uuid: string }) => d.uuid)).toContain(TLD);
  expect(body.results.every((d: { name: string }) => /DTG/i.test(d.name))).toBe(true);
  const inside = (await suite.admin.rest('drug?q=3TC%2FDTG')).body.results.map((d: { uuid: string }) => d.uuid);
  expect(inside).toContain(TLD);
  expect((await suite.admin.rest('drug?q=zzzz-no-such-drug')).body.results).toEqual([]);
  expect((await suite.admin.rest('drug?limit=100')).body.results.length).toBeGreaterThan(10);
});

local('concept= lists the drugs of one concept', async () => {
  const concept = (await suite.admin.rest(`drug/${TLD}`)).body.concept.uuid;
  const { body } = await suite.admin.rest(`drug?concept=${concept}`);
  expect(body.results.map((d: { uuid: string }) => d.uuid)).toContain(TLD);
  expect((await suite.admin.rest('drug?concept=00000000-0000-0000-0000-000000000000')).body.results).toEqual([]);
});

test('care settings: both core settings, by uuid or by name, read-only', async () => {
  const { body } = await suite.admin.rest('caresetting');
  const byUuid = Object.fromEntries(body.results.map((c: { uuid: string }) => [c.uuid, c]));
  expect(byUuid[OUTPATIENT]).toMatchObject({ display: 'Outpatient' });
  expect(byUuid[INPATIENT]).toMatchObject({ display: 'Inpatient' });
  const outpatient = (await suite.admin.rest('caresetting/Outpatient')).body;
  expect(outpatient).toMatchObject({ uuid: OUTPATIENT, careSettingType: 'OUTPATIENT', resourceVersion: '1.10' });
  expect((await suite.admin.rest('caresetting?q=patient')).body.results).toHaveLength(2);
  const post = await suite.admin.rest('caresetting', { method: 'POST', body: { name: 'Home' } });
  expect(post.status).toBe(400);
});

test('order types name their Java class; frequencies list', async () => {
  const drugOrder = (await suite.admin.rest(`ordertype/${DRUG_ORDER}`)).body;
  expect(drugOrder).toMatchObject({
    display: 'Drug Order',
    javaClassName: 'org.openmrs.DrugOrder',
    conceptClasses: [],
    parent: null,
    resourceVersion: '1.10',
  });
  expect((await suite.admin.rest('ordertype?q=test')).body.results.map((t: { display: string }) => t.display)).toEqual([
    'Test Order',
  ]);
  const frequencies = await suite.admin.rest('orderfrequency');
  expect(frequencies.status).toBe(200);
  expect(Array.isArray(frequencies.body.results)).toBe(true);
});

test('a pharmacist reads drugs and order metadata but cannot manage drugs', async () => {
  const pharmacist = await new Client(suite.target.url).logIn(suite.target.demo('Pharmacist'));
  for (const path of [`drug/${TLD}`, 'caresetting', 'ordertype', 'orderfrequency']) {
    expect((await pharmacist.rest(path)).status).toBe(200);
  }
  const denied = await pharmacist.rest(`drug/${TLD}`, { method: 'POST', body: { strength: '1mg' } });
  expect(denied.status).toBe(403);
  expect(denied.body.error.message).toContain('Manage Concepts');
});

test('an administrator creates, retires and purges a drug', async () => {
  const concept = (await suite.admin.rest(`drug/${TLD}`)).body.concept.uuid;
  const missing = await suite.admin.rest('drug', {
    method: 'POST',
    body: { name: 'Sem conceito', combination: false },
  });
  expect(missing.status).toBe(400);
  expect(missing.body.error.message).toContain('Some required properties are missing: concept');
  const created = await suite.admin.rest('drug', {
    method: 'POST',
    body: { name: 'TLD teste 30 comprimidos', combination: true, concept, strength: '300mg+300mg+50mg' },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ combination: true, concept: { uuid: concept }, retired: false });
  const uuid = created.body.uuid as string;
  expect((await suite.admin.rest(`drug/${uuid}`, { method: 'DELETE' })).status).toBe(204);
  expect((await suite.admin.rest(`drug/${uuid}`)).body.retired).toBe(true);
  expect((await suite.admin.rest('drug?q=TLD teste')).body.results).toEqual([]);
  expect(
    (await suite.admin.rest('drug?q=TLD teste&includeAll=true')).body.results.map((d: { uuid: string }) => d.uuid),
  ).toEqual([uuid]);
  expect((await suite.admin.rest(`drug/${uuid}?purge=true`, { method: 'DELETE' })).status).toBe(204);
  expect((await suite.admin.rest(`drug/${uuid}`)).status).toBe(404);
});
