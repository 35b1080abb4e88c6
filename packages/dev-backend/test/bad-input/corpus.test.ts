import crypto from 'node:crypto';
import { openDatabase, type Database } from '../../src/database';
import { createServer } from '../../src';
import { Client, type Response } from '../contract/client';
import { startFacility, type Facility } from '../contract/facility';
import { atHdManhica, HD_MANHICA, NID_TYPE } from '../contract/patients';

// The bad-input corpus of the dev backend: what a careless or hostile user sends. Each case answers
// the status OpenMRS 2.7 gives, in its error envelope with a clear message and nothing internal (no
// SQL, column names, addresses or JavaScript messages), and the database keeps no partial or invalid row.

let facility: Facility;
let db: Database;
let admin: Client;
let patient: string;
let numericConcept: string;
let encounterWithObs: string;

/** Rows of the tables a patient's registration and a consultation write, to check nothing was left behind. */
const WRITTEN = [
  'person',
  'person_name',
  'patient',
  'patient_identifier',
  'visit',
  'encounter',
  'obs',
  'cohort',
  'cohort_member',
];
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      WRITTEN.map(async (t) => [t, Number((await db.rows(`SELECT COUNT(*) AS n FROM \`${t}\``))[0].n)]),
    ),
  );

beforeAll(async () => {
  facility = await startFacility(3);
  db = openDatabase(facility.database, 2);
  admin = await atHdManhica(await new Client(facility.server.url).logIn({ username: 'admin', password: 'Admin123' }));
  [{ uuid: patient }] = await db.rows<{ uuid: string }>(
    'SELECT p.uuid FROM person p JOIN patient pa ON pa.patient_id = p.person_id WHERE pa.voided = 0 LIMIT 1',
  );
  [{ uuid: numericConcept }] = await db.rows<{ uuid: string }>(
    'SELECT c.uuid FROM concept c JOIN concept_numeric n ON n.concept_id = c.concept_id WHERE c.retired = 0 AND n.hi_absolute IS NULL AND n.allow_decimal = 1 ORDER BY c.concept_id LIMIT 1',
  );
  [{ uuid: encounterWithObs }] = await db.rows<{ uuid: string }>(
    'SELECT e.uuid FROM encounter e WHERE EXISTS (SELECT 1 FROM obs o WHERE o.encounter_id = e.encounter_id) LIMIT 1',
  );
}, 300_000);

afterAll(async () => {
  await db?.close();
  await facility?.close();
});

