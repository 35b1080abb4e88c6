import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { loadMetadata } from '@poc-emr/metadata';
import { openDatabase, type Database } from '../src/database';
import { readDemoUsers, seedDemoUsers } from '../src';

// The demo users start at the server's facility: the location core's default_location global property
// names, when it is a Login Location, becomes the defaultLocation of each demo user who has none.

const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
const CS_MARAGRA = 'eb4131e7-5c6d-56d2-b72b-a0601d306f07';

let database: string;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase('demo');
  await loadMetadata(database);
  db = openDatabase(database, 1);
});

afterAll(async () => {
  await db?.close();
  if (database) await dropDatabase(database);
});

async function defaultLocations(): Promise<Record<string, string | undefined>> {
  const rows = await db.rows<{ username: string; value: string | null }>(
    `SELECT u.username, p.property_value AS value FROM users u
       LEFT JOIN user_property p ON p.user_id = u.user_id AND p.property = 'defaultLocation'
      WHERE u.username IN (?)`,
    [readDemoUsers().map((u) => u.username)],
  );
  return Object.fromEntries(rows.map((r) => [r.username, r.value ?? undefined]));
}

const setServerFacility = (name: string) =>
  db.execute("UPDATE global_property SET property_value = ? WHERE property = 'default_location'", [name]);

test("core's Unknown Location, not a Login Location, gives the demo users no defaultLocation", async () => {
  expect(await seedDemoUsers(database)).toHaveLength(readDemoUsers().length);
  expect(Object.values(await defaultLocations()).every((v) => v === undefined)).toBe(true);
});

test("the server's facility goes to the demo users without one; a location a user chose stays", async () => {
  await setServerFacility('HD Manhiça');
  expect(await seedDemoUsers(database)).toEqual([]);
  const first = await defaultLocations();
  expect(Object.values(first)).toEqual(readDemoUsers().map(() => HD_MANHICA));

  await db.execute(
    `UPDATE user_property SET property_value = ? WHERE property = 'defaultLocation'
        AND user_id = (SELECT user_id FROM users WHERE username = 'digitador')`,
    [CS_MARAGRA],
  );
  await db.execute(
    `DELETE FROM user_property WHERE property = 'defaultLocation'
        AND user_id = (SELECT user_id FROM users WHERE username = 'clinico')`,
  );
  await seedDemoUsers(database);
  expect(await defaultLocations()).toEqual({ ...first, digitador: CS_MARAGRA, clinico: HD_MANHICA });
});
