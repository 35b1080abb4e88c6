import { contractSuite } from './target';

// The error envelope (webservices.rest's SimpleObject error answer) and the statuses of the failures every resource shares.

const suite = contractSuite();

test('an unknown uuid is a 404 in the envelope', async () => {
  const { status, body } = await suite.admin.rest('location/00000000-0000-0000-0000-000000000000');
  expect(status).toBe(404);
  expect(body).toEqual({
    error: {
      message: expect.stringMatching(/^Object with given uuid doesn't exist/),
      code: expect.any(String),
      detail: '',
    },
  });
});

test('malformed JSON is a 400', async () => {
  const { status, body } = await suite.admin.rest('visittype', { method: 'POST', text: '{"name": "x",' });
  expect(status).toBe(400);
  expect(body.error.detail).toBe('');
});

test('an unknown resource is a 404; a method a resource lacks is a 405', async () => {
  expect((await suite.admin.rest('nosuchresource')).status).toBe(404);
  expect((await suite.admin.rest('location', { method: 'PUT', body: {} })).status).toBe(405);
});

test('repeated slashes in the path are merged, as Spring does', async () => {
  const basic = Buffer.from(`${suite.target.admin.username}:${suite.target.admin.password}`).toString('base64');
  const response = await fetch(`${suite.target.url}//ws/rest/v1//session`, {
    headers: { Authorization: `Basic ${basic}` },
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { authenticated: boolean }).authenticated).toBe(true);
});

test('a resource OpenMRS cannot change refuses writes as OpenMRS does', async () => {
  // CareSettingResource1_10.save throws ResourceDoesNotSupportOperationException (400); ModuleResource1_8
  // is not Creatable, and MainResourceController's cast fails (500).
  const careSetting = await suite.admin.rest('caresetting', { method: 'POST', body: { name: 'x' } });
  expect(careSetting.status).toBe(400);
  expect(careSetting.body.error.message).toMatch(/^The Resource Does not Support the Requested Operation/);
  expect((await suite.admin.rest('module', { method: 'POST', body: { name: 'x' } })).status).toBe(500);
});