/** Nothing internal in an error: no SQL, no database names or errors, no addresses, no stack. */
function expectNoLeak(response: Response): void {
  const text = JSON.stringify(response.body ?? '');
  expect(text).not.toMatch(
    /\b(SELECT|INSERT|UPDATE|DELETE FROM)\b|ER_[A-Z_]+|sqlMessage|devp_|127\.0\.0\.1|\bat .+\.ts:\d+|TypeError|undefined is not/,
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const nid = () => `0110040701/${new Date().getFullYear()}/9${crypto.randomInt(10_000).toString().padStart(4, '0')}`;
const identifier = (value = nid()) => ({ identifier: value, identifierType: NID_TYPE, location: HD_MANHICA });
const person = (fields: Record<string, unknown> = {}) => ({
  names: [{ givenName: 'Ana', familyName: 'Cossa' }],
  gender: 'F',
  birthdate: '1990-01-01',
  ...fields,
});
const post = (path: string, body: unknown) => admin.rest(path, { method: 'POST', body });
const raw = (path: string, text: string, contentType = 'application/json') =>
  fetch(`${facility.server.url}/ws/rest/v1/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Cookie: `JSESSIONID=${admin.cookie}` },
    body: text,
  }).then(async (r) => ({ status: r.status, headers: r.headers, body: JSON.parse((await r.text()) || 'null') }));

interface Case {
  name: string;
  send: () => Promise<Response>;
  status: number;
  /** Matched against the whole error body. */
  says: RegExp;
}

const CASES: Case[] = [
  // Malformed and hostile bodies.
  { name: 'malformed JSON', send: () => raw('patient', '{"person":'), status: 400, says: /JSON parse error/ },
  { name: 'a list instead of an object', send: () => raw('patient', '[1,2]'), status: 400, says: /expected an object/ },
  { name: 'no body at all', send: () => raw('patient', ''), status: 400, says: /Required request body is missing/ },
  {
    name: '100,000-deep nested arrays',
    send: () => raw('visittype', `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    status: 400,
    says: /nesting depth exceeds/,
  },
  {
    name: 'a body over 1 MiB',
    send: () => raw('visittype', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })),
    status: 413,
    says: /larger than/,
  },
  {
    // Spring's HttpMediaTypeNotSupportedException, which REST's BaseRestController answers with 500:
    // no cross-site form can create anything.
    name: 'a text/plain POST',
    send: () => raw('patient', JSON.stringify({ person: person(), identifiers: [identifier()] }), 'text/plain'),
    status: 500,
    says: /Content type 'text\/plain' not supported/,
  },
  {
    name: 'a form-encoded POST',
    send: () => raw('visittype', 'name=x', 'application/x-www-form-urlencoded'),
    status: 500,
    says: /not supported/,
  },
  // Wrong types.
  {
    name: 'person as a string',
    send: () => post('patient', { person: 'x', identifiers: [] }),
    status: 400,
    says: /person/,
  },
  {
    name: 'identifiers: [null]',
    send: () => post('patient', { person: person(), identifiers: [null] }),
    status: 400,
    says: /Each of identifiers must be an object/,
  },
  {
    name: 'identifiers as an object',
    send: () => post('patient', { person: person(), identifiers: { identifier: nid() } }),
    status: 400,
    says: /identifiers must be a list/,
  },
  {
    name: 'obs value 1e400',
    send: () =>
      raw('obs', `{"person":"${patient}","concept":"${numericConcept}","obsDatetime":"${today()}","value":1e400}`),
    status: 400,
    says: /Infinity is not a number/,
  },
  {
    name: 'a 300-character uuid posted',
    send: () => post('visittype', { name: `v${Date.now()}`, uuid: 'a'.repeat(300) }),
    status: 400,
    says: /uuid has at most 38 characters/,
  },
  // Invalid records OpenMRS's validators refuse.
  {
    name: 'a patient with no identifier',
    send: () => post('patient', { person: person(), identifiers: [] }),
    status: 400,
    says: /Select a preferred identifier/,
  },
  {
    name: 'a patient with no name',
    send: () => post('patient', { person: person({ names: [] }), identifiers: [identifier()] }),
    status: 400,
    says: /at least one non-deleted name/,
  },
  {
    name: 'a blank given name',
    send: () =>
      post('patient', {
        person: person({ names: [{ givenName: '  ', familyName: 'Cossa' }] }),
        identifiers: [identifier()],
      }),
    status: 400,
    says: /You must define the Given Name/,
  },
  {
    name: 'a birthdate in the future',
    send: () => post('patient', { person: person({ birthdate: '2999-01-01' }), identifiers: [identifier()] }),
    status: 400,
    says: /Cannot be a date in the future/,
  },
  {
    name: 'death before birth',
    send: () => post('person', person({ dead: true, deathDate: '1980-01-01', causeOfDeath: numericConcept })),
    status: 400,
    says: /Death date must be after birth date/,
  },
  {
    // PatientServiceImpl.checkPatientIdentifiers' DuplicateIdentifierException: an APIException, 500.
    name: 'the same NID twice in one patient',
    send: () => {
      const same = nid();
      return post('patient', { person: person(), identifiers: [identifier(same), identifier(same)] });
    },
    status: 500,
    says: /two identical identifiers/,
  },
  {
    name: 'an encounter in 2999',
    send: () =>
      post('encounter', {
        patient,
        encounterType: '67a71486-1a54-468f-ac3e-7091a9a79584',
        location: HD_MANHICA,
        encounterDatetime: '2999-01-01T10:00:00.000+0000',
      }),
    status: 400,
    says: /should be before the current date/,
  },
  {
    name: 'an obs with value null',
    send: () => post('obs', { person: patient, concept: numericConcept, obsDatetime: today(), value: null }),
    status: 400,
    says: /Obs has no value/,
  },
  {
    name: 'a visit that stops before it starts',
    send: () =>
      post('visit', {
        patient,
        visitType: '6f36ed07-cd2d-46a0-a7f6-81bc4a5878f4',
        location: HD_MANHICA,
        startDatetime: '2026-01-02T10:00:00.000+0000',
        stopDatetime: '2026-01-01T10:00:00.000+0000',
      }),
    status: 400,
    says: /end date is before the start date/,
  },
  // Patient lists (cohort module).
  {
    name: 'a patient list with a blank name',
    send: () => post('cohortm/cohort', { name: '   ' }),
    status: 400,
    says: /Cohort Name Required/,
  },
  {
    name: 'a patient list that ends before it starts',
    send: () => post('cohortm/cohort', { name: 'Adesão', startDate: '2026-02-01', endDate: '2026-01-01' }),
    status: 400,
    says: /Start date should be before the end date/,
  },
  {
    name: 'a list membership without its list and start date',
    send: () => post('cohortm/cohortmember', { patient }),
    status: 400,
    says: /required properties are missing: cohort, startDate/,
  },
  {
    name: 'SQL in the patient of a list search',
    send: () => admin.rest(`cohortm/cohortmember?patient=${encodeURIComponent("' OR 1=1 -- ")}`),
    status: 200,
    says: /^\{"results":\[\]\}$/,
  },
  // Paths and parameters.
  {
    name: 'a 300-character uuid asked for',
    send: () => admin.rest(`patient/${'a'.repeat(300)}`),
    status: 404,
    says: /doesn't exist/,
  },
  {
    name: 'a malformed %-escape',
    send: () => admin.rest('patient/%E0%A4%A'),
    status: 400,
    says: /malformed percent-encoding/,
  },
  {
    name: 'a traversal in the path',
    send: () => admin.rest('patient/..%2F..%2F..%2Fetc%2Fpasswd'),
    status: 404,
    says: /doesn't exist/,
  },
  {
    name: 'a representation nested 20 deep',
    send: () => admin.rest(`person/${patient}?v=custom:${'(uuid,preferredName:'.repeat(20)}(uuid)${')'.repeat(20)}`),
    status: 400,
    says: /at most 12 levels/,
  },
  {
    name: 'an unknown method',
    send: () => admin.rest(`patient/${patient}`, { method: 'PUT', body: {} }),
    status: 405,
    says: /PUT/,
  },
];

