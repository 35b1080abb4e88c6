import { Client } from './client';
import { startTarget, type Target } from './target';

// Sessions: Basic auth creates the HTTP session, the cookie carries it, /session describes it.

let target: Target;
const client = () => new Client(target.url);
const HD_MANHICA = 'HD Manhiça';

beforeAll(async () => {
  target = await startTarget();
});
afterAll(() => target?.close());

test('Basic on GET /session logs in; the JSESSIONID cookie alone keeps the session', async () => {
  const c = client();
  const login = await c.rest('session', { basic: target.admin });
  expect(login.status).toBe(200);
  expect(login.headers.get('set-cookie')).toMatch(/JSESSIONID=[^;]+;.*Path=\/openmrs/i);
  expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  expect(login.body).toMatchObject({ authenticated: true, user: { systemId: 'admin' } });
  expect(login.body).not.toHaveProperty('sessionId');

  const again = await c.rest('location?limit=1');
  expect(again.status).toBe(200);
});

test('the session shape: locale, allowed locales, user with privileges and roles', async () => {
  const c = await client().logIn(target.demo('Clinician'));
  const { body } = await c.rest('session');
  expect(Object.keys(body).sort()).toEqual(
    ['allowedLocales', 'authenticated', 'currentProvider', 'locale', 'sessionLocation', 'user'].sort(),
  );
  expect(body.allowedLocales).toEqual(['pt', 'en']);
  expect(body.locale).toBe('pt');
  expect(Object.keys(body.user).sort()).toEqual(
    ['display', 'links', 'person', 'privileges', 'roles', 'systemId', 'userProperties', 'username', 'uuid'].sort(),
  );
  expect(body.user.roles).toEqual([expect.objectContaining({ name: 'Clinician', display: 'Clinician' })]);
  expect(body.user.privileges.map((p: { name: string }) => p.name)).toContain('Add Encounters');
  expect(body.user.person).toEqual({ uuid: expect.any(String), display: 'Ana Mondlane' });
  expect(body.currentProvider).toMatchObject({ display: expect.stringContaining('Ana Mondlane') });
  expect(body.sessionLocation).toBeNull();
});

test('bad credentials are swallowed: the request goes on unauthenticated', async () => {
  const { status, body } = await client().rest('session', { basic: { username: 'admin', password: 'wrong' } });
  expect(status).toBe(200);
  expect(body).toMatchObject({ authenticated: false });
  expect(body).not.toHaveProperty('user');
});

test('a blank or colon-less Basic value is a 400', async () => {
  for (const basic of ['Basic ', `Basic ${Buffer.from('admin').toString('base64')}`]) {
    const { status, body } = await client().rest('session', { basic });
    expect(status).toBe(400);
    expect(body.error.message).toContain('Invalid credentials provided');
  }
});

test('a retired user cannot log in', async () => {
  const admin = await client().logIn(target.admin);
  const clerk = target.demo('Data Clerk');
  const found = await admin.rest(`user?username=${clerk.username}`);
  const uuid = found.body.results[0].uuid;
  expect((await admin.rest(`user/${uuid}`, { method: 'DELETE' })).status).toBe(204);
  try {
    const { body } = await client().rest('session', { basic: clerk });
    expect(body.authenticated).toBe(false);
  } finally {
    await admin.rest(`user/${uuid}`, { method: 'POST', body: { deleted: 'false' } });
  }
  expect((await client().rest('session', { basic: clerk })).body.authenticated).toBe(true);
});

test('logout answers 204; the old cookie then gets 401', async () => {
  const c = await client().logIn(target.admin);
  expect((await c.rest('session', { method: 'DELETE' })).status).toBe(204);
  const after = await c.rest('location');
  expect(after.status).toBe(401);
});

