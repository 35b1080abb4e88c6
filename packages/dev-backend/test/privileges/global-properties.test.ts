import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { loadMetadata } from '@poc-emr/metadata';
import { createServer, readDemoUsers, seedDemoUsers, type RunningServer } from '../../src';
import { openDatabase, type Database } from '../../src/database';
import { Client } from '../contract/client';

// A global property's own view, edit and delete privileges (OpenMRS 2.7's global_property columns, as
// AdministrationServiceImpl enforces them): a secret such as mail.password is for those who hold its
// privilege only, in reads, lists, edits and purges alike.

const SECRET = 'poc.test view secrets';
let database: string;
let db: Database;
let server: RunningServer;
const clients = new Map<string, Client>();

beforeAll(async () => {
  database = await createTestDatabase('devgp');
  await loadMetadata(database);
  await seedDemoUsers(database);
  db = openDatabase(database, 1);
  for (const privilege of [SECRET, 'Manage Global Properties', 'Purge Global Properties']) {
    await db.execute("INSERT IGNORE INTO privilege (privilege, description, uuid) VALUES (?, '', UUID())", [privilege]);
  }
  await db.execute("UPDATE global_property SET view_privilege = ? WHERE property = 'mail.password'", [SECRET]);
  await db.execute("UPDATE global_property SET edit_privilege = ? WHERE property = 'mail.user'", [SECRET]);
  await db.execute("UPDATE global_property SET delete_privilege = ? WHERE property = 'mail.from'", [SECRET]);
  // The M&E officer may manage global properties here, but not these three.
  await db.execute(
    "INSERT INTO role_privilege (role, privilege) VALUES ('M&E Officer', 'Manage Global Properties'), ('M&E Officer', 'Purge Global Properties')",
  );
  server = await createServer({ database });
  for (const user of readDemoUsers()) {
    if (!clients.has(user.role)) clients.set(user.role, await new Client(server.url).logIn(user));
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  if (database) await dropDatabase(database);
});

test('the distro keeps scheduler.password for those who manage global properties', async () => {
  for (const [role, client] of clients) {
    const read = await client.rest('systemsetting/scheduler.password?v=full');
    // Here the M&E officer was given Manage Global Properties; nobody else but the administrator has it.
    const allowed = role === 'Administrator' || role === 'M&E Officer';
    expect([role, read.status === 200, JSON.stringify(read.body).includes('"value":"test"')]).toEqual([
      role,
      allowed,
      allowed,
    ]);
  }
});

test('mail.password is read, found and listed only by those with its view privilege', async () => {
  for (const [role, client] of clients) {
    const admin = role === 'Administrator';
    const read = await client.rest('systemsetting/mail.password?v=full');
    const searched = await client.rest('systemsetting?q=mail.&v=full');
    // Every page of the whole list.
    const listed: unknown[] = [];
    for (let start = 0; ; start += 100) {
      const page = await client.rest(`systemsetting?limit=100&startIndex=${start}`);
      listed.push(...(page.body.results as unknown[]));
      if (page.body.results.length < 100) break;
    }
    const properties = (searched.body.results as Array<{ property: string }>).map((p) => p.property);
    const shown = JSON.stringify(listed);
    if (admin) {
      expect([role, read.status, read.body.value]).toEqual([role, 200, 'test']);
      expect(properties).toContain('mail.password');
      expect(shown).toContain('Mail - Password = test');
    } else {
      expect([role, read.status]).toEqual([role, 500]);
      expect(read.body.error.message).toBe(`[Privilege: ${SECRET}, required to view globalProperty: mail.password]`);
      expect(JSON.stringify(read.body)).not.toContain('"test"');
      expect(properties).not.toContain('mail.password');
      expect(properties).toContain('mail.user');
      expect(shown).not.toContain('Mail - Password');
    }
  }
});

test("a property's edit and delete privileges are needed beyond Manage and Purge Global Properties", async () => {
  const officer = clients.get('M&E Officer')!;
  const edit = await officer.rest('systemsetting/mail.user', { method: 'POST', body: { value: 'changed' } });
  expect(edit.status).toBe(500);
  expect(edit.body.error.message).toBe(`[Privilege: ${SECRET}, required to edit globalProperty: mail.user]`);
  const purge = await officer.rest('systemsetting/mail.from?purge=true', { method: 'DELETE' });
  expect(purge.status).toBe(500);
  expect(purge.body.error.message).toBe(`[Privilege: ${SECRET}, required to purge globalProperty: mail.from]`);
  const rows = await db.rows(
    "SELECT property, property_value FROM global_property WHERE property IN ('mail.user', 'mail.from') ORDER BY property",
  );
  expect(rows.map((r) => r.property_value)).toEqual(['info@openmrs.org', 'test']);
  // SystemSettingResource1_9's DELETE purges too, with the same check.
  const deleted = await officer.rest('systemsetting/mail.from', { method: 'DELETE' });
  expect(deleted.body.error.message).toBe(`[Privilege: ${SECRET}, required to purge globalProperty: mail.from]`);
  expect((await officer.rest('systemsetting/mail.debug', { method: 'DELETE' })).status).toBe(204);
  expect(await db.rows("SELECT 1 FROM global_property WHERE property = 'mail.debug'")).toHaveLength(0);
  // Without a privilege of its own, a property is the officer's to change.
  const free = await officer.rest('systemsetting/mail.smtp_host', { method: 'POST', body: { value: 'smtp.example' } });
  expect(free.status).toBe(200);
  // The administrator (a superuser) holds every privilege.
  const admin = clients.get('Administrator')!;
  expect((await admin.rest('systemsetting/mail.user', { method: 'POST', body: { value: 'changed' } })).status).toBe(
    200,
  );
});