describe('each bad request is refused clearly, leaks nothing and leaves nothing behind', () => {
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await counts();
  });

  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const response = await c.send();
    expect({ status: response.status, body: JSON.stringify(response.body) }).toEqual({
      status: c.status,
      body: expect.stringMatching(c.says),
    });
    expectNoLeak(response);
  });

  test('not one row was written by any of them', async () => {
    expect(await counts()).toEqual(before);
  });
});

test('the same malformed %-escape before login is the same 400', async () => {
  const response = await new Client(facility.server.url).rest('patient/%E0%A4%A');
  expect(response.status).toBe(400);
  expectNoLeak(response);
});

test('limit and startIndex that are no Java int are ignored, as RestUtil.getIntegerParam ignores them', async () => {
  for (const query of ['limit=abc', 'startIndex=18446744073709551616', 'limit=1.5', 'startIndex=-']) {
    const response = await admin.rest(`patient?q=a&${query}`);
    expect([query, response.status]).toEqual([query, 200]);
    expect(Array.isArray(response.body.results)).toBe(true);
  }
});

test('SQL and LIKE wildcards in q= match only literally', async () => {
  for (const q of ["' OR 1=1 -- ", '%', '_', '\\', '"; DROP TABLE patient; --', '%25%27']) {
    for (const resource of ['patient', 'concept', 'drug', 'location', 'person']) {
      const response = await admin.rest(`${resource}?q=${encodeURIComponent(q)}`);
      expect([resource, q, response.status, response.body.results]).toEqual([resource, q, 200, []]);
    }
  }
  expect(Number((await db.rows('SELECT COUNT(*) AS n FROM patient'))[0].n)).toBeGreaterThan(0);
});

