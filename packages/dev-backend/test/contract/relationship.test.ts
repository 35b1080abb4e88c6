import { Client } from './client';
import { startTarget, type Target } from './target';

// Relationships as the O3 registration app and patient banner use them.

const PARENT_CHILD = '8d91a210-c2cc-11de-8d13-0010c6dffd0f';
const SIBLING = '8d91a01c-c2cc-11de-8d13-0010c6dffd0f';
const BANNER_REP =
  'custom:(display,uuid,personA:(age,display,birthdate,uuid),personB:(age,display,birthdate,uuid),relationshipType:(uuid,display,description,aIsToB,bIsToA))';

let target: Target;
let admin: Client;
let clerk: Client;
const people: Record<string, string> = {};

async function person(givenName: string, familyName: string): Promise<string> {
  const { status, body } = await admin.rest('person', {
    method: 'POST',
    body: { gender: 'F', birthdate: '1990-01-01', names: [{ givenName, familyName }] },
  });
  expect(status).toBe(201);
  return body.uuid as string;
}

beforeAll(async () => {
  target = await startTarget();
  admin = await new Client(target.url).logIn(target.admin);
  clerk = await new Client(target.url).logIn(target.demo('Data Clerk'));
  people.mother = await person('Ana', 'Mondlane');
  people.child = await person('Bela', 'Mondlane');
  people.sister = await person('Carla', 'Mondlane');
});
afterAll(() => target?.close());

const uuids = (body: { results: Array<{ uuid: string }> }) => body.results.map((r) => r.uuid);

test('a data clerk relates two people; both sides find it, in the banner representation', async () => {
  const created = await clerk.rest('relationship', {
    method: 'POST',
    body: { personA: people.mother, relationshipType: PARENT_CHILD, personB: people.child, startDate: '2020-01-01' },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    display: 'Ana is the Parent of Bela',
    personA: { uuid: people.mother },
    personB: { uuid: people.child },
    relationshipType: { uuid: PARENT_CHILD },
    voided: false,
    startDate: expect.stringMatching(/^2020-01-01T00:00:00\.000[+-]\d{4}$/),
    endDate: null,
    resourceVersion: '1.9',
  });
  const uuid = created.body.uuid as string;
  for (const side of [people.mother, people.child]) {
    const { body } = await clerk.rest(`relationship?person=${side}&v=${BANNER_REP}`);
    expect(uuids(body)).toEqual([uuid]);
    expect(body.results[0]).toMatchObject({
      personA: { uuid: people.mother, display: 'Ana Mondlane', age: expect.any(Number) },
      relationshipType: { aIsToB: 'Parent', bIsToA: 'Child' },
    });
  }
  expect(uuids((await clerk.rest(`relationship?person=${people.child}&relation=Parent`)).body)).toEqual([uuid]);
  expect(uuids((await clerk.rest(`relationship?person=${people.child}&relatedPerson=${people.mother}`)).body)).toEqual([
    uuid,
  ]);
  expect(uuids((await clerk.rest(`relationship?personA=${people.child}&personB=${people.mother}`)).body)).toEqual([]);
  expect((await clerk.rest(`relationship?person=${people.sister}`)).body.results).toEqual([]);
});

test('update the end date; void hides it from searches; purge removes it', async () => {
  const { body } = await admin.rest('relationship', {
    method: 'POST',
    body: { personA: people.sister, relationshipType: SIBLING, personB: people.mother },
  });
  const uuid = body.uuid as string;
  const ended = await clerk.rest(`relationship/${uuid}`, { method: 'POST', body: { endDate: '2024-05-01' } });
  expect(ended.status).toBe(200);
  expect(ended.body.endDate).toMatch(/^2024-05-01T/);
  expect(uuids((await clerk.rest(`relationship?person=${people.mother}`)).body)).toContain(uuid);

  expect((await clerk.rest(`relationship/${uuid}`, { method: 'DELETE' })).status).toBe(204);
  expect(uuids((await clerk.rest(`relationship?person=${people.mother}`)).body)).not.toContain(uuid);
  expect((await admin.rest(`relationship/${uuid}`)).body.voided).toBe(true);

  expect((await clerk.rest(`relationship/${uuid}?purge=true`, { method: 'DELETE' })).status).toBe(403);
  expect((await admin.rest(`relationship/${uuid}?purge=true`, { method: 'DELETE' })).status).toBe(204);
  expect((await admin.rest(`relationship/${uuid}`)).status).toBe(404);
});

test('bad input is refused with 400 and nothing is written', async () => {
  const before = (await admin.rest(`relationship?person=${people.sister}`)).body.results.length;
  const unknown = await admin.rest('relationship', {
    method: 'POST',
    body: { personA: '00000000-0000-0000-0000-000000000000', relationshipType: SIBLING, personB: people.sister },
  });
  expect(unknown.status).toBe(400);
  const missing = await admin.rest('relationship', { method: 'POST', body: { personA: people.sister } });
  expect(missing.status).toBe(400);
  expect(missing.body.error.message).toContain('Some required properties are missing');
  const future = await admin.rest('relationship', {
    method: 'POST',
    body: { personA: people.sister, relationshipType: SIBLING, personB: people.child, startDate: '2099-01-01' },
  });
  expect(future.status).toBe(400);
  expect(future.body.error.globalErrors).toEqual([{ code: 'error.date.future', message: expect.any(String) }]);
  const reversed = await admin.rest('relationship', {
    method: 'POST',
    body: {
      personA: people.sister,
      relationshipType: SIBLING,
      personB: people.child,
      startDate: '2020-02-01',
      endDate: '2020-01-01',
    },
  });
  expect(reversed.status).toBe(400);
  expect(reversed.body.error.globalErrors[0].code).toBe('Relationship.InvalidEndDate.error');
  expect((await admin.rest(`relationship?person=${people.sister}`)).body.results).toHaveLength(before);
});

test('an M&E officer reads relationships but cannot add them', async () => {
  const officer = await new Client(target.url).logIn(target.demo('M&E Officer'));
  expect((await officer.rest(`relationship?person=${people.mother}`)).status).toBe(200);
  const denied = await officer.rest('relationship', {
    method: 'POST',
    body: { personA: people.mother, relationshipType: SIBLING, personB: people.sister },
  });
  expect(denied.status).toBe(403);
});
