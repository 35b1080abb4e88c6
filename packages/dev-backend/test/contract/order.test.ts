import { openDatabase, type Database, type Row } from '../../src/database';
import { Client } from './client';
import { startFacility, type Facility } from './facility';
import { REMOTE } from './target';

// Orders as the O3 order basket and medication widgets write and read them,
// over a generated facility. It counts rows and reads the order number seed, so it runs locally only.

const TLD = '443a0e53-122d-4712-a8fa-71c092a23663';
const DTG = '8aac717a-52a2-45d0-9e0b-5ea02a30f618';
const OUTPATIENT = '6f0c9a92-6f24-11e3-af88-005056821db0';
const INPATIENT = 'c365e560-c3ec-11e3-9c1a-0800200c9a66';
const FREE_TEXT = 'org.openmrs.FreeTextDosingInstructions';
const ACTIVE_REP = 'custom:(uuid,orderNumber,action,dateStopped,previousOrder:(uuid),drug:(uuid))';

const local = REMOTE ? describe.skip : describe;

local('orders', () => {
  let facility: Facility;
  let db: Database;
  let admin: Client;
  let clinician: Client;
  let patient: Row;
  let encounter: string;
  let orderer: string;

  beforeAll(async () => {
    facility = await startFacility(10);
    db = openDatabase(facility.database, 2);
    admin = await new Client(facility.server.url).logIn({ username: 'admin', password: 'Admin123' });
    clinician = await new Client(facility.server.url).logIn({ username: 'clinico', password: 'Clinico123' });
    [patient] = await db.rows(
      'SELECT p.uuid, p.person_id FROM patient pa JOIN person p ON p.person_id = pa.patient_id WHERE pa.voided = 0 LIMIT 1',
    );
    const [type] = await db.rows('SELECT uuid FROM encounter_type WHERE retired = 0 LIMIT 1');
    const created = await admin.rest('encounter', {
      method: 'POST',
      body: { patient: patient.uuid, encounterType: type.uuid, encounterDatetime: '2026-01-05T08:00:00.000+0200' },
    });
    encounter = created.body.uuid;
    [{ uuid: orderer }] = await db.rows('SELECT uuid FROM provider WHERE retired = 0 LIMIT 1');
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await facility?.close();
  });

  const seed = async () =>
    Number(
      (await db.rows("SELECT property_value v FROM global_property WHERE property = 'order.nextOrderNumberSeed'"))[0].v,
    );
  const counts = async () =>
    (
      await db.rows(
        'SELECT (SELECT COUNT(*) FROM orders) orders, (SELECT COUNT(*) FROM drug_order) drugs, (SELECT COUNT(*) FROM test_order) tests',
      )
    )[0];

  const drugOrder = (extra: Row = {}) => ({
    type: 'drugorder',
    encounter,
    patient: patient.uuid,
    orderer,
    careSetting: INPATIENT,
    drug: TLD,
    dosingType: FREE_TEXT,
    dosingInstructions: '1 comprimido por dia',
    ...extra,
  });

  test('a drug order takes its concept from the drug, an ORD- number and the drugorder representation', async () => {
    const next = await seed();
    const { status, body } = await clinician.rest('order', { method: 'POST', body: drugOrder() });
    expect(status).toBe(201);
    const [drug] = await db.rows('SELECT c.uuid FROM drug d JOIN concept c USING (concept_id) WHERE d.uuid = ?', [TLD]);
    expect(body).toMatchObject({
      type: 'drugorder',
      orderNumber: `ORD-${next}`,
      action: 'NEW',
      urgency: 'ROUTINE',
      concept: { uuid: drug.uuid },
      drug: { uuid: TLD },
      careSetting: { uuid: INPATIENT },
      orderType: { uuid: '131168f4-15f5-102d-96e4-000c29c2a5d7', javaClassName: 'org.openmrs.DrugOrder' },
      dosingType: FREE_TEXT,
      dosingInstructions: '1 comprimido por dia',
      asNeeded: false,
      dateStopped: null,
      previousOrder: null,
      display: '(NEW) TDF/3TC/DTG 300/300/50 mg comprimido: 1 comprimido por dia',
      resourceVersion: '1.10',
    });
    expect(body.dateActivated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await seed()).toBe(next + 1);
    const [row] = await db.rows(
      'SELECT o.order_action, d.dosing_type, d.drug_inventory_id FROM orders o JOIN drug_order d USING (order_id) WHERE o.uuid = ?',
      [body.uuid],
    );
    expect(row).toMatchObject({ order_action: 'NEW', dosing_type: FREE_TEXT });
    // By uuid, by order number, and in its encounter.
    expect((await admin.rest(`order/${String(body.orderNumber)}`)).body.uuid).toBe(body.uuid);
    const full = (await admin.rest(`order/${String(body.uuid)}?v=full`)).body;
    expect(full).toMatchObject({ careSetting: { careSettingType: 'INPATIENT' }, fulfillerStatus: null });
    const inEncounter = (await admin.rest(`encounter/${encounter}`)).body.orders;
    expect(inEncounter.map((o: Row) => o.uuid)).toContain(body.uuid);
    expect(inEncounter[0]).toMatchObject({ type: 'drugorder', links: expect.any(Array) });
  });

  test('revise, then discontinue: the replaced orders stop; active and any searches tell them apart', async () => {
    const first = (await clinician.rest('order', { method: 'POST', body: drugOrder({ drug: DTG }) })).body;
    const duplicate = await clinician.rest('order', { method: 'POST', body: drugOrder({ drug: DTG }) });
    expect(duplicate.status).toBe(500);
    expect(duplicate.body.error.message).toContain('Cannot have more than one active order for the same orderable');

    const revised = await clinician.rest('order', {
      method: 'POST',
      body: drugOrder({ drug: DTG, action: 'REVISE', previousOrder: first.uuid, dosingInstructions: '2 por dia' }),
    });
    expect(revised.status).toBe(201);
    expect(revised.body.previousOrder.uuid).toBe(first.uuid);
    const stopped = (await admin.rest(`order/${String(first.uuid)}`)).body;
    expect(stopped.dateStopped).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const active = `order?patient=${String(patient.uuid)}&careSetting=${INPATIENT}&status=ACTIVE&t=drugorder&v=${ACTIVE_REP}`;
    const activeUuids = (await clinician.rest(active)).body.results.map((o: Row) => o.uuid);
    expect(activeUuids).toContain(revised.body.uuid);
    expect(activeUuids).not.toContain(first.uuid);

    const discontinued = await clinician.rest('order', {
      method: 'POST',
      body: { type: 'drugorder', action: 'DISCONTINUE', previousOrder: revised.body.uuid, encounter, orderer },
    });
    expect(discontinued.status).toBe(201);
    expect(discontinued.body).toMatchObject({
      action: 'DISCONTINUE',
      drug: { uuid: DTG },
      patient: { uuid: patient.uuid },
      careSetting: { uuid: INPATIENT },
    });
    expect(discontinued.body.autoExpireDate).toBe(discontinued.body.dateActivated);
    const afterDc = (await clinician.rest(active)).body.results.map((o: Row) => o.uuid);
    expect(afterDc).not.toContain(revised.body.uuid);
    expect(afterDc).not.toContain(discontinued.body.uuid);

    // status=any lists every order of the care setting except discontinuations; the handler's
    // search (patient alone) lists them all, newest first; isStopped keeps the stopped ones.
    const any = (await clinician.rest(`order?patient=${String(patient.uuid)}&careSetting=${INPATIENT}&status=any`))
      .body;
    const anyUuids = any.results.map((o: Row) => o.uuid);
    expect(anyUuids).toEqual(expect.arrayContaining([first.uuid, revised.body.uuid]));
    expect(anyUuids).not.toContain(discontinued.body.uuid);
    const all = (await clinician.rest(`order?patient=${String(patient.uuid)}`)).body.results.map((o: Row) => o.uuid);
    expect(all).toEqual(expect.arrayContaining([first.uuid, revised.body.uuid, discontinued.body.uuid]));
    const stoppedOnly = (await clinician.rest(`order?patient=${String(patient.uuid)}&isStopped=true`)).body.results;
    expect(stoppedOnly.map((o: Row) => o.uuid).sort()).toEqual([first.uuid, revised.body.uuid].sort());
    expect((await clinician.rest(`order?patient=${String(patient.uuid)}&status=any`)).status).toBe(500);

    // Stopping what is already stopped is OrderServiceImpl's APIException, and writes nothing.
    const [before, number] = [await counts(), await seed()];
    const again = await clinician.rest('order', {
      method: 'POST',
      body: { type: 'drugorder', action: 'DISCONTINUE', previousOrder: revised.body.uuid, encounter, orderer },
    });
    expect(again.status).toBe(500);
    expect(again.body.error.message).toBe('[Cannot stop an order that is already stopped, expired or voided]');
    expect(await counts()).toEqual(before);
    expect(await seed()).toBe(number);
  });

  test('concurrent creates never share an order number', async () => {
    const [concept] = await db.rows('SELECT uuid FROM concept WHERE retired = 0 ORDER BY concept_id LIMIT 1');
    const [before, number] = [await counts(), await seed()];
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        clinician.rest('order', {
          method: 'POST',
          body: {
            type: 'testorder',
            encounter,
            patient: patient.uuid,
            orderer,
            careSetting: OUTPATIENT,
            concept: concept.uuid,
          },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = replies.map((r) => String(r.body.orderNumber));
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `ORD-${number + i}`).sort());
    expect(await seed()).toBe(number + 12);
    expect(await counts()).toMatchObject({
      orders: Number(before.orders) + 12,
      tests: Number(before.tests) + 12,
      drugs: before.drugs,
    });
    expect(replies[0].body).toMatchObject({ type: 'testorder', specimenSource: null, numberOfRepeats: null });
    const tests = (await clinician.rest(`order?patient=${String(patient.uuid)}&careSetting=${OUTPATIENT}&t=testorder`))
      .body;
    expect(tests.results.length).toBeGreaterThanOrEqual(12);
    expect(tests.results.every((o: Row) => o.type === 'testorder')).toBe(true);
  });

  test('bad input: 400 with field errors or a conversion message, and nothing written', async () => {
    const [before, number] = [await counts(), await seed()];
    const post = (body: Row) => clinician.rest('order', { method: 'POST', body });
    const missing = await post({ type: 'drugorder', patient: patient.uuid, drug: TLD });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('Some required properties are missing: encounter');
    const unknownDrug = await post(drugOrder({ drug: '00000000-0000-0000-0000-000000000000' }));
    expect(unknownDrug.status).toBe(400);
    expect(unknownDrug.body.error.code).toBe('ConversionException');
    const outpatient = await post(drugOrder({ careSetting: OUTPATIENT }));
    expect(outpatient.status).toBe(400);
    expect(Object.keys(outpatient.body.error.fieldErrors).sort()).toEqual(['numRefills', 'quantity']);
    const noInstructions = await post(drugOrder({ dosingInstructions: null }));
    expect(noInstructions.body.error.fieldErrors.dosingInstructions[0].code).toBe(
      'DrugOrder.error.dosingInstructionsIsNullForDosingTypeFreeText',
    );
    const noOrderer = await post(drugOrder({ orderer: undefined }));
    expect(noOrderer.body.error.fieldErrors.orderer).toBeDefined();
    const wrongField = await post({ ...drugOrder(), type: 'testorder' });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.message).toContain('not allowed to be set: drug');
    const simple = await post(drugOrder({ dosingType: 'org.openmrs.SimpleDosingInstructions' }));
    expect(Object.keys(simple.body.error.fieldErrors).sort()).toEqual(['dose', 'doseUnits', 'frequency', 'route']);
    const unknownDosing = await post(drugOrder({ dosingType: 'SimpleDosingInstructions' }));
    expect(unknownDosing.status).toBe(400);
    const badAction = await post(drugOrder({ action: 'STOP' }));
    expect(badAction.status).toBe(400);
    const [other] = await db.rows(
      'SELECT uuid FROM person p JOIN patient pa ON pa.patient_id = p.person_id WHERE p.person_id <> ? LIMIT 1',
      [patient.person_id],
    );
    const mismatch = await post(drugOrder({ patient: other.uuid }));
    expect(mismatch.body.error.fieldErrors.encounter[0].code).toBe('Order.error.encounterPatientMismatch');
    const noType = await post({ encounter, patient: patient.uuid });
    expect(noType.status).toBe(500);
    expect(await counts()).toEqual(before);
    expect(await seed()).toBe(number);
  });

  test('searches need a known patient; order types and concepts filter', async () => {
    const bad = await clinician.rest('order?status=active');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Please provide patientUuid in the patient parameter');
    expect((await clinician.rest('order?patient=00000000-0000-0000-0000-000000000000')).status).toBe(404);
    const [drug] = await db.rows('SELECT c.uuid FROM drug d JOIN concept c USING (concept_id) WHERE d.uuid = ?', [TLD]);
    const byConcept = (await clinician.rest(`order?patient=${String(patient.uuid)}&concepts=${String(drug.uuid)}`))
      .body;
    expect(byConcept.results.length).toBeGreaterThan(0);
    expect(byConcept.results.every((o: Row) => o.type === 'drugorder')).toBe(true);
    const byType = await clinician.rest(
      `order?patient=${String(patient.uuid)}&orderTypes=52a447d3-a64a-11e3-9aeb-50e549534c5e&activatedOnOrAfterDate=2000-01-01`,
    );
    expect(byType.body.results.every((o: Row) => o.type === 'testorder')).toBe(true);
    const none = await clinician.rest(`order?patient=${String(patient.uuid)}&activatedOnOrBeforeDate=2000-01-01`);
    expect(none.body.results).toEqual([]);
  });

  test('an encounter posted with orders creates them in the same transaction', async () => {
    const [type] = await db.rows('SELECT uuid FROM encounter_type WHERE retired = 0 LIMIT 1');
    const [concept] = await db.rows('SELECT uuid FROM concept WHERE retired = 0 ORDER BY concept_id DESC LIMIT 1');
    const order = { type: 'testorder', orderer, careSetting: OUTPATIENT, concept: concept.uuid };
    const before = await counts();
    const created = await clinician.rest('encounter', {
      method: 'POST',
      body: { patient: patient.uuid, encounterType: type.uuid, orders: [order, order] },
    });
    expect(created.status).toBe(201);
    expect(created.body.orders).toHaveLength(2);
    const refused = await clinician.rest('encounter', {
      method: 'POST',
      body: { patient: patient.uuid, encounterType: type.uuid, orders: [order, { ...order, concept: 'nope' }] },
    });
    expect(refused.status).toBe(400);
    expect(Number((await counts()).orders)).toBe(Number(before.orders) + 2);
    // Voiding the encounter voids its orders, which takes Delete Orders.
    const path = `encounter/${String(created.body.uuid)}`;
    expect((await clinician.rest(path, { method: 'DELETE' })).status).toBe(403);
    expect((await admin.rest(path, { method: 'DELETE' })).status).toBe(204);
    const voided = await db.rows(
      'SELECT o.voided FROM orders o JOIN encounter e USING (encounter_id) WHERE e.uuid = ?',
      [created.body.uuid],
    );
    expect(voided).toEqual([{ voided: 1 }, { voided: 1 }]);
  });

  test('DELETE voids (Delete Orders), purge removes the subclass row too', async () => {
    const [concept] = await db.rows('SELECT uuid FROM concept WHERE retired = 0 ORDER BY concept_id LIMIT 1');
    const created = await admin.rest('order', {
      method: 'POST',
      body: {
        type: 'testorder',
        encounter,
        patient: patient.uuid,
        orderer,
        careSetting: OUTPATIENT,
        concept: concept.uuid,
      },
    });
    expect(created.status).toBe(201);
    const uuid = String(created.body.uuid);
    expect((await clinician.rest(`order/${uuid}`, { method: 'DELETE' })).status).toBe(403);
    expect((await admin.rest(`order/${uuid}`, { method: 'DELETE' })).status).toBe(204);
    const [voided] = await db.rows('SELECT voided, void_reason FROM orders WHERE uuid = ?', [uuid]);
    expect(voided).toEqual({ voided: 1, void_reason: 'web service call' });
    const listed = (await admin.rest(`order?patient=${String(patient.uuid)}`)).body.results.map((o: Row) => o.uuid);
    expect(listed).not.toContain(uuid);
    expect((await admin.rest(`order/${uuid}?purge=true`, { method: 'DELETE' })).status).toBe(204);
    expect(await db.rows('SELECT 1 FROM orders WHERE uuid = ?', [uuid])).toEqual([]);
    expect(
      await db.rows('SELECT 1 FROM test_order t LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL'),
    ).toEqual([]);
  });

  test('a data clerk reads orders but cannot place them', async () => {
    const clerk = await new Client(facility.server.url).logIn({ username: 'digitador', password: 'Digitador123' });
    expect((await clerk.rest(`order?patient=${String(patient.uuid)}`)).status).toBe(200);
    const denied = await clerk.rest('order', { method: 'POST', body: drugOrder() });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('Add Orders');
  });

  // The pharmacy's queue: active drug orders of every patient that no fulfiller has taken up
  // (OrderSearchHandler2_3), and FulfillerDetailsResource2_3 marking one dispensed.
  const QUEUE =
    'order?orderTypes=131168f4-15f5-102d-96e4-000c29c2a5d7&excludeCanceledAndExpired=true&excludeDiscontinueOrders=true' +
    '&fulfillerStatus=RECEIVED&includeNullFulfillerStatus=true&v=custom:(uuid,fulfillerStatus,patient:(uuid),drug:(uuid))';

  /** A TLD order for another patient than the other tests' (OpenMRS allows one active order per drug). */
  let nextPatient = 0;
  const orderElsewhere = async (extra: Row = {}) => {
    const [other] = await db.rows(
      'SELECT p.uuid FROM patient pa JOIN person p ON p.person_id = pa.patient_id WHERE pa.voided = 0 ORDER BY pa.patient_id DESC LIMIT 1 OFFSET ?',
      [nextPatient++],
    );
    const [type] = await db.rows('SELECT uuid FROM encounter_type WHERE retired = 0 LIMIT 1');
    const visitless = await admin.rest('encounter', {
      method: 'POST',
      body: { patient: other.uuid, encounterType: type.uuid, encounterDatetime: '2026-01-05T08:00:00.000+0200' },
    });
    const placed = await clinician.rest('order', {
      method: 'POST',
      body: drugOrder({ patient: other.uuid, encounter: visitless.body.uuid, ...extra }),
    });
    expect([placed.status, placed.body.error]).toEqual([201, undefined]);
    return placed.body as Row;
  };

  test('the pharmacist marks an order COMPLETED: it leaves the queue, no order is written', async () => {
    const pharmacist = await new Client(facility.server.url).logIn({
      username: 'farmaceutico',
      password: 'Farmacia123',
    });
    const placed = await orderElsewhere();
    const queue = async () => (await pharmacist.rest(QUEUE)).body.results as Row[];
    expect(await queue()).toContainEqual(expect.objectContaining({ uuid: placed.uuid, fulfillerStatus: null }));
    const before = await counts();
    const path = `order/${String(placed.uuid)}/fulfillerdetails`;
    const marked = await pharmacist.rest(path, {
      method: 'POST',
      body: { fulfillerStatus: 'COMPLETED', fulfillerComment: 'FILA 0b6c7f39' },
    });
    expect([marked.status, marked.body ?? null]).toEqual([201, null]);
    const read = (await pharmacist.rest(`order/${String(placed.uuid)}?v=full`)).body;
    expect(read).toMatchObject({
      fulfillerStatus: 'COMPLETED',
      fulfillerComment: 'FILA 0b6c7f39',
      accessionNumber: null,
    });
    expect((await queue()).map((o) => o.uuid)).not.toContain(placed.uuid);
    // Sent again (a lost answer): the same status, the comment kept when none is given.
    expect((await pharmacist.rest(path, { method: 'POST', body: { fulfillerStatus: 'COMPLETED' } })).status).toBe(201);
    expect((await pharmacist.rest(`order/${String(placed.uuid)}?v=full`)).body.fulfillerComment).toBe('FILA 0b6c7f39');
    expect(await counts()).toEqual(before);
    // A pharmacist may now also place orders (Edit Orders is OrderService.saveOrder's privilege too).
    const revised = drugOrder({
      action: 'REVISE',
      previousOrder: placed.uuid,
      patient: read.patient.uuid,
      encounter: read.encounter.uuid,
    });
    expect((await pharmacist.rest('order', { method: 'POST', body: revised })).status).toBe(201);
  });

  test('fulfillerdetails: bad input 400 before the privilege, unknown order 404, no Edit Orders 403, no reads', async () => {
    const placed = await orderElsewhere();
    const path = `order/${String(placed.uuid)}/fulfillerdetails`;
    const clerk = await new Client(facility.server.url).logIn({ username: 'digitador', password: 'Digitador123' });
    const post = (client: Client, body: Row, to = path) => client.rest(to, { method: 'POST', body });
    const badStatus = await post(clerk, { fulfillerStatus: 'DONE' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.message).toContain('fulfillerStatus on class');
    const unknownProperty = await post(admin, { fulfillerStatus: 'COMPLETED', uuid: 'x' });
    expect(unknownProperty.body.error.message).toContain('Some properties are not allowed to be set: uuid');
    const denied = await post(clerk, { fulfillerStatus: 'COMPLETED' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('Edit Orders');
    const unknown = await post(
      admin,
      { fulfillerStatus: 'COMPLETED' },
      'order/00000000-0000-4000-8000-000000000000/fulfillerdetails',
    );
    expect(unknown.status).toBe(404);
    expect((await admin.rest(path)).status).toBe(400);
    expect((await admin.rest(`${path}/${String(placed.uuid)}`)).status).toBe(400);
    expect((await admin.rest(`${path}/${String(placed.uuid)}`, { method: 'DELETE' })).status).toBe(400);
    const [row] = await db.rows('SELECT fulfiller_status, fulfiller_comment FROM orders WHERE uuid = ?', [placed.uuid]);
    expect(row).toEqual({ fulfiller_status: null, fulfiller_comment: null });
  });
});
