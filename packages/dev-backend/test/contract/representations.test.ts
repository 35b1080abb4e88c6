import { Client } from './client';
import { startTarget, type Target } from './target';

// Representations as webservices.rest gives them, on location: ref, default, full and custom, links and resourceVersion.

let target: Target;
let admin: Client;
let hd: { uuid: string };

beforeAll(async () => {
  target = await startTarget();
  admin = await new Client(target.url).logIn(target.admin);
  [hd] = (await admin.rest('location?q=HD%20Manhi%C3%A7a')).body.results;
});
afterAll(() => target?.close());

test('lists default to ref: uuid, display, a self link', async () => {
  const [first] = (await admin.rest('location?limit=1')).body.results;
  expect(Object.keys(first).sort()).toEqual(['display', 'links', 'uuid']);
  expect(first.links).toEqual([
    { rel: 'self', uri: `${target.url}/ws/rest/v1/location/${first.uuid}`, resourceAlias: 'location' },
  ]);
});

test('a single object defaults to default: nested refs, self and full links, resourceVersion', async () => {
  const { body } = await admin.rest(`location/${hd.uuid}`);
  expect(body).toMatchObject({
    uuid: hd.uuid,
    display: 'HD Manhiça',
    name: 'HD Manhiça',
    retired: false,
    resourceVersion: '2.0',
    countyDistrict: 'Manhiça',
    parentLocation: { display: 'Manhiça', links: [expect.objectContaining({ rel: 'self' })] },
  });
  expect(body.tags.map((t: { display: string }) => t.display)).toEqual(
    expect.arrayContaining(['HD', 'Login Location', 'Visit Location']),
  );
  expect(Object.keys(body.tags[0]).sort()).toEqual(['display', 'links', 'uuid']);
  expect(body.attributes).toEqual([expect.objectContaining({ display: expect.stringContaining('1100407') })]);
  expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'full']);
  expect(body).not.toHaveProperty('auditInfo');
  for (const field of ['address7', 'address15']) expect(body).toHaveProperty(field);
});

test('full: nested defaults, auditInfo with the creator as a user ref', async () => {
  const { body } = await admin.rest(`location/${hd.uuid}?v=full`);
  expect(body.parentLocation).toMatchObject({ display: 'Manhiça', resourceVersion: '2.0', retired: false });
  expect(body.auditInfo).toMatchObject({
    creator: { uuid: '82f18b44-6814-11e8-923f-e9a88dcb533f', display: 'admin' },
    dateCreated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0200$/),
  });
  expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(['self']);
});

test('ref through ?v=ref on a single object', async () => {
  const { body } = await admin.rest(`location/${hd.uuid}?v=ref`);
  expect(Object.keys(body).sort()).toEqual(['display', 'links', 'uuid']);
});

test('custom: exactly the fields asked for, nested custom and named representations', async () => {
  const { body } = await admin.rest(
    `location/${hd.uuid}?v=custom:(uuid,name,parentLocation:(display,parentLocation:(name)),tags:ref,links)`,
  );
  expect(Object.keys(body).sort()).toEqual(['links', 'name', 'parentLocation', 'tags', 'uuid']);
  expect(body.parentLocation).toEqual({ display: 'Manhiça', parentLocation: { name: 'Maputo Província' } });
  expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'default']);
  expect(body).not.toHaveProperty('resourceVersion');
});

test('asking for the default that is already the default is refused, as RestUtil does', async () => {
  expect((await admin.rest('location?v=ref')).status).toBe(500);
  expect((await admin.rest(`location/${hd.uuid}?v=default`)).status).toBe(500);
});

test('an unknown property in a custom representation is a 400', async () => {
  expect((await admin.rest(`location/${hd.uuid}?v=custom:(uuid,nonsense)`)).status).toBe(400);
});

test('the O3 session and search reps of user', async () => {
  const session = (await admin.rest('session')).body;
  const { body } = await admin.rest(`user/${session.user.uuid}?v=custom:(userProperties)`);
  expect(Object.keys(body)).toEqual(['userProperties']);
  expect(body.userProperties).toMatchObject({ defaultLocale: 'en' });
});

test('patient identifier types with the fields registration asks for', async () => {
  const { body } = await admin.rest(
    'patientidentifiertype?v=custom:(display,uuid,name,format,formatDescription,required,uniquenessBehavior)',
  );
  const nid = body.results.find((t: { name: string }) => t.name === 'NID (SERVICO TARV)');
  expect(nid).toMatchObject({ required: expect.any(Boolean), uniquenessBehavior: expect.anything() });
  expect(Object.keys(nid).sort()).toEqual(
    ['display', 'format', 'formatDescription', 'name', 'required', 'uniquenessBehavior', 'uuid'].sort(),
  );
});

test('module list from distro.properties', async () => {
  const { body } = await admin.rest('module?v=custom:(uuid,version)');
  expect(body.results).toEqual(
    expect.arrayContaining([
      { uuid: 'webservices.rest', version: expect.any(String) },
      { uuid: 'fhir2', version: expect.any(String) },
    ]),
  );
});

test("systeminformation: core and module versions under core's keys, for View Administration Functions only", async () => {
  const { status, body } = await admin.rest('systeminformation');
  expect(status).toBe(200);
  expect(Object.keys(body)).toEqual(['systemInfo']);
  expect(Object.keys(body.systemInfo)).toEqual(
    expect.arrayContaining([
      'SystemInfo.title.openmrsInformation',
      'SystemInfo.title.javaRuntimeEnvironmentInformation',
      'SystemInfo.title.memoryInformation',
      'SystemInfo.title.dataBaseInformation',
      'SystemInfo.title.moduleInformation',
    ]),
  );
  expect(body.systemInfo['SystemInfo.title.openmrsInformation']).toMatchObject({
    'SystemInfo.OpenMRSInstallation.systemDate': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    'SystemInfo.OpenMRSInstallation.openmrsVersion': expect.stringMatching(/^2\.7\.\d+/),
  });
  const modules = body.systemInfo['SystemInfo.title.moduleInformation'];
  expect(Object.values(modules).some((v) => /^\d+\.\d+\.\d+ $/.test(String(v)))).toBe(true);

  // AdministrationService.getSystemInformation: @Authorized("View Administration Functions").
  expect((await new Client(target.url).rest('systeminformation')).status).toBe(401);
  const clerk = await new Client(target.url).logIn(target.demo('Data Clerk'));
  const refused = await clerk.rest('systeminformation');
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toContain('View Administration Functions');
  const administrator = await new Client(target.url).logIn(target.demo('Administrator'));
  expect((await administrator.rest('systeminformation')).status).toBe(200);
});

test('systemsetting by property name, and the metadata resources in their reps', async () => {
  const { body } = await admin.rest('systemsetting/locale.allowed.list');
  expect(body).toMatchObject({ property: 'locale.allowed.list', value: 'pt, en' });
  for (const resource of [
    'encountertype',
    'visittype',
    'personattributetype',
    'relationshiptype',
    'locationtag',
    'provider',
  ]) {
    const list = await admin.rest(`${resource}?v=default&limit=1`);
    expect(list.status).toBe(200);
    expect(list.body.results[0]).toHaveProperty('resourceVersion');
  }
});
