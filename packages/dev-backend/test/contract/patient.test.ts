import crypto from 'node:crypto';
import { openDatabase, type Database, type Row } from '../../src/database';
import { Client } from './client';
import { startFacility, type Facility } from './facility';
import { REMOTE } from './target';

// The patient search and registration path as O3 uses it, over a tiny
// generated facility (HD Manhiça, 1100407) whose patients already hold NIDs. It checks rows in the
// database, and so runs against the dev backend only.

const NID_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';
const BI_TYPE = 'e2b9682e-1d5f-11e0-b929-000c29ad1d07';
const NID_SOURCE = 'fcc7896b-143e-58bd-8fb3-17b00b1ba5ae';
const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
const CS_CALANGA = '041cb1e5-1385-52ba-920f-9c6d7f44577a';
const PHONE = 'e2e3fd64-1d5f-11e0-b929-000c29ad1d07';
const O3_SEARCH_REP =
  'custom:(patientId,uuid,voided,identifiers,display,patientIdentifier:(uuid,identifier),person:(gender,age,birthdate,birthdateEstimated,personName,addresses,display,dead,deathDate),attributes:(value,attributeType:(uuid,display)))';

const local = REMOTE ? describe.skip : describe;

local('patient registration over a generated facility', () => {
  let facility: Facility;
  let db: Database;
  let admin: Client;
  let existing: Row;

  beforeAll(async () => {
    facility = await startFacility();
    db = openDatabase(facility.database, 2);
    admin = await new Client(facility.server.url).logIn({ username: 'admin', password: 'Admin123' });
    await admin.rest('session', { method: 'POST', body: { sessionLocation: HD_MANHICA } });
    [existing] = await db.rows(
      `SELECT pe.uuid, n.given_name, n.family_name, i.identifier FROM patient pa
     JOIN person pe ON pe.person_id = pa.patient_id
     JOIN person_name n ON n.person_id = pe.person_id AND n.voided = 0
     JOIN patient_identifier i ON i.patient_id = pa.patient_id AND i.identifier_type =
       (SELECT patient_identifier_type_id FROM patient_identifier_type WHERE uuid = ?)
     WHERE pa.voided = 0 ORDER BY pa.patient_id LIMIT 1`,
      [NID_TYPE],
    );
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await facility?.close();
  });

  const generate = async () =>
    (await admin.rest(`idgen/identifiersource/${NID_SOURCE}/identifier`, { method: 'POST', body: {} })).body
      .identifier as string;

  function registration(nid: string, given = 'Ana', family = 'Mondlane') {
    return {
      person: {
        names: [{ givenName: given, middleName: '', familyName: family, preferred: true }],
        gender: 'F',
        birthdate: '1990-05-01',
        birthdateEstimated: false,
        addresses: [{ address1: 'Casa 12', countyDistrict: 'Manhiça', stateProvince: 'Maputo', country: 'Moçambique' }],
        attributes: [{ attributeType: PHONE, value: '841234567' }],
        dead: false,
      },
      identifiers: [{ identifier: nid, identifierType: NID_TYPE, location: HD_MANHICA, preferred: true }],
    };
  }

  const uuids = (response: { body: { results: Row[] } }) => response.body.results.map((r) => r.uuid);

  describe('search', () => {
    test('q matches name words in any order, whatever their case', async () => {
      const family = String(existing.family_name).slice(0, 4).toUpperCase();
      const given = String(existing.given_name).toLowerCase();
      expect(uuids(await admin.rest(`patient?q=${encodeURIComponent(`${family} ${given}`)}`))).toContain(existing.uuid);
    });

    test('q matches part of an identifier; identifier= is exact unless searchType=start', async () => {
      const nid = String(existing.identifier);
      expect(uuids(await admin.rest(`patient?q=${encodeURIComponent(nid.slice(-8))}`))).toContain(existing.uuid);
      expect(uuids(await admin.rest(`patient?identifier=${encodeURIComponent(nid)}`))).toEqual([existing.uuid]);
      expect(uuids(await admin.rest(`patient?identifier=${encodeURIComponent(nid.slice(0, -2))}`))).toEqual([]);
      expect(
        uuids(await admin.rest(`patient?identifier=${encodeURIComponent(nid.slice(0, -2))}&searchType=start`)),
      ).toContain(existing.uuid);
    });

    test('the exact O3 patient search URL', async () => {
      const q = encodeURIComponent(String(existing.given_name));
      const response = await admin.rest(`patient?q=${q}&v=${O3_SEARCH_REP}&includeDead=false&limit=10&totalCount=true`);
      expect(response.status).toBe(200);
      expect(typeof response.body.totalCount).toBe('number');
      const found = response.body.results.find((r: Row) => r.uuid === existing.uuid);
      expect(found).toMatchObject({
        patientId: expect.any(Number),
        voided: false,
        display: `${String(existing.identifier)} - ${String(existing.given_name)} ${String(existing.family_name)}`,
        patientIdentifier: { uuid: expect.any(String), identifier: existing.identifier },
        person: {
          gender: expect.any(String),
          age: expect.any(Number),
          dead: false,
          personName: { display: expect.any(String) },
        },
      });
      expect(Array.isArray(found.identifiers)).toBe(true);
      expect(Array.isArray(found.person.addresses)).toBe(true);
    });

    test('no search parameter: 400; paging with totalCount', async () => {
      expect((await admin.rest('patient')).status).toBe(400);
      const page = await admin.rest('patient?q=0110040701&limit=2&totalCount=true');
      expect(page.body.results).toHaveLength(2);
      expect(page.body.totalCount).toBeGreaterThan(2);
      expect(page.body.links.map((l: Row) => l.rel)).toEqual(['next']);
    });
  });

  describe('idgen and termmapping', () => {
    test('identifier sources and auto-generation options', async () => {
      const sources = (await admin.rest('idgen/identifiersource?v=default')).body.results;
      const source = sources.find((s: Row) => s.uuid === NID_SOURCE);
      expect(source).toMatchObject({ identifierType: { uuid: NID_TYPE }, firstIdentifierBase: '00001' });
      const options = (await admin.rest('idgen/autogenerationoption?v=full')).body.results;
      expect(options.find((o: Row) => (o.source as Row).uuid === NID_SOURCE)).toMatchObject({
        identifierType: { uuid: NID_TYPE },
        location: null,
        manualEntryEnabled: false,
        automaticGenerationEnabled: true,
      });
    });

    test('generated NIDs follow the TARV prefix, are sequential and skip the ones in use', async () => {
      const year = new Date(Date.now() + 2 * 3600_000).getUTCFullYear();
      const [{ held }] = await db.rows(
        "SELECT COALESCE(MAX(CAST(SUBSTRING_INDEX(identifier, '/', -1) AS UNSIGNED)), 0) AS held FROM patient_identifier WHERE identifier LIKE ?",
        [`0110040701/${year}/%`],
      );
      // NIDs already held (the generated facility's of this year, and one typed by hand) are skipped.
      const typed = `0110040701/${year}/${String(Number(held) + 1).padStart(5, '0')}`;
      expect((await admin.rest('patient', { method: 'POST', body: registration(typed, 'Manual', 'Nid') })).status).toBe(
        201,
      );
      const first = await generate();
      const second = await generate();
      expect(first).toMatch(new RegExp(`^0110040701/${year}/\\d{5}$`));
      expect(Number(first.slice(-5))).toBe(Number(held) + 2);
      expect(Number(second.slice(-5))).toBe(Number(first.slice(-5)) + 1);
      const used = await db.rows('SELECT 1 FROM patient_identifier WHERE identifier IN (?, ?)', [first, second]);
      expect(used).toHaveLength(0);
      const logged = await db.rows('SELECT 1 FROM idgen_log_entry WHERE identifier IN (?, ?)', [first, second]);
      expect(logged).toHaveLength(2);
    });

    test('the NID prefix is the code of the session location; without one generation fails', async () => {
      const elsewhere = await new Client(facility.server.url).logIn({ username: 'admin', password: 'Admin123' });
      const generateAs = (client: Client) =>
        client.rest(`idgen/identifiersource/${NID_SOURCE}/identifier`, { method: 'POST', body: {} });
      const unplaced = await generateAs(elsewhere);
      expect(unplaced.status).toBe(500);
      expect(unplaced.body.error.message).toContain('No Location found in current UserContext');
      await elsewhere.rest('session', { method: 'POST', body: { sessionLocation: CS_CALANGA } });
      expect((await generateAs(elsewhere)).body.identifier).toMatch(/^0110041001\/\d{4}\/\d{5}$/);
    });

    test('concurrent generation yields distinct NIDs', async () => {
      const nids = await Promise.all(Array.from({ length: 8 }, generate));
      expect(new Set(nids).size).toBe(8);
    });

    test('termmapping emr.primaryIdentifierType', async () => {
      const full = await admin.rest('metadatamapping/termmapping?code=emr.primaryIdentifierType&v=full');
      expect(full.body.results).toHaveLength(1);
      expect(full.body.results[0]).toMatchObject({ code: 'emr.primaryIdentifierType', metadataUuid: NID_TYPE });
      const custom = await admin.rest(
        'metadatamapping/termmapping?code=emr.primaryIdentifierType&v=custom:(metadataUuid)',
      );
      expect(custom.body.results).toEqual([{ metadataUuid: NID_TYPE }]);
    });
  });

  describe('registration', () => {
    test('create the way O3 does, with a generated NID; then read it back and find it', async () => {
      const nid = await generate();
      const uuid = crypto.randomUUID();
      const created = await admin.rest('patient', {
        method: 'POST',
        body: { uuid, ...registration(nid, 'Conceição', 'Tembe') },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ uuid, display: `${nid} - Conceição Tembe`, voided: false });
      expect(created.headers.get('location')).toBe(`${facility.server.url}/ws/rest/v1/patient/${uuid}`);
      const read = await admin.rest(`patient/${uuid}?v=${O3_SEARCH_REP}`);
      expect(read.body).toMatchObject({
        patientIdentifier: { identifier: nid },
        person: { gender: 'F', birthdate: '1990-05-01T00:00:00.000+0200', birthdateEstimated: false },
        attributes: [{ value: '841234567', attributeType: { uuid: PHONE } }],
      });
      expect(read.body.person.addresses[0]).toMatchObject({ address1: 'Casa 12', country: 'Moçambique' });
      // utf8mb4_general_ci: accents and case do not matter.
      expect(uuids(await admin.rest('patient?q=CONCEICAO'))).toContain(uuid);
    });

    test('an NID already held by another patient: 400 naming it, and nothing written', async () => {
      const counts = () =>
        db.rows(
          'SELECT (SELECT COUNT(*) FROM person) AS p, (SELECT COUNT(*) FROM person_name) AS n, (SELECT COUNT(*) FROM patient) AS pa, (SELECT COUNT(*) FROM patient_identifier) AS i',
        );
      const before = await counts();
      const response = await admin.rest('patient', { method: 'POST', body: registration(String(existing.identifier)) });
      expect(response.status).toBe(400);
      expect(response.body.error.fieldErrors.identifier[0].message).toContain(String(existing.identifier));
      expect(await counts()).toEqual(before);
    });

    test('a repeated create with the same uuid: 400, still one patient', async () => {
      const uuid = crypto.randomUUID();
      const body = { uuid, ...registration(await generate(), 'Repetida', 'Cossa') };
      expect((await admin.rest('patient', { method: 'POST', body })).status).toBe(201);
      const again = await admin.rest('patient', { method: 'POST', body });
      expect(again.status).toBe(400);
      expect(again.body.error.message).toContain('already exists');
      expect(await db.rows('SELECT 1 FROM person WHERE uuid = ?', [uuid])).toHaveLength(1);

      // A double submission: both at once, still one patient.
      const twice = { uuid: crypto.randomUUID(), ...registration(await generate(), 'Dupla', 'Cossa') };
      const statuses = await Promise.all(
        [1, 2].map(async () => (await admin.rest('patient', { method: 'POST', body: twice })).status),
      );
      expect(statuses.sort()).toEqual([201, 400]);
      expect(await db.rows('SELECT 1 FROM person WHERE uuid = ?', [twice.uuid])).toHaveLength(1);
    });

    test('an identifier not matching its type format: 400 with the format description', async () => {
      const response = await admin.rest('patient', { method: 'POST', body: registration('12345') });
      expect(response.status).toBe(400);
      expect(response.body.error.fieldErrors.identifier[0].message).toContain('CCPPDDUUSS/AAAA/NNNNN');
    });

    test('a type whose location behaviour is REQUIRED needs a location', async () => {
      const type = await admin.rest('patientidentifiertype', {
        method: 'POST',
        body: { name: 'Cartão de consulta', description: 'Local', locationBehavior: 'REQUIRED' },
      });
      const body = registration(await generate());
      const card = { identifier: 'C-1', identifierType: type.body.uuid };
      const response = await admin.rest('patient', {
        method: 'POST',
        body: { ...body, identifiers: [...body.identifiers, card] },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.fieldErrors.location[0].message).toBe('Location is required');
    });

    test('the O3 banner and registration representations; person search', async () => {
      const banner = await admin.rest(
        `patient/${String(existing.uuid)}?v=custom:(uuid,display,identifiers:(identifier,uuid,preferred,location:(uuid,name),identifierType:(uuid,name,format,formatDescription,validator)),person:(uuid,display,gender,birthdate,dead,age,deathDate,birthdateEstimated,causeOfDeath,preferredName:(uuid,preferred,givenName,middleName,familyName),attributes,preferredAddress:(uuid,preferred,address1,address5,countyDistrict)))`,
      );
      expect(banner.status).toBe(200);
      expect(banner.body.identifiers[0]).toMatchObject({
        identifier: existing.identifier,
        preferred: true,
        identifierType: { uuid: NID_TYPE },
      });
      expect(banner.body.person.preferredName).toMatchObject({ givenName: existing.given_name, preferred: true });
      const death = await admin.rest(
        `person/${String(existing.uuid)}?v=custom:(uuid,display,causeOfDeath,dead,deathDate,causeOfDeathNonCoded)`,
      );
      expect(death.body).toMatchObject({
        uuid: existing.uuid,
        dead: false,
        causeOfDeath: null,
        causeOfDeathNonCoded: null,
      });
      const people = await admin.rest(`person?q=${encodeURIComponent(String(existing.family_name))}`);
      expect(uuids(people)).toContain(existing.uuid);
    });

    test('a person on its own; a dead patient is left out with includeDead=false', async () => {
      const person = await admin.rest('person', {
        method: 'POST',
        body: { names: [{ givenName: 'Lurdes', familyName: 'Macuácua' }], gender: 'F', birthdate: '1980-01-01' },
      });
      expect(person.status).toBe(201);
      expect(person.body).toMatchObject({
        display: 'Lurdes Macuácua',
        gender: 'F',
        preferredName: { display: 'Lurdes Macuácua' },
      });
      expect(uuids(await admin.rest('patient?q=Lurdes Macuacua'))).not.toContain(person.body.uuid);

      const { body: created } = await admin.rest('patient', {
        method: 'POST',
        body: registration(await generate(), 'Falecida', 'Chongo'),
      });
      const [cause] = await db.rows('SELECT uuid FROM concept ORDER BY concept_id LIMIT 1');
      const died = await admin.rest(`person/${created.uuid}`, {
        method: 'POST',
        body: { dead: true, deathDate: '2026-01-15', causeOfDeath: cause.uuid },
      });
      expect(died.body).toMatchObject({
        dead: true,
        deathDate: '2026-01-15T00:00:00.000+0200',
        age: 35,
        causeOfDeath: { uuid: cause.uuid },
      });
      expect(uuids(await admin.rest('patient?q=Falecida Chongo'))).toContain(created.uuid);
      expect(uuids(await admin.rest('patient?q=Falecida Chongo&includeDead=false'))).toEqual([]);
    });

    test('required fields', async () => {
      const noIdentifiers = await admin.rest('patient', { method: 'POST', body: { person: registration('x').person } });
      expect(noIdentifiers.status).toBe(400);
      const person: Partial<ReturnType<typeof registration>['person']> = registration('x').person;
      delete person.gender;
      const noGender = await admin.rest('patient', {
        method: 'POST',
        body: { ...registration(await generate()), person },
      });
      expect(noGender.status).toBe(400);
      expect(JSON.stringify(noGender.body)).toContain('gender');
    });

    test('update, sub-resources, void', async () => {
      const { body: created } = await admin.rest('patient', {
        method: 'POST',
        body: registration(await generate(), 'Rosa', 'Nhaca'),
      });
      const path = `patient/${created.uuid}`;
      // The O3 edit form posts the names back with their uuids: an edit, not a second name.
      const nameUuid = created.person.preferredName.uuid;
      const renamed = await admin.rest(path, {
        method: 'POST',
        body: {
          person: {
            names: [{ uuid: nameUuid, display: 'Rosa Nhaca', givenName: 'Rosa', familyName: 'Nhaca', preferred: true }],
          },
        },
      });
      expect(renamed.status).toBe(200);
      expect((await admin.rest(`person/${created.uuid}/name`)).body.results).toHaveLength(1);
      const updated = await admin.rest(path, {
        method: 'POST',
        body: { person: { gender: 'M', birthdateEstimated: true } },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.person).toMatchObject({ gender: 'M', birthdateEstimated: true });

      // Identifiers: list, add, purge.
      const bi = await admin.rest(`${path}/identifier`, {
        method: 'POST',
        body: { identifier: '123456789A', identifierType: BI_TYPE },
      });
      expect(bi.status).toBe(201);
      const listed = await admin.rest(
        `${path}/identifier?v=custom:(uuid,identifier,identifierType:(uuid,required,name),preferred)`,
      );
      expect(listed.body.results.map((i: Row) => i.identifier)).toContain('123456789A');
      expect((await admin.rest(`${path}/identifier/${bi.body.uuid}?purge=true`, { method: 'DELETE' })).status).toBe(
        204,
      );
      expect((await admin.rest(`${path}/identifier`)).body.results).toHaveLength(1);

      // Names, addresses, attributes of the person.
      const person = `person/${created.uuid}`;
      const name = await admin.rest(`${person}/name`, {
        method: 'POST',
        body: { givenName: 'Rosita', familyName: 'Nhaca' },
      });
      expect(name.status).toBe(201);
      expect((await admin.rest(`${person}/name`)).body.results).toHaveLength(2);
      expect((await admin.rest(`${person}/name/${name.body.uuid}`, { method: 'DELETE' })).status).toBe(204);
      expect((await admin.rest(`${person}/name`)).body.results).toHaveLength(1);
      const attributes = await admin.rest(
        `${person}/attribute?v=custom:(uuid,display,attributeType:(uuid,display,format),value)`,
      );
      expect(attributes.body.results[0]).toMatchObject({
        value: '841234567',
        attributeType: { uuid: PHONE, format: 'java.lang.String' },
      });
      const address = (await admin.rest(`${person}/address`)).body.results[0];
      const changed = await admin.rest(`${person}/address/${address.uuid}`, {
        method: 'POST',
        body: { address5: 'Bairro 3' },
      });
      expect(changed.body.address5).toBe('Bairro 3');
      const full = (await admin.rest(`${person}?v=full`)).body;
      expect(full).toMatchObject({
        gender: 'M',
        names: [{ givenName: 'Rosa' }],
        preferredAddress: { address5: 'Bairro 3' },
      });

      // Void: patient, person and identifiers; no longer found.
      expect((await admin.rest(path, { method: 'DELETE' })).status).toBe(204);
      expect(uuids(await admin.rest('patient?q=Rosa Nhaca'))).not.toContain(created.uuid);
      const [row] = await db.rows(
        `SELECT pe.voided AS person, pa.voided AS patient,
       (SELECT MIN(voided) FROM patient_identifier WHERE patient_id = pa.patient_id) AS identifiers
       FROM person pe JOIN patient pa ON pa.patient_id = pe.person_id WHERE pe.uuid = ?`,
        [created.uuid],
      );
      expect(row).toEqual({ person: 1, patient: 1, identifiers: 1 });

      // Unvoid restores all three.
      const restored = await admin.rest(path, { method: 'POST', body: { deleted: 'false' } });
      expect(restored.status).toBe(200);
      expect(restored.body.identifiers).toHaveLength(1);
      expect(uuids(await admin.rest('patient?q=Rosa Nhaca'))).toContain(created.uuid);
    });
  });

  describe('FHIR Patient', () => {
    test('Patient/<uuid>: identifiers with their type, name, gender, birthDate, address, telecom', async () => {
      const nid = await generate();
      const { body: created } = await admin.rest('patient', {
        method: 'POST',
        body: registration(nid, 'Joana', 'Sitoe'),
      });
      const { status, body } = await admin.fhir(`Patient/${created.uuid}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        resourceType: 'Patient',
        id: created.uuid,
        active: true,
        identifier: [
          { use: 'official', type: { coding: [{ code: NID_TYPE }], text: 'NID (SERVICO TARV)' }, value: nid },
        ],
        name: [{ family: 'Sitoe', given: ['Joana'] }],
        gender: 'female',
        birthDate: '1990-05-01',
        deceasedBoolean: false,
        address: [{ use: 'home', district: 'Manhiça', country: 'Moçambique' }],
        telecom: [{ value: '841234567' }],
      });
      // A person who is not a patient (the admin) is not a Patient.
      const [adminPerson] = await db.rows('SELECT p.uuid FROM person p JOIN users u ON u.person_id = p.person_id');
      expect((await admin.fhir(`Patient/${String(adminPerson.uuid)}`)).status).toBe(404);
    });

    test('Patient?identifier=&name=&_count=', async () => {
      const byIdentifier = await admin.fhir(`Patient?identifier=${encodeURIComponent(String(existing.identifier))}`);
      expect(byIdentifier.body.total).toBe(1);
      expect(byIdentifier.body.entry[0].resource.id).toBe(existing.uuid);
      const byName = await admin.fhir(`Patient?name=${encodeURIComponent(String(existing.family_name))}&_count=1`);
      expect(byName.body.total).toBeGreaterThanOrEqual(1);
      expect(byName.body.entry).toHaveLength(1);
    });
  });
});