test('purging an encounter that has obs is refused without its SQL', async () => {
  const response = await admin.rest(`encounter/${encounterWithObs}?purge=true`, { method: 'DELETE' });
  expect(response.status).toBe(500);
  expect(response.body.error.message).toMatch(/other records refer to it/);
  expectNoLeak(response);
  expect(await db.rows('SELECT 1 FROM encounter WHERE uuid = ?', [encounterWithObs])).toHaveLength(1);
});

test('20 registrations at once with the same NID make exactly one patient', async () => {
  const same = nid();
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      post('patient', {
        person: person({ names: [{ givenName: `Ana${i}`, familyName: 'Cossa' }] }),
        identifiers: [identifier(same)],
      }),
    ),
  );
  const statuses = responses.map((r) => r.status).sort();
  expect(statuses).toEqual([201, ...Array(19).fill(400)]);
  for (const r of responses.filter((r) => r.status === 400)) {
    expect(JSON.stringify(r.body)).toMatch(/already in use by another patient/);
  }
  expect(await db.rows('SELECT 1 FROM patient_identifier WHERE identifier = ? AND voided = 0', [same])).toHaveLength(1);
});

test('24 writes at once right after a start (the pool has 16 connections) all complete: none waits on the pool for a second one', async () => {
  const server = await createServer({ database: facility.database });
  try {
    const client = await atHdManhica(await new Client(server.url).logIn({ username: 'admin', password: 'Admin123' }));
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        client.rest('visittype', { method: 'POST', body: { name: `Burst ${i} ${Date.now()}` } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(24).fill(201));
  } finally {
    await server.close();
  }
}, 60_000);

test('a representation that would build too many objects is a 400, and the server goes on answering', async () => {
  const server = await createServer({ database: facility.database, limits: { representedObjects: 200 } });
  try {
    const client = await new Client(server.url).logIn({ username: 'admin', password: 'Admin123' });
    // Each obs shows its encounter, which shows all its obs again…
    const v = 'custom:(uuid,obs:(uuid,encounter:(uuid,obs:(uuid,encounter:(uuid,obs:(uuid,concept:full))))))';
    const heavy = await client.rest(`encounter/${encounterWithObs}?v=${v}`);
    expect(heavy.status).toBe(400);
    expect(heavy.body.error.message).toMatch(/too large \(more than 200 objects\)/);
    expect((await client.rest(`encounter/${encounterWithObs}`)).status).toBe(200);
  } finally {
    await server.close();
  }
});

test('sessions of cookie-less requests are capped: the least recently used go first', async () => {
  const server = await createServer({ database: facility.database, maxAnonymousSessions: 50 });
  try {
    const cookieOf = (r: globalThis.Response) => /JSESSIONID=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1];
    const session = `${server.url}/ws/rest/v1/session`;
    const first = cookieOf(await fetch(session));
    const loggedIn = await new Client(server.url).logIn({ username: 'admin', password: 'Admin123' });
    for (let i = 0; i < 120; i++) await fetch(session);
    // The first anonymous session was dropped: its cookie gets a new one. The logged-in one was kept.
    expect(cookieOf(await fetch(session, { headers: { Cookie: `JSESSIONID=${first}` } }))).toBeDefined();
    const kept = await loggedIn.rest('session');
    expect(kept.body.authenticated).toBe(true);
  } finally {
    await server.close();
  }
});
