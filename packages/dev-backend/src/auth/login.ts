import type { Sql } from '../database';
import { integerProperty } from '../settings';
import { passwordMatches } from './passwords';

// Context.authenticate as HibernateContextDAO does it: by username or system id (also "12-3" for
// "123"), never a retired user, with the loginAttempts / lockoutTimestamp user properties.

const LOGIN_ATTEMPTS = 'loginAttempts';
const LOCKOUT_TIMESTAMP = 'lockoutTimestamp';

type Candidate = {
  user_id: number;
  password: string | null;
  salt: string | null;
};

/** The user id when the credentials are right, otherwise undefined. */
export async function authenticate(sql: Sql, login: string, password: string): Promise<number | undefined> {
  if (login.trim() === '') return undefined;
  const withDash = /^\d{2,}$/.test(login) ? `${login.slice(0, -1)}-${login.slice(-1)}` : login;
  const candidates = await sql.rows<Candidate>(
    'SELECT user_id, password, salt FROM users WHERE (username = ? OR system_id = ? OR system_id = ?) AND retired = 0',
    [login, login, withDash],
  );
  if (candidates.length !== 1) return undefined;
  const user = candidates[0];
  const properties = await userProperties(sql, user.user_id);

  const lockedAt = Number(properties[LOCKOUT_TIMESTAMP] || 0);
  if (lockedAt > 0) {
    const waitMs = (await integerProperty(sql, 'security.unlockAccountWaitingTime', 5)) * 60_000;
    if (Date.now() - lockedAt <= waitMs) {
      await setUserProperty(sql, user.user_id, LOCKOUT_TIMESTAMP, String(Date.now()));
      return undefined;
    }
    await setUserProperty(sql, user.user_id, LOCKOUT_TIMESTAMP, null);
    await setUserProperty(sql, user.user_id, LOGIN_ATTEMPTS, '0');
    properties[LOGIN_ATTEMPTS] = '0';
  }

  if (user.password !== null && passwordMatches(user.password, password, user.salt ?? '')) {
    if (Number(properties[LOGIN_ATTEMPTS] || 0) > 0) await setUserProperty(sql, user.user_id, LOGIN_ATTEMPTS, '0');
    await setUserProperty(sql, user.user_id, 'lastLoginTimestamp', String(Date.now()));
    return user.user_id;
  }

  const attempts = Number(properties[LOGIN_ATTEMPTS] || 0) + 1;
  const allowed = await integerProperty(sql, 'security.allowedFailedLoginsBeforeLockout', 7);
  if (attempts > allowed) await setUserProperty(sql, user.user_id, LOCKOUT_TIMESTAMP, String(Date.now()));
  else await setUserProperty(sql, user.user_id, LOGIN_ATTEMPTS, String(attempts));
  return undefined;
}

export async function userProperties(sql: Sql, userId: number): Promise<Record<string, string>> {
  const rows = await sql.rows<{ property: string; property_value: string | null }>(
    'SELECT property, property_value FROM user_property WHERE user_id = ?',
    [userId],
  );
  return Object.fromEntries(rows.map((r) => [r.property, r.property_value ?? '']));
}

/** Sets, or with `null` removes, one user property. */
export async function setUserProperty(sql: Sql, userId: number, property: string, value: string | null): Promise<void> {
  if (value === null) {
    await sql.execute('DELETE FROM user_property WHERE user_id = ? AND property = ?', [userId, property]);
    return;
  }
  await sql.execute(
    'INSERT INTO user_property (user_id, property, property_value) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE property_value = VALUES(property_value)',
    [userId, property, value],
  );
}
