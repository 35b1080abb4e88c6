import { Client } from './client';
import { contractSuite } from './target';

// FHIR Location (fhir2) as the O3 login location picker calls it.

const suite = contractSuite();

test('Location?_tag=Login Location: the 17 Manhiça facilities, paged by _count with a next link', async () => {
  const { status, body } = await suite.admin.fhir('Location?_summary=data&_count=10&_tag=Login%20Location');
  expect(status).toBe(200);
  expect(body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 17 });
  expect(body.entry).toHaveLength(10);
  const next = body.link.find((l: { relation: string }) => l.relation === 'next');
  expect(next.url).toContain('_getpagesoffset=10');

  const second = (await suite.admin.request(next.url.slice(suite.target.url.length))).body;
  expect(second.entry).toHaveLength(7);
  expect(second.link.map((l: { relation: string }) => l.relation)).not.toContain('next');

  const names = [...body.entry, ...second.entry].map((e: { resource: { name: string } }) => e.resource.name);
  expect(new Set(names).size).toBe(17);
  expect(names).toContain('HD Manhiça');
});

test('_getpagesoffset on the search itself, and name:contains', async () => {
  const { body } = await suite.admin.fhir('Location?_count=50&_tag=Login%20Location&_getpagesoffset=15');
  expect(body.entry).toHaveLength(2);
  const xinavane = (await suite.admin.fhir('Location?_tag=Login%20Location&name:contains=xinavane')).body;
  expect(xinavane.total).toBe(2);
});

test('Location?_id= and Location/<id>', async () => {
  const [first] = (await suite.admin.fhir('Location?_tag=Login%20Location&_count=1')).body.entry;
  const id = first.resource.id;
  expect(
    (await suite.admin.fhir(`Location?_id=${id}`)).body.entry.map((e: { resource: { id: string } }) => e.resource.id),
  ).toEqual([id]);
  const { body } = await suite.admin.fhir(`Location/${id}`);
  expect(body).toMatchObject({ resourceType: 'Location', id, status: 'active' });
  expect(body.meta.tag).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ system: 'http://fhir.openmrs.org/ext/location-tag', code: 'Login Location' }),
    ]),
  );
  expect(body.partOf).toMatchObject({ reference: expect.stringMatching(/^Location\//), display: 'Manhiça' });
  expect((await suite.admin.fhir('Location/00000000-0000-0000-0000-000000000000')).status).toBe(404);
});

test('unauthenticated FHIR is refused', async () => {
  expect((await new Client(suite.target.url).fhir('Location?_tag=Login%20Location')).status).toBe(401);
});