test('unauthenticated: 401 with WWW-Authenticate, unless Disable-WWW-Authenticate: true', async () => {
  const plain = await client().rest('location');
  expect(plain.status).toBe(401);
  expect(plain.body.error.message).toMatch(/^User is not logged in/);
  expect(plain.headers.get('www-authenticate')).toMatch(/^Basic realm="OpenMRS at /);

  const o3 = await client().rest('location', { headers: { 'Disable-WWW-Authenticate': 'true' } });
  expect(o3.status).toBe(401);
  expect(o3.headers.get('www-authenticate')).toBeNull();
});

test('logged in without the privilege: 403', async () => {
  // roles.csv gives the M&E officer no "Manage Visit Types"; nor has any other demo role but Administrator.
  const officer = await client().logIn(target.demo('M&E Officer'));
  const { status, body } = await officer.rest('visittype', { method: 'POST', body: { name: 'Nope' } });
  expect(status).toBe(403);
  expect(body.error.message).toMatch(/^User is logged in but doesn't have the relevant privilege/);
});

test('an inherited role brings its privileges: the Administrator inherits System Developer', async () => {
  const administrator = await client().logIn(target.demo('Administrator'));
  const { status } = await administrator.rest('systemsetting?q=locale');
  expect(status).toBe(200);
});

test('POST /session sets the location and the locale', async () => {
  const c = await client().logIn(target.demo('Clinician'));
  const [hd] = (await c.rest(`location?q=${encodeURIComponent(HD_MANHICA)}`)).body.results;
  const { status, body } = await c.rest('session', {
    method: 'POST',
    body: { sessionLocation: hd.uuid, locale: 'en' },
  });
  expect(status).toBe(200);
  expect(body.locale).toBe('en');
  expect(body.sessionLocation).toMatchObject({ uuid: hd.uuid, display: HD_MANHICA });
  expect((await c.rest('session')).body.sessionLocation.uuid).toBe(hd.uuid);
});

test('POST /session refuses an unknown location and a locale that is not allowed (APIException → 500)', async () => {
  const c = await client().logIn(target.demo('Clinician'));
  const unknown = '00000000-0000-0000-0000-000000000000';
  const location = await c.rest('session', { method: 'POST', body: { sessionLocation: unknown } });
  expect(location.status).toBe(500);
  expect(location.body.error.message).toContain(`'${unknown}' is not the UUID of any location`);
  expect(location.body.error.detail).toBe('');

  const locale = await c.rest('session', { method: 'POST', body: { locale: 'fr' } });
  expect(locale.status).toBe(500);
  expect(locale.body.error.message).toContain("'fr' is not in the list of allowed locales");
  expect((await c.rest('session')).body.locale).toBe('pt');
});

// UserContext starts in the user's defaultLocale when it is an allowed one, else in default_locale (the
// distro sets pt): OpenMRS's own admin has defaultLocale en from the core data, demo users have none.
test("a session's locale: the user's allowed defaultLocale, else the default_locale global property", async () => {
  expect((await (await client().logIn(target.demo('Clinician'))).rest('session')).body.locale).toBe('pt');
  const admin = await client().logIn(target.admin);
  const { user } = (await admin.rest('session')).body;
  expect(user.userProperties.defaultLocale).toBe('en');
  expect((await admin.rest('session')).body.locale).toBe('en');
  const localeOnNextLogin = async (defaultLocale: string) => {
    const properties = { ...user.userProperties, defaultLocale };
    const saved = await admin.rest(`user/${user.uuid}`, { method: 'POST', body: { userProperties: properties } });
    expect(saved.status).toBe(200);
    return (await (await client().logIn(target.admin)).rest('session')).body.locale;
  };
  try {
    expect(await localeOnNextLogin('pt')).toBe('pt');
    expect(await localeOnNextLogin('fr')).toBe('pt');
  } finally {
    expect(await localeOnNextLogin('en')).toBe('en');
  }
});

// The login app's "remember my location" replaces the user's userProperties with POST /user/<uuid>:
// UserService.saveUser needs Get Users and Edit Users, which the distro grants every role that logs in,
// and UserContext starts the next session at the defaultLocation saved.
test.each(['Clinician', 'Pharmacist', 'Data Clerk', 'M&E Officer', 'Administrator'])(
  'a %s saves their own defaultLocation and their next session starts there',
  async (role) => {
    const c = await client().logIn(target.demo(role));
    const [hd] = (await c.rest(`location?q=${encodeURIComponent(HD_MANHICA)}`)).body.results;
    const { user, sessionLocation } = (await c.rest('session')).body;
    const saved = await c.rest(`user/${user.uuid}`, {
      method: 'POST',
      body: { userProperties: { ...user.userProperties, defaultLocation: hd.uuid } },
    });
    try {
      expect(saved.status).toBe(200);
      expect(saved.body.userProperties.defaultLocation).toBe(hd.uuid);
      const next = (await (await client().logIn(target.demo(role))).rest('session')).body;
      expect(next.sessionLocation).toMatchObject({ uuid: hd.uuid, display: HD_MANHICA });
    } finally {
      const restored = await c.rest(`user/${user.uuid}`, {
        method: 'POST',
        body: { userProperties: user.userProperties },
      });
      expect(restored.status).toBe(200);
    }
    const after = (await (await client().logIn(target.demo(role))).rest('session')).body;
    expect(after.sessionLocation?.uuid).toBe(sessionLocation?.uuid);
  },
);

// UserServiceImpl.checkPrivileges (an APIException, so 500): Edit Users saves, retires and unretires
// only users whose every privilege the saver holds, and a System Developer only with Assign System
// Developer Role; a role without Edit Users cannot even save itself.
test('Edit Users saves no user with privileges the saver lacks, nor a System Developer', async () => {
  const admin = await client().logIn(target.admin);
  const userNamed = async (username: string) =>
    (await admin.rest(`user?username=${encodeURIComponent(username)}&v=full`)).body.results[0];
  const pharmacist = await userNamed(target.demo('Pharmacist').username);
  const administrator = (await admin.rest('session')).body.user;
  const clinician = await client().logIn(target.demo('Clinician'));

  const other = await clinician.rest(`user/${pharmacist.uuid}`, {
    method: 'POST',
    body: { userProperties: { defaultLocation: 'x' } },
  });
  expect(other.status).toBe(500);
  expect(other.body.error.message).toContain('App: poc.pharmacy');
  const retire = await clinician.rest(`user/${pharmacist.uuid}?reason=test`, { method: 'DELETE' });
  expect(retire.status).toBe(500);
  const after = await userNamed(target.demo('Pharmacist').username);
  expect(after).toMatchObject({ retired: false, userProperties: pharmacist.userProperties });

  const superuser = await clinician.rest(`user/${administrator.uuid}`, {
    method: 'POST',
    body: { userProperties: { defaultLocation: 'x' } },
  });
  expect(superuser.status).toBe(500);
  expect(superuser.body.error.message).toContain("You must have the role 'System Developer' in order to assign it.");

  const bridge = await client().logIn(target.demo('iDART Bridge'));
  const self = (await bridge.rest('session')).body.user;
  const own = await bridge.rest(`user/${self.uuid}`, { method: 'POST', body: { userProperties: {} } });
  expect(own.status).toBe(403);
});

const local = process.env.CONTRACT_BASE_URL ? test.skip : test;

local('an expired session cookie gets 401 "Session timed out"', async () => {
  const server = await target.withSessionTimeout!(300);
  const c = await new Client(server.url).logIn(target.admin);
  expect((await c.rest('location?limit=1')).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const expired = await c.rest('location?limit=1');
  expect(expired.status).toBe(401);
  expect(expired.body.error.message).toContain('Session timed out');
});

local('too many failed logins lock the account (security.allowedFailedLoginsBeforeLockout)', async () => {
  const pharmacist = target.demo('Pharmacist');
  for (let i = 0; i < 8; i++) {
    await client().rest('session', { basic: { username: pharmacist.username, password: 'wrong' } });
  }
  expect((await client().rest('session', { basic: pharmacist })).body.authenticated).toBe(false);
});
