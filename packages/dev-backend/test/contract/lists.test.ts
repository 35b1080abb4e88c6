import { contractSuite } from './target';

// Paging as webservices.rest does it: limit, startIndex, next/prev links only when such a page exists, totalCount on request.

const suite = contractSuite();
const LOGIN = 'location?tag=Login%20Location';

test('the Login Location tag names the 17 Manhiça facilities; no links when all fit', async () => {
  const { body } = await suite.admin.rest(`${LOGIN}&totalCount=true`);
  expect(body.results).toHaveLength(17);
  expect(body.totalCount).toBe(17);
  expect(body).not.toHaveProperty('links');
});

test('the tag may also be given by uuid, and combined with q', async () => {
  const tag = (await suite.admin.rest('locationtag?q=Login')).body.results[0];
  expect((await suite.admin.rest(`location?tag=${tag.uuid}`)).body.results).toHaveLength(17);
  const cs = (await suite.admin.rest(`${LOGIN}&q=CS`)).body.results;
  expect(cs.length).toBeGreaterThan(0);
  expect(cs.every((l: { display: string }) => l.display.startsWith('CS'))).toBe(true);
});

test('pages: next on the first, next and prev in the middle, prev on the last', async () => {
  const first = (await suite.admin.rest(`${LOGIN}&limit=5`)).body;
  expect(first.results).toHaveLength(5);
  expect(first.links.map((l: { rel: string }) => l.rel)).toEqual(['next']);
  expect(first).not.toHaveProperty('totalCount');
  expect(first.links[0].uri).toContain('startIndex=5');

  const middle = (await suite.admin.rest(`${LOGIN}&limit=5&startIndex=5`)).body;
  expect(middle.links.map((l: { rel: string }) => l.rel)).toEqual(['next', 'prev']);
  expect(middle.results[0].uuid).not.toBe(first.results[0].uuid);

  const last = (await suite.admin.rest(`${LOGIN}&limit=5&startIndex=15&totalCount=true`)).body;
  expect(last.results).toHaveLength(2);
  expect(last.links.map((l: { rel: string }) => l.rel)).toEqual(['prev']);
  expect(last.totalCount).toBe(17);
});

test('following next links visits every row once', async () => {
  const seen: string[] = [];
  let path: string | undefined = `/ws/rest/v1/${LOGIN}&limit=4`;
  while (path) {
    const { body } = await suite.admin.request(path);
    seen.push(...body.results.map((r: { uuid: string }) => r.uuid));
    const next = body.links?.find((l: { rel: string }) => l.rel === 'next');
    path = next ? next.uri.slice(suite.target.url.length) : undefined;
  }
  expect(new Set(seen).size).toBe(17);
});

test('limit above the absolute maximum, or not positive, is refused', async () => {
  const over = await suite.admin.rest('location?limit=101');
  expect(over.status).toBe(500);
  expect(over.body.error.message).toContain('Administrator has set absolute limit at 100');
  expect((await suite.admin.rest('location?limit=0')).status).toBe(500);
  expect((await suite.admin.rest('location?limit=100')).status).toBe(200);
});

test('getAll of metadata pages at 50 by default', async () => {
  const { body } = await suite.admin.rest('location');
  expect(body.results).toHaveLength(50);
  expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(['next']);
});

test('a data resource without a search parameter does not support the operation', async () => {
  const { status, body } = await suite.admin.rest('person');
  expect(status).toBe(400);
  expect(body.error.message).toContain('Does not Support the Requested Operation');
});

test('SQL metacharacters in q match literally and harm nothing', async () => {
  for (const q of ["' OR 1=1 --", '%', '_', '\\', '"; DROP TABLE location; --']) {
    const { status, body } = await suite.admin.rest(`location?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(body.results).toEqual([]);
  }
  expect((await suite.admin.rest(LOGIN)).body.results).toHaveLength(17);
});

test('user and provider searches', async () => {
  const clinician = suite.target.demo('Clinician');
  const byUsername = (await suite.admin.rest(`user?username=${clinician.username}&v=default`)).body.results;
  expect(byUsername).toHaveLength(1);
  expect(byUsername[0]).toMatchObject({
    username: clinician.username,
    roles: [expect.objectContaining({ display: 'Clinician' })],
  });
  expect((await suite.admin.rest('user?q=Mondlane')).body.results).toHaveLength(1);
  const providers = (await suite.admin.rest(`provider?user=${byUsername[0].uuid}`)).body.results;
  expect(providers).toHaveLength(1);
  expect((await suite.admin.rest('provider?q=Mondlane')).body.results).toHaveLength(1);
});
