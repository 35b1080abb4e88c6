import { contractSuite } from './target';

// Writes on visittype: create, update, retire, unretire, purge; refusals leave nothing behind.

const suite = contractSuite();
const unique = (name: string) => `${name} ${Date.now()}${Math.floor(Math.random() * 1000)}`;

async function visitTypesNamed(name: string) {
  return (await suite.admin.rest(`visittype?q=${encodeURIComponent(name)}&includeAll=true`)).body.results;
}

test('create: 201, Location header, default representation, audit by the session user', async () => {
  const name = unique('Consulta');
  const created = await suite.admin.rest('visittype', { method: 'POST', body: { name, description: 'Demo' } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name, description: 'Demo', retired: false, resourceVersion: '1.9' });
  expect(created.headers.get('location')).toBe(`${suite.target.url}/ws/rest/v1/visittype/${created.body.uuid}`);
  const full = (await suite.admin.rest(`visittype/${created.body.uuid}?v=full`)).body;
  expect(full.auditInfo.creator.display).toBe('admin');
});

test('a client-chosen uuid is kept', async () => {
  const uuid = 'e0d0a8d6-3b29-4a5e-9c1a-8a7f7f7f7f01';
  const created = await suite.admin.rest('visittype', { method: 'POST', body: { uuid, name: unique('Fixed') } });
  expect(created.body.uuid).toBe(uuid);
});

test('update by POST to the uuid; posting back unchanged read-only values is allowed', async () => {
  const { body: created } = await suite.admin.rest('visittype', { method: 'POST', body: { name: unique('Old') } });
  const updated = await suite.admin.rest(`visittype/${created.uuid}`, {
    method: 'POST',
    body: { description: 'Changed', display: created.display, links: created.links },
  });
  expect(updated.status).toBe(200);
  expect(updated.body.description).toBe('Changed');
  const full = (await suite.admin.rest(`visittype/${created.uuid}?v=full`)).body;
  expect(full.auditInfo.changedBy.display).toBe('admin');
});

test('retire with a reason, idempotently; unretire with {"deleted": "false"}; purge', async () => {
  const { body: created } = await suite.admin.rest('visittype', { method: 'POST', body: { name: unique('Gone') } });
  const path = `visittype/${created.uuid}`;
  expect((await suite.admin.rest(`${path}?reason=obsolete`, { method: 'DELETE' })).status).toBe(204);
  expect((await suite.admin.rest(`${path}?reason=again`, { method: 'DELETE' })).status).toBe(204);
  const retired = (await suite.admin.rest(`${path}?v=full`)).body;
  expect(retired).toMatchObject({ retired: true, auditInfo: { retireReason: 'obsolete' } });
  expect((await suite.admin.rest(`${path}?v=ref`)).body.retired).toBe(true);

  const all = (await suite.admin.rest('visittype')).body.results.map((r: { uuid: string }) => r.uuid);
  expect(all).not.toContain(created.uuid);
  const withRetired = (await suite.admin.rest('visittype?includeAll=true')).body.results.map(
    (r: { uuid: string }) => r.uuid,
  );
  expect(withRetired).toContain(created.uuid);

  const restored = await suite.admin.rest(path, { method: 'POST', body: { deleted: 'false' } });
  expect(restored.body.retired).toBe(false);

  expect((await suite.admin.rest(`${path}?purge=true`, { method: 'DELETE' })).status).toBe(204);
  expect((await suite.admin.rest(path)).status).toBe(404);
  expect((await suite.admin.rest(`${path}?purge=true`, { method: 'DELETE' })).status).toBe(204);
});

test('DELETE without a reason retires with "web service call"', async () => {
  const { body: created } = await suite.admin.rest('visittype', {
    method: 'POST',
    body: { name: unique('Reasonless') },
  });
  await suite.admin.rest(`visittype/${created.uuid}`, { method: 'DELETE' });
  expect((await suite.admin.rest(`visittype/${created.uuid}?v=full`)).body.auditInfo.retireReason).toBe(
    'web service call',
  );
});

