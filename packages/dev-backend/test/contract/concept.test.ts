import { openDatabase, type Database, type Row } from '../../src/database';
import { Client } from './client';
import { startFacility, type Facility } from './facility';
import { REMOTE } from './target';

// Concepts as O3 reads them (registration's answers rep, the chart's references), over the
// generated facility's dictionary. It picks its concepts from the database, so it runs locally only.

const local = REMOTE ? describe.skip : describe;

local('concept', () => {
  let facility: Facility;
  let db: Database;
  let admin: Client;

  beforeAll(async () => {
    facility = await startFacility(5);
    db = openDatabase(facility.database, 2);
    admin = await new Client(facility.server.url).logIn({ username: 'admin', password: 'Admin123' });
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await facility?.close();
  });

  /** A concept with exactly one name in pt and one in en, different. */
  async function bilingual(): Promise<Row> {
    const [row] = await db.rows(
      `SELECT c.uuid, MAX(IF(n.locale = 'pt', n.name, NULL)) pt, MAX(IF(n.locale = 'en', n.name, NULL)) en
       FROM concept c JOIN concept_name n ON n.concept_id = c.concept_id AND n.voided = 0
       WHERE c.retired = 0 GROUP BY c.concept_id
       HAVING SUM(n.locale = 'pt') = 1 AND SUM(n.locale = 'en') = 1 AND pt <> en ORDER BY c.concept_id LIMIT 1`,
    );
    return row;
  }

  test('display and name follow the session locale', async () => {
    const c = await bilingual();
    expect(c).toBeDefined();
    const client = await new Client(facility.server.url).logIn({ username: 'admin', password: 'Admin123' });
    await client.rest('session', { method: 'POST', body: { locale: 'pt' } });
    const pt = await client.rest(`concept/${String(c.uuid)}`);
    expect(pt.status).toBe(200);
    expect(pt.body.display).toBe(c.pt);
    expect(pt.body.name.display).toBe(c.pt);
    expect(pt.body.resourceVersion).toBe('2.0');
    expect(pt.body.names).toHaveLength(2);
    await client.rest('session', { method: 'POST', body: { locale: 'en' } });
    const en = await client.rest(
      `concept/${String(c.uuid)}?v=custom:(uuid,display,datatype:(uuid,display),conceptClass)`,
    );
    expect(en.body.display).toBe(c.en);
    expect(typeof en.body.datatype.display).toBe('string');
    expect(typeof en.body.conceptClass.uuid).toBe('string');
  });

  test('answers in sort order, as registration asks for them; answerTo lists the same', async () => {
    const [question] = await db.rows(
      `SELECT c.uuid, c.concept_id FROM concept c JOIN concept_answer a ON a.concept_id = c.concept_id
       WHERE c.retired = 0 GROUP BY c.concept_id HAVING COUNT(*) > 1 ORDER BY c.concept_id LIMIT 1`,
    );
    const answers = await db.rows(
      `SELECT c.uuid FROM concept_answer a JOIN concept c ON c.concept_id = a.answer_concept
       WHERE a.concept_id = ? ORDER BY a.sort_weight, a.concept_answer_id`,
      [question.concept_id],
    );
    const { status, body } = await admin.rest(
      `concept/${String(question.uuid)}?v=custom:(uuid,display,answers:(uuid,display))`,
    );
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['answers', 'display', 'uuid']);
    expect(body.answers.map((a: Row) => a.uuid)).toEqual(answers.map((a) => a.uuid));
    expect(body.answers.every((a: Row) => typeof a.display === 'string' && a.display !== '')).toBe(true);
    const listed = await admin.rest(`concept?answerTo=${String(question.uuid)}`);
    expect(listed.body.results.map((a: Row) => a.uuid)).toEqual(answers.map((a) => a.uuid));
  });

  test('numeric concepts carry their ranges and units in full and custom representations; others lack them', async () => {
    const [numeric] = await db.rows(
      `SELECT c.uuid, n.units FROM concept c JOIN concept_numeric n ON n.concept_id = c.concept_id
       WHERE n.units IS NOT NULL ORDER BY c.concept_id LIMIT 1`,
    );
    const [coded] = await db.rows(
      `SELECT c.uuid FROM concept c LEFT JOIN concept_numeric n ON n.concept_id = c.concept_id
       WHERE n.concept_id IS NULL ORDER BY c.concept_id LIMIT 1`,
    );
    const full = (await admin.rest(`concept/${String(numeric.uuid)}?v=full`)).body;
    expect(full).toMatchObject({ units: numeric.units, allowDecimal: expect.any(Boolean) });
    expect(full).toHaveProperty('hiNormal');
    expect(full).not.toHaveProperty('precise');
    // ConceptResource1_8's default has no numeric fields; a concept that is not numeric has none anywhere.
    expect((await admin.rest(`concept/${String(numeric.uuid)}`)).body).not.toHaveProperty('units');
    expect((await admin.rest(`concept/${String(coded.uuid)}?v=full`)).body).not.toHaveProperty('units');
    const custom = 'custom:(uuid,hiNormal,units)';
    expect((await admin.rest(`concept/${String(numeric.uuid)}?v=${custom}`)).body.units).toBe(numeric.units);
    expect((await admin.rest(`concept/${String(coded.uuid)}?v=${custom}`)).body).toEqual({ uuid: coded.uuid });
  });

  test('default and full: name, descriptions, mappings and attributes as ConceptResource 2.0 shows them', async () => {
    const [described] = await db.rows(
      `SELECT c.uuid, d.uuid AS description, d.description AS text FROM concept c
       JOIN concept_description d ON d.concept_id = c.concept_id ORDER BY c.concept_id LIMIT 1`,
    );
    const byDefault = (await admin.rest(`concept/${String(described.uuid)}`)).body;
    expect(byDefault.name).toMatchObject({ name: expect.any(String), locale: expect.any(String) });
    expect(byDefault.descriptions).toEqual([
      { uuid: described.description, display: described.text, links: expect.any(Array) },
    ]);
    expect(byDefault).toMatchObject({ mappings: [], attributes: [] });
    const full = (await admin.rest(`concept/${String(described.uuid)}?v=full`)).body;
    expect(full.descriptions[0]).toMatchObject({ description: described.text, locale: expect.any(String) });
    expect(full.datatype).toHaveProperty('hl7Abbreviation');
    const sub = await admin.rest(`concept/${String(described.uuid)}/description`);
    expect(sub.body.results.map((d: Row) => d.uuid)).toEqual([described.description]);
  });

  test('search by q fragment, exact name and references in the order asked', async () => {
    const c = await bilingual();
    const client = await new Client(facility.server.url).logIn({ username: 'admin', password: 'Admin123' });
    await client.rest('session', { method: 'POST', body: { locale: 'en' } });
    const word = String(c.en).split(/\s+/)[0];
    const q = await client.rest(`concept?q=${encodeURIComponent(word.slice(0, 3))}&limit=100&v=custom:(uuid)`);
    expect(q.status).toBe(200);
    expect(q.body.results.length).toBeGreaterThan(0);
    const exact = await client.rest(`concept?name=${encodeURIComponent(String(c.en))}`);
    expect(exact.body.results.map((r: Row) => r.uuid)).toContain(c.uuid);
    const [a, b] = await db.rows('SELECT uuid FROM concept WHERE retired = 0 ORDER BY concept_id LIMIT 2');
    const refs = await client.rest(`concept?references=${String(b.uuid)},${String(a.uuid)}`);
    expect(refs.body.results.map((r: Row) => r.uuid)).toEqual([b.uuid, a.uuid]);
    const none = await client.rest('concept?q=zzzqqqxxx');
    expect(none.body.results).toEqual([]);
  });

  test('datatypes and classes list as metadata', async () => {
    const types = await admin.rest('conceptdatatype');
    expect(types.body.results.map((t: Row) => t.display)).toEqual(expect.arrayContaining(['Coded', 'Numeric']));
    const classes = await admin.rest('conceptclass?q=Diag');
    expect(classes.status).toBe(200);
  });
});
