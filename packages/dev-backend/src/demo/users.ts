import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashPassword, newSalt } from '../auth/passwords';
import { openDatabase, type Sql } from '../database';
import { now } from '../dates';

// Demo accounts, one per role of distro/configuration/roles: development and demo data, not
// production metadata. They are ordinary rows of `users`; nothing else grants access.

export const DEMO_USERS_FILE = path.resolve(__dirname, '..', '..', 'demo', 'users.csv');

export interface DemoUser {
  username: string;
  password: string;
  givenName: string;
  familyName: string;
  gender: string;
  role: string;
  provider: boolean;
}

export function readDemoUsers(file = DEMO_USERS_FILE): DemoUser[] {
  const [, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  return lines.map((line) => {
    const [username, password, givenName, familyName, gender, role, provider] = line.split(',').map((c) => c.trim());
    return { username, password, givenName, familyName, gender, role, provider: provider === 'true' };
  });
}

/**
 * Creates the users that are missing (by username), in one transaction; returns the usernames created.
 * Those without a defaultLocation (new ones, or made before there was one) start at the server's own
 * facility (see serverFacility); a location a user chose stays.
 */
export async function seedDemoUsers(database: string, users = readDemoUsers()): Promise<string[]> {
  const db = openDatabase(database, 1);
  try {
    return await db.transaction(async (sql) => {
      const created: string[] = [];
      const facility = await serverFacility(sql);
      for (const user of users) {
        const [existing] = await sql.rows('SELECT user_id FROM users WHERE username = ?', [user.username]);
        if (existing) continue;
        await createUser(sql, user);
        created.push(user.username);
      }
      if (facility && users.length > 0) {
        await sql.execute(
          `INSERT INTO user_property (user_id, property, property_value)
           SELECT u.user_id, 'defaultLocation', ? FROM users u
            WHERE u.username IN (?) AND NOT EXISTS
                  (SELECT 1 FROM user_property p WHERE p.user_id = u.user_id AND p.property = 'defaultLocation')`,
          [facility, users.map((u) => u.username)],
        );
      }
      return created;
    });
  } finally {
    await db.close();
  }
}

/**
 * The uuid of the server's own facility: the location core's default_location global property names
 * (LocationService.getDefaultLocation), if users may log in there. As the user's defaultLocation it is
 * where their sessions start (UserContext) and what the login app preselects and confirms; "remember my
 * location" replaces it with the user's last choice.
 */
async function serverFacility(sql: Sql): Promise<string | undefined> {
  const [location] = await sql.rows<{ uuid: string }>(
    `SELECT l.uuid FROM global_property g
       JOIN location l ON l.name = g.property_value AND l.retired = 0
       JOIN location_tag_map m ON m.location_id = l.location_id
       JOIN location_tag t ON t.location_tag_id = m.location_tag_id AND t.name = 'Login Location' AND t.retired = 0
      WHERE g.property = 'default_location'
      ORDER BY l.location_id LIMIT 1`,
  );
  return location?.uuid;
}

async function createUser(sql: Sql, user: DemoUser): Promise<void> {
  const audit = { creator: 1, date_created: now() };
  const { insertId: personId } = await sql.execute('INSERT INTO person SET ?', [
    { gender: user.gender, ...audit, uuid: crypto.randomUUID() },
  ]);
  await sql.execute('INSERT INTO person_name SET ?', [
    {
      person_id: personId,
      preferred: 1,
      given_name: user.givenName,
      family_name: user.familyName,
      ...audit,
      uuid: crypto.randomUUID(),
    },
  ]);
  const salt = newSalt();
  const { insertId: userId } = await sql.execute('INSERT INTO users SET ?', [
    {
      system_id: user.username,
      username: user.username,
      password: hashPassword(user.password, salt),
      salt,
      person_id: personId,
      ...audit,
      uuid: crypto.randomUUID(),
    },
  ]);
  // OpenMRS gives new users a system id with a Luhn check digit; the username is what people type.
  await sql.execute('UPDATE users SET system_id = ? WHERE user_id = ?', [systemId(userId), userId]);
  await sql.execute('INSERT INTO user_role (user_id, role) VALUES (?, ?)', [userId, user.role]);
  if (user.provider) {
    await sql.execute('INSERT INTO provider SET ?', [
      { person_id: personId, identifier: `DEMO-${userId}`, ...audit, uuid: crypto.randomUUID() },
    ]);
  }
}

/** "<id>-<Luhn check digit>", as UserServiceImpl.generateSystemId writes it. */
function systemId(userId: number): string {
  const digits = String(userId).split('').map(Number).reverse();
  const sum = digits.reduce((total, d, i) => {
    const doubled = i % 2 === 0 ? d * 2 : d;
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return `${userId}-${(10 - (sum % 10)) % 10}`;
}