test('unknown and read-only properties, missing required ones: 400, nothing written', async () => {
  const name = unique('Refused');
  const unknown = await suite.admin.rest('visittype', { method: 'POST', body: { name, colour: 'blue' } });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.message).toContain('colour');
  const readOnly = await suite.admin.rest('visittype', { method: 'POST', body: { name, display: 'x' } });
  expect(readOnly.status).toBe(400);
  const missing = await suite.admin.rest('visittype', { method: 'POST', body: { description: 'no name' } });
  expect(missing.status).toBe(400);
  expect(missing.body.error.message).toContain('Some required properties are missing: name');
  expect(await visitTypesNamed(name)).toEqual([]);
});

test('validation errors: 400 with fieldErrors, nothing written', async () => {
  const blank = await suite.admin.rest('visittype', { method: 'POST', body: { name: '   ' } });
  expect(blank.status).toBe(400);
  expect(blank.body.error).toMatchObject({
    message: 'Invalid Submission',
    code: 'webservices.rest.error.invalid.submission',
    globalErrors: [],
    fieldErrors: { name: [expect.objectContaining({ code: expect.any(String) })] },
  });
  const long = await suite.admin.rest('visittype', { method: 'POST', body: { name: unique('x'.repeat(300)) } });
  expect(long.status).toBe(400);
  expect(long.body.error.fieldErrors).toHaveProperty('name');
});

test('a write that fails part-way changes nothing: location with a good field and an unknown tag', async () => {
  const name = unique('Posto');
  const failed = await suite.admin.rest('location', {
    method: 'POST',
    body: { name, tags: ['Login Location', 'No Such Tag'] },
  });
  expect(failed.status).toBe(400);
  expect((await suite.admin.rest(`location?q=${encodeURIComponent(name)}`)).body.results).toEqual([]);

  const created = await suite.admin.rest('location', { method: 'POST', body: { name, tags: ['Login Location'] } });
  expect(created.status).toBe(201);
  expect(created.body.tags.map((t: { display: string }) => t.display)).toEqual(['Login Location']);
  const update = await suite.admin.rest(`location/${created.body.uuid}`, {
    method: 'POST',
    body: { description: 'should not stay', parentLocation: '00000000-0000-0000-0000-000000000000' },
  });
  expect(update.status).toBe(400);
  expect((await suite.admin.rest(`location/${created.body.uuid}`)).body.description).toBeNull();
});

test('user properties: O3 stores language and recently viewed patients', async () => {
  const session = (await suite.admin.rest('session')).body;
  const properties = { ...session.user.userProperties, defaultLocale: 'pt', patientsVisited: 'a,b' };
  const saved = await suite.admin.rest(`user/${session.user.uuid}`, {
    method: 'POST',
    body: { userProperties: properties },
  });
  expect(saved.status).toBe(200);
  const { body } = await suite.admin.rest(`user/${session.user.uuid}?v=custom:(userProperties)`);
  expect(body.userProperties).toMatchObject({ defaultLocale: 'pt', patientsVisited: 'a,b' });
});

test('sub-resources: location/<uuid>/attribute', async () => {
  const [hd] = (await suite.admin.rest('location?q=HD%20Manhi%C3%A7a')).body.results;
  const { body } = await suite.admin.rest(`location/${hd.uuid}/attribute`);
  expect(body.results).toEqual([expect.objectContaining({ display: expect.stringContaining('1100407') })]);
  expect(body.results[0].links[0].uri).toBe(
    `${suite.target.url}/ws/rest/v1/location/${hd.uuid}/attribute/${body.results[0].uuid}`,
  );
  const one = await suite.admin.rest(`location/${hd.uuid}/attribute/${body.results[0].uuid}`);
  expect(one.body).toMatchObject({ value: '1100407', voided: false });
});
