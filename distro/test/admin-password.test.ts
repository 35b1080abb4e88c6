import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { connect, createDatabase, DATABASE_MARK, dropDatabase, readCredentials } from '@poc-emr/db';
import { DISTRO } from './lib';

// distro/backend/check-admin-password.sh (the admin-password-check service the backend waits for)
// against the users table of a real OpenMRS 2.7 database on the private MariaDB: the schema's seeded
// admin/Admin123 must be refused, a changed password let through.

const SCRIPT = path.join(DISTRO, 'backend', 'check-admin-password.sh');
const STRONG = 'Clinica-Manhica-2026';
const hex = (algorithm: string, text: string) => crypto.createHash(algorithm).update(text, 'utf8').digest('hex');
const legacyHex = (text: string) =>
  [...crypto.createHash('sha1').update(text, 'utf8').digest()].map((b) => b.toString(16)).join('');

const database = `t_admin_${crypto.randomBytes(4).toString('hex')}`;
const empty = `t_admin_empty_${crypto.randomBytes(4).toString('hex')}`;
let conn: Awaited<ReturnType<typeof connect>>;

function check(args: string[] = [], env: Record<string, string> = {}, name = database) {
  const c = readCredentials();
  return spawnSync('bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      OMRS_DB_HOST: c.host ?? '127.0.0.1',
      OMRS_DB_PORT: String(c.port),
      OMRS_DB_NAME: name,
      OMRS_DB_USER: c.user,
      OMRS_DB_PASSWORD: c.password ?? '',
      OMRS_ADMIN_PASSWORD: STRONG,
      ...env,
    },
  });
}

const admin = async () =>
  (
    (await conn.query('SELECT password, salt FROM users WHERE system_id = ?', ['admin']))[0] as {
      password: string;
      salt: string;
    }[]
  )[0];
const setAdmin = (password: string, salt: string) =>
  conn.query('UPDATE users SET password = ?, salt = ? WHERE system_id = ?', [password, salt, 'admin']);

beforeAll(async () => {
  await createDatabase(database, 'admin password check test');
  conn = await connect({ database });
  await conn.query(`CREATE DATABASE \`${empty}\` COMMENT '${DATABASE_MARK}: empty database test'`);
});
afterAll(async () => {
  await conn?.end();
  await dropDatabase(database);
  await dropDatabase(empty);
});

describe('the first-start check of the admin password', () => {
  it('refuses the seeded admin/Admin123 and says how to set one', async () => {
    const { password, salt } = await admin();
    expect(password).toBe(hex('sha512', `Admin123${salt}`));
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/user admin \(user_id 1\) has a known default password/);
    expect(r.stderr).toContain('docker compose run --rm admin-password-check set');
  });

  it('recognises the SHA-1 hashes of OpenMRS 1.x, in both hex forms', async () => {
    // a salt whose SHA-1 of "test" + salt has a byte below 0x10, so that the two hex forms differ
    let salt = '';
    for (let i = 0; legacyHex(`test${salt}`) === hex('sha1', `test${salt}`); i++) salt = `s${i}`;
    await setAdmin(hex('sha1', `test${salt}`), salt);
    expect(check().status).toBe(1);
    await setAdmin(legacyHex(`test${salt}`), salt);
    expect(check().stderr).toMatch(/known default password/);
    await setAdmin(hex('sha512', 'password'), '');
    expect(check().status).toBe(1);
  });

  it('set: refuses a short or default OMRS_ADMIN_PASSWORD, else stores it as OpenMRS 2.x does', async () => {
    for (const bad of ['short', 'ADMIN123', 'Password123']) {
      const r = check(['set'], { OMRS_ADMIN_PASSWORD: bad });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/at least 8 characters|known default/);
    }
    expect(check().status).toBe(1);
    const set = check(['set']);
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    const { password, salt } = await admin();
    expect(salt).toMatch(/^[0-9a-f]{128}$/);
    expect(password).toBe(hex('sha512', `${STRONG}${salt}`));
    const r = check();
    expect(r.status).toBe(0);
    // Once the password is safe the check also keeps the secret global properties for administrators.
    const [secrets] = await conn.query(
      `SELECT property, view_privilege AS v, edit_privilege AS e, delete_privilege AS d FROM global_property
        WHERE property IN ('mail.password', 'scheduler.password') ORDER BY property`,
    );
    const manage = 'Manage Global Properties';
    expect(secrets).toEqual([
      { property: 'mail.password', v: manage, e: manage, d: manage },
      { property: 'scheduler.password', v: manage, e: manage, d: manage },
    ]);
    expect(r.stdout).toContain('not a known default');
  });

  it('passes a database OpenMRS has yet to create, unless OMRS_ADMIN_PASSWORD is a default', () => {
    expect(check([], {}, empty).status).toBe(0);
    expect(check([], { OMRS_ADMIN_PASSWORD: 'Admin123' }, empty).stderr).toMatch(
      /OMRS_ADMIN_PASSWORD is a known default/,
    );
  });

  it('fails, never passes, on bad arguments, settings or a database it cannot read', () => {
    const refused = [
      check(['frobnicate']),
      check(['check', 'extra']),
      check([], { OMRS_DB_HOST: '' }),
      check([], {}, 'x; DROP TABLE users'),
      check([], { OMRS_DB_PASSWORD: 'wrong-password' }),
      check([], {}, 'no_such_database'),
    ];
    expect(refused.map((r) => r.status)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(refused.map((r) => r.stdout)).toEqual(['', '', '', '', '', '']);
    expect(refused[0].stderr).toMatch(/usage/);
    expect(refused[2].stderr).toMatch(/OMRS_DB_HOST is not set/);
    expect(refused[3].stderr).toMatch(/is not a database name/);
  });
});
