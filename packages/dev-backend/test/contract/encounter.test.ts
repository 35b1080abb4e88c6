import { openDatabase, type Database, type Row } from '../../src/database';
import { Client } from './client';
import { startFacility, type Facility } from './facility';
import { REMOTE } from './target';

// Encounters, obs and visits as the O3 chart reads and writes them, over
// the generated facility's FILA pickups. It checks rows in the database, so it runs locally only.

const FILA = 'e279133c-1d5f-11e0-b929-000c29ad1d07';
const NEXT_PICKUP = 'e1e2efd8-1d5f-11e0-b929-000c29ad1d07';
const VISIT_REP =
  'custom:(uuid,display,voided,indication,startDatetime,stopDatetime,encounters:(uuid,display,encounterDatetime,form:(uuid,name),location:ref,encounterType:ref,encounterProviders:(uuid,display,provider:(uuid,display))),patient:(uuid,display),visitType:(uuid,name,display),attributes:(uuid,display,attributeType:(name,datatypeClassname,uuid),value),location:(uuid,name,display))';

const local = REMOTE ? describe.skip : describe;

local('encounters, obs and visits', () => {
  let facility: Facility;
  let db: Database;
  let admin: Client;
  let patient: Row;
  const concepts: Record<string, Row> = {};

  beforeAll(async () => {
    facility = await startFacility(20);
    db = openDatabase(facility.database, 2);
    admin = await new Client(facility.server.url).logIn({ username: 'admin', password: 'Admin123' });
    [patient] = await db.rows(
      `SELECT p.uuid, p.person_id, COUNT(*) n FROM encounter e JOIN person p ON p.person_id = e.patient_id
       WHERE e.voided = 0 AND e.encounter_type = (SELECT encounter_type_id FROM encounter_type WHERE uuid = ?)
       GROUP BY p.person_id ORDER BY n DESC LIMIT 1`,
      [FILA],
    );
    const byType = async (hl7: string, extra = '') =>
      (
        await db.rows(
          `SELECT c.uuid, c.concept_id FROM concept c JOIN concept_datatype d ON d.concept_datatype_id = c.datatype_id
           WHERE d.hl7_abbreviation = ? AND c.retired = 0 ${extra} ORDER BY c.concept_id LIMIT 1`,
          [hl7],
        )
      )[0];
    concepts.coded = await byType(
      'CWE',
      'AND EXISTS (SELECT 1 FROM concept_answer a WHERE a.concept_id = c.concept_id)',
    );
    [concepts.answer] = await db.rows(
      'SELECT c.uuid FROM concept_answer a JOIN concept c ON c.concept_id = a.answer_concept WHERE a.concept_id = ? LIMIT 1',
      [concepts.coded.concept_id],
    );
    concepts.numeric = await byType('NM');
    concepts.text = await byType('ST');
    concepts.group = await byType('ZZ');
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await facility?.close();
  });

  test('FILA encounters of a patient, newest first, with obs values of each kind', async () => {
    const { status, body } = await admin.rest(
      `encounter?patient=${String(patient.uuid)}&encounterType=${FILA}&order=desc&totalCount=true&limit=100` +
        '&v=custom:(uuid,display,encounterDatetime,patient:ref,encounterType:ref,obs:(uuid,display,concept:(uuid),value,groupMembers:(uuid,value)))',
    );
    expect(status).toBe(200);
    expect(body.totalCount).toBe(Number(patient.n));
    const dates = body.results.map((e: Row) => String(e.encounterDatetime));
    expect([...dates].sort().reverse()).toEqual(dates);
    const obs = body.results.flatMap((e: Row) => e.obs as Row[]);
    const pickup = obs.find((o: Row) => (o.concept as Row).uuid === NEXT_PICKUP);
    expect(pickup.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0200$/);
    const kinds = new Set(obs.map((o: Row) => (o.value === null ? 'null' : typeof o.value)));
    expect(kinds.has('string')).toBe(true);
    const coded = obs.find((o: Row) => o.value && typeof o.value === 'object');
    if (coded) expect(typeof coded.value.display).toBe('string');
    const [counts] = await db.rows(
      `SELECT SUM(o.value_numeric IS NOT NULL) numeric_, SUM(o.obs_group_id IS NOT NULL) grouped FROM obs o
       JOIN encounter e ON e.encounter_id = o.encounter_id WHERE e.patient_id = ? AND o.voided = 0`,
      [patient.person_id],
    );
    if (Number(counts.numeric_) > 0) expect(kinds.has('number') || obs.some((o: Row) => o.groupMembers)).toBe(true);
    if (Number(counts.grouped) > 0) expect(obs.some((o: Row) => (o.groupMembers as Row[] | null)?.length)).toBe(true);
    const one = await admin.rest(`encounter/${String(body.results[0].uuid)}`);
    expect(one.body.resourceVersion).toBe('2.2');
    expect(one.body.orders).toEqual([]);
  });

  async function encounterBody(value: unknown = concepts.answer.uuid) {
    const [provider] = await db.rows('SELECT uuid FROM provider WHERE retired = 0 LIMIT 1');
    const [role] = await db.rows('SELECT uuid FROM encounter_role WHERE retired = 0 LIMIT 1');
    const [location] = await db.rows('SELECT uuid FROM location WHERE retired = 0 LIMIT 1');
    return {
      patient: patient.uuid,
      encounterType: FILA,
      encounterDatetime: '2026-06-01T09:30:00.000+0200',
      location: location.uuid,
      encounterProviders: [{ provider: provider.uuid, encounterRole: role.uuid }],
      obs: [
        { concept: concepts.coded.uuid, value },
        { concept: concepts.numeric.uuid, value: 90 },
        { concept: NEXT_PICKUP, value: '2026-07-01' },
        {
          concept: concepts.group.uuid,
          groupMembers: [
            { concept: concepts.numeric.uuid, value: '12.5' },
            ...(concepts.text ? [{ concept: concepts.text.uuid, value: 'nota' }] : []),
          ],
        },
      ],
    };
  }

  test('an encounter with obs, a group and a provider is saved in one go', async () => {
    const { status, body } = await admin.rest('encounter', { method: 'POST', body: await encounterBody() });
    expect(status).toBe(201);
    const [encounter] = await db.rows('SELECT * FROM encounter WHERE uuid = ?', [body.uuid]);
    expect(String(encounter.encounter_datetime)).toBe('2026-06-01 09:30:00');
    const rows = await db.rows('SELECT * FROM obs WHERE encounter_id = ? ORDER BY obs_id', [encounter.encounter_id]);
    expect(rows).toHaveLength(concepts.text ? 6 : 5);
    expect(rows.every((r) => r.person_id === patient.person_id)).toBe(true);
    const [answer] = await db.rows('SELECT concept_id FROM concept WHERE uuid = ?', [concepts.answer.uuid]);
    expect(rows[0].value_coded).toBe(answer.concept_id);
    expect(rows[1].value_numeric).toBe(90);
    expect(String(rows[2].value_datetime)).toBe('2026-07-01 00:00:00');
    const group = rows[3];
    expect(group.concept_id).toBe(concepts.group.concept_id);
    expect(rows.slice(4).every((r) => r.obs_group_id === group.obs_id)).toBe(true);
    expect(rows[4].value_numeric).toBe(12.5);
    if (concepts.text) expect(rows[5].value_text).toBe('nota');
    const providers = await db.rows('SELECT * FROM encounter_provider WHERE encounter_id = ?', [
      encounter.encounter_id,
    ]);
    expect(providers).toHaveLength(1);
    expect(body.obs).toHaveLength(4);
    // A group's display lists its members' values.
    expect(String(body.obs[3].display)).toMatch(/: 12\.5(, nota)?$/);
    expect(body.encounterProviders).toHaveLength(1);

    // DELETE voids the encounter and its obs.
    expect((await admin.rest(`encounter/${String(body.uuid)}`, { method: 'DELETE' })).status).toBe(204);
    const voided = await db.rows('SELECT voided FROM obs WHERE encounter_id = ?', [encounter.encounter_id]);
    expect(voided.every((r) => r.voided === 1)).toBe(true);
  });

  test('a coded value that is no concept is a 400 with field errors, and nothing is written', async () => {
    const count = async () => Number((await db.rows('SELECT COUNT(*) n FROM encounter'))[0].n);
    const before = await count();
    const { status, body } = await admin.rest('encounter', {
      method: 'POST',
      body: await encounterBody('00000000-0000-0000-0000-000000000000'),
    });
    expect(status).toBe(400);
    expect(body.error.fieldErrors.value).toBeDefined();
    expect(await count()).toBe(before);
    const missing = await admin.rest('encounter', { method: 'POST', body: { patient: patient.uuid } });
    expect(missing.status).toBe(400);
  });

  test('editing an obs voids it for a new version linked by previous_version', async () => {
    const created = await admin.rest('obs', {
      method: 'POST',
      body: {
        person: patient.uuid,
        concept: concepts.numeric.uuid,
        obsDatetime: '2026-06-02T10:00:00.000+0200',
        value: 5,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.value).toBe(5);
    const edited = await admin.rest(`obs/${String(created.body.uuid)}`, { method: 'POST', body: { value: 7 } });
    expect(edited.status).toBe(200);
    expect(edited.body.uuid).not.toBe(created.body.uuid);
    expect(edited.body.value).toBe(7);
    const [old] = await db.rows('SELECT obs_id, voided, void_reason FROM obs WHERE uuid = ?', [created.body.uuid]);
    const [current] = await db.rows('SELECT previous_version, value_numeric, status FROM obs WHERE uuid = ?', [
      edited.body.uuid,
    ]);
    // ObsServiceImpl.saveExistingObs: voided with ObsResource's change message; the FINAL obs's copy is AMENDED.
    expect(old).toMatchObject({ voided: 1, void_reason: 'REST web service' });
    expect(current).toMatchObject({ previous_version: old.obs_id, status: 'AMENDED' });
    const search = await admin.rest(`obs?patient=${String(patient.uuid)}&concept=${String(concepts.numeric.uuid)}`);
    const uuids = search.body.results.map((o: Row) => o.uuid);
    expect(uuids).toContain(edited.body.uuid);
    expect(uuids).not.toContain(created.body.uuid);
    const wrong = await admin.rest('obs', {
      method: 'POST',
      body: { person: patient.uuid, concept: concepts.numeric.uuid, obsDatetime: '2026-06-02', value: 'many' },
    });
    expect(wrong.status).toBe(400);
  });

  test("an encounter's diagnoses, as the chart's visit summary asks for them", async () => {
    const [encounter] = await db.rows(
      'SELECT encounter_id, uuid FROM encounter WHERE patient_id = ? AND voided = 0 LIMIT 1',
      [patient.person_id],
    );
    await db.execute(
      `INSERT INTO encounter_diagnosis (diagnosis_coded, diagnosis_non_coded, encounter_id, patient_id, certainty,
         dx_rank, uuid, creator, date_created, voided)
       VALUES (?, NULL, ?, ?, 'CONFIRMED', 1, UUID(), 1, NOW(), 0), (NULL, 'Dor de cabeça', ?, ?, 'PROVISIONAL', 2, UUID(), 1, NOW(), 0),
              (NULL, 'Anulado', ?, ?, 'PROVISIONAL', 2, UUID(), 1, NOW(), 1)`,
      [concepts.coded.concept_id, ...Array(3).fill([encounter.encounter_id, patient.person_id]).flat()],
    );
    const rep = 'custom:(uuid,diagnoses:(uuid,display,rank,diagnosis,certainty,voided))';
    const { body } = await admin.rest(`encounter/${String(encounter.uuid)}?v=${rep}`);
    expect(body.diagnoses).toHaveLength(2);
    const [coded, free] = body.diagnoses;
    expect(coded).toMatchObject({ rank: 1, certainty: 'CONFIRMED', voided: false });
    expect(coded.diagnosis.coded.uuid).toBe(concepts.coded.uuid);
    expect(coded.display).toBe(coded.diagnosis.coded.display);
    expect(free).toMatchObject({ display: 'Dor de cabeça', diagnosis: { nonCoded: 'Dor de cabeça' }, rank: 2 });
    const full = await admin.rest(`encounter/${String(encounter.uuid)}`);
    expect(full.body.resourceVersion).toBe('2.2');
    expect(full.body.diagnoses.map((d: Row) => d.display)).toEqual([coded.display, 'Dor de cabeça']);
  });

  test('an encounter as the O3 form engine posts it: obs tied to their question, diagnoses (often none)', async () => {
    const location = (await db.rows('SELECT uuid FROM location WHERE retired = 0 ORDER BY location_id LIMIT 1'))[0];
    const obs = [
      { concept: concepts.text.uuid, value: 'nota', formFieldNamespace: 'rfe-forms', formFieldPath: 'rfe-forms-note' },
    ];
    const post = (diagnoses: unknown[]) =>
      admin.rest('encounter?v=custom:(uuid,diagnoses:(display,rank,certainty))', {
        method: 'POST',
        body: { patient: patient.uuid, encounterType: FILA, location: location.uuid, obs, diagnoses },
      });
    const empty = await post([]);
    expect([empty.status, empty.body.diagnoses]).toEqual([201, []]);
    const one = await post([
      {
        diagnosis: { nonCoded: 'Cefaleia' },
        certainty: 'PROVISIONAL',
        rank: 1,
        patient: patient.uuid,
        condition: null,
      },
    ]);
    expect([one.status, one.body.diagnoses]).toEqual([
      201,
      [{ display: 'Cefaleia', rank: 1, certainty: 'PROVISIONAL' }],
    ]);
    const rows = await db.rows(
      'SELECT d.patient_id FROM encounter_diagnosis d JOIN encounter e ON e.encounter_id = d.encounter_id WHERE e.uuid = ?',
      [one.body.uuid],
    );
    expect(rows).toEqual([{ patient_id: patient.person_id }]);
    const [note] = await db.rows(
      'SELECT o.form_namespace_and_path FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id WHERE e.uuid = ?',
      [one.body.uuid],
    );
    expect(note.form_namespace_and_path).toBe('rfe-forms^rfe-forms-note');
    expect((await post('none' as unknown as unknown[])).status).toBe(400);
  });

  test('conceptreferences: by uuid or SOURCE:code, by GET or by a JSON POST; references that name nothing left out', async () => {
    // distro/configuration maps no concept yet: one mapping, as a dictionary would bring it.
    const source = await db.execute(
      "INSERT INTO concept_reference_source (name, description, hl7_code, creator, date_created, uuid) VALUES ('CIEL', '', 'CIEL', 1, NOW(), UUID())",
    );
    const term = await db.execute(
      "INSERT INTO concept_reference_term (concept_source_id, code, creator, date_created, uuid) VALUES (?, '5497', 1, NOW(), UUID())",
      [source.insertId],
    );
    await db.execute(
      'INSERT INTO concept_reference_map (concept_reference_term_id, concept_id, creator, date_created, uuid) VALUES (?, ?, 1, NOW(), UUID())',
      [term.insertId, concepts.numeric.concept_id],
    );
    const mapped = { uuid: concepts.numeric.uuid, reference: 'CIEL:5497' };
    const rep =
      'custom:(uuid,display,answers:(uuid),conceptMappings:(conceptReferenceTerm:(conceptSource:(name),code)))';
    const references = [concepts.coded.uuid, mapped.reference, 'NOPE:1', '00000000-0000-0000-0000-000000000000'];
    const byGet = await admin.rest(`conceptreferences?references=${references.join(',')}&v=${rep}`);
    const byPost = await admin.rest(`conceptreferences?v=${rep}`, { method: 'POST', body: { references } });
    for (const { status, body } of [byGet, byPost]) {
      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual([concepts.coded.uuid, mapped.reference]);
      expect(body[mapped.reference].uuid).toBe(mapped.uuid);
      expect(body[mapped.reference].conceptMappings).toContainEqual({
        conceptReferenceTerm: { conceptSource: { name: 'CIEL' }, code: '5497' },
      });
    }
    expect((await admin.rest('conceptreferences')).body).toEqual({});
    expect(
      (await new Client(facility.server.url).rest(`conceptreferences?references=${concepts.coded.uuid}`)).status,
    ).toBe(401);
  });

  test("a form's resources, inside the chart's encounter representation and as a sub-resource", async () => {
    const [form] = await db.rows('SELECT form_id, uuid FROM form WHERE retired = 0 ORDER BY form_id LIMIT 1');
    await db.execute(
      "INSERT INTO form_resource (form_id, name, value_reference, datatype, uuid) VALUES (?, 'JSON schema', 'clob:1', 'AmpathJsonSchema', UUID())",
      [form.form_id],
    );
    const rep = 'custom:(uuid,name,version,resources:(uuid,display,name,valueReference))';
    const { body } = await admin.rest(`form/${String(form.uuid)}?v=${rep}`);
    expect(body.resources).toEqual([
      { uuid: expect.any(String), display: 'JSON schema', name: 'JSON schema', valueReference: 'clob:1' },
    ]);
    const sub = await admin.rest(`form/${String(form.uuid)}/resource/${String(body.resources[0].uuid)}?v=full`);
    expect(sub.body).toMatchObject({ name: 'JSON schema', dataType: 'AmpathJsonSchema', valueReference: 'clob:1' });
  });

  test("encounter types' view and edit privileges, reachable by custom representation only", async () => {
    await db.execute("UPDATE encounter_type SET view_privilege = 'Get Encounters' WHERE uuid = ?", [FILA]);
    const { body } = await admin.rest(`encountertype/${FILA}?v=custom:(uuid,display,viewPrivilege,editPrivilege)`);
    expect(body).toMatchObject({ uuid: FILA, editPrivilege: null, viewPrivilege: { display: 'Get Encounters' } });
    const plain = await admin.rest(`encountertype/${FILA}?v=full`);
    expect(plain.body).not.toHaveProperty('viewPrivilege');
  });

  test('visits: the shell custom rep and the active-visit search', async () => {
    const [type] = await db.rows('SELECT uuid FROM visit_type WHERE retired = 0 LIMIT 1');
    const [location] = await db.rows('SELECT uuid FROM location WHERE retired = 0 LIMIT 1');
    const created = await admin.rest('visit', {
      method: 'POST',
      body: {
        patient: patient.uuid,
        visitType: type.uuid,
        location: location.uuid,
        startDatetime: '2026-06-03T08:00:00.000+0200',
      },
    });
    expect(created.status).toBe(201);
    const active = await admin.rest(`visit?patient=${String(patient.uuid)}&includeInactive=false&v=${VISIT_REP}`);
    expect(active.status).toBe(200);
    expect(active.body.results.map((v: Row) => v.uuid)).toContain(created.body.uuid);
    const visit = active.body.results.find((v: Row) => v.uuid === created.body.uuid);
    expect(visit.display).toMatch(/ - 03\/06\/2026 08:00$/);
    expect(visit.patient.uuid).toBe(patient.uuid);
    expect(visit.attributes).toEqual([]);
    expect(visit.encounters).toEqual([]);
    const stopped = await admin.rest(`visit/${String(created.body.uuid)}`, {
      method: 'POST',
      body: { stopDatetime: '2026-06-03T10:00:00.000+0200' },
    });
    expect(stopped.status).toBe(200);
    const after = await admin.rest(`visit?patient=${String(patient.uuid)}&includeInactive=false`);
    expect(after.body.results.map((v: Row) => v.uuid)).not.toContain(created.body.uuid);
  });

  test('FHIR Observation by subject and codes, newest first; Observation and Encounter by id', async () => {
    const search = await admin.fhir(
      `Observation?subject:Patient=${String(patient.uuid)}&code=${NEXT_PICKUP},${String(concepts.numeric.uuid)}&_sort=-date&_count=5`,
    );
    expect(search.status).toBe(200);
    expect(search.body.resourceType).toBe('Bundle');
    const [{ n }] = await db.rows(
      `SELECT COUNT(*) n FROM obs WHERE person_id = ? AND voided = 0
       AND concept_id IN (SELECT concept_id FROM concept WHERE uuid IN (?, ?))`,
      [patient.person_id, NEXT_PICKUP, concepts.numeric.uuid],
    );
    expect(search.body.total).toBe(Number(n));
    const resources = search.body.entry.map((e: Row) => e.resource as Row);
    expect(resources.length).toBe(Math.min(5, Number(n)));
    const dates = resources.map((r: Row) => String(r.effectiveDateTime));
    expect([...dates].sort().reverse()).toEqual(dates);
    const pickup = resources.find((r: Row) => (r.code as Row & { coding: Row[] }).coding[0].code === NEXT_PICKUP);
    if (pickup) expect(pickup.valueDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const one = await admin.fhir(`Observation/${String(resources[0].id)}`);
    expect(one.body.subject.reference).toBe(`Patient/${String(patient.uuid)}`);

    const encounters = await admin.fhir(`Encounter?patient=${String(patient.uuid)}&_count=100`);
    expect(encounters.status).toBe(200);
    expect(encounters.body.total).toBeGreaterThanOrEqual(Number(patient.n));
    const encounter = encounters.body.entry[0].resource;
    expect(encounter.subject.reference).toBe(`Patient/${String(patient.uuid)}`);
    expect(encounter.type[0].coding[0].system).toBe('http://fhir.openmrs.org/code-system/encounter-type');
    expect((await admin.fhir(`Encounter/${String(encounter.id)}`)).body.id).toBe(encounter.id);
  });
});
