import { likePrefix, type Row } from '../../database';
import { hasPrivilege, loadPrincipal } from '../../auth/principal';
import { userProperties } from '../../auth/login';
import { apiException, conversionFailed } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, Listing, Resource } from '../resource';

// UserResource (2.2): O3 reads the session user through it and stores the user's language and
// recently viewed patients in userProperties with POST /user/<uuid>, which replaces the map.

async function rolesOf(row: Row, ctx: RequestContext, inherited: boolean): Promise<Row[]> {
  const names = inherited
    ? [...(await loadPrincipal(ctx.sql, Number(row.user_id))).roles]
    : (await ctx.sql.rows<{ role: string }>('SELECT role FROM user_role WHERE user_id = ?', [row.user_id])).map(
        (r) => r.role,
      );
  return names.length === 0 ? [] : ctx.sql.rows('SELECT * FROM role WHERE role IN (?) ORDER BY role', [names]);
}

function setUserProperties(value: unknown, change: Change): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw conversionFailed('userProperties must be an object of strings');
  }
  const entries = Object.entries(value).map(([k, v]) => [k, v === null ? '' : String(v)]);
  change.afterSave.push(async (userId, sql) => {
    await sql.execute('DELETE FROM user_property WHERE user_id = ?', [userId]);
    if (entries.length > 0) {
      await sql.execute('INSERT INTO user_property (user_id, property, property_value) VALUES ?', [
        entries.map(([k, v]) => [userId, k, v]),
      ]);
    }
  });
}

/**
 * UserServiceImpl.checkPrivileges, run by every saveUser (and so by retire and unretire): whoever saves
 * a user must hold every privilege of that user's roles, and Assign System Developer Role for a System
 * Developer. Edit Users alone lets a user save themselves and users with no more than they have.
 */
async function checkPrivileges(existing: Row, ctx: RequestContext): Promise<void> {
  const edited = await loadPrincipal(ctx.sql, Number(existing.user_id));
  if (edited.superuser && !hasPrivilege(ctx.principal, 'Assign System Developer Role')) {
    throw apiException("You must have the role 'System Developer' in order to assign it.");
  }
  const missing = [...edited.privileges].filter((p) => !hasPrivilege(ctx.principal, p)).sort();
  if (missing.length === 1) throw apiException(`You must have privilege '${missing[0]}' in order to assign it.`);
  if (missing.length > 1) {
    throw apiException(`You must have the following privileges in order to assign them: ${missing.join(', ')}`);
  }
}

function userSearch(ctx: RequestContext): Listing {
  const retired = ctx.includeAll ? '' : 't.retired = 0 AND ';
  const username = ctx.param('username');
  if (username !== undefined) return { where: `${retired}t.username = ?`, params: [username] };
  const q = ctx.param('q');
  if (q === undefined) return { rows: [] };
  const like = likePrefix(q);
  return {
    joins: 'LEFT JOIN person_name n ON n.person_id = t.person_id AND n.voided = 0',
    where: `${retired}(t.username LIKE ? OR t.system_id LIKE ? OR n.given_name LIKE ? OR n.middle_name LIKE ? OR n.family_name LIKE ?)`,
    params: [like, like, like, like, like],
    orderBy: 't.user_id',
  };
}

export const user: Resource = {
  name: 'user',
  version: '1.8',
  kind: 'metadata',
  table: { name: 'users', key: 'user_id' },
  properties: {
    username: { column: 'username' },
    systemId: { column: 'system_id' },
    email: { column: 'email' },
    person: { column: 'person_id', resource: 'person' },
    userProperties: { get: (row, ctx) => userProperties(ctx.sql, Number(row.user_id)), set: setUserProperties },
    privileges: {
      resource: 'privilege',
      get: async (row, ctx) => {
        const { privileges } = await loadPrincipal(ctx.sql, Number(row.user_id));
        return privileges.size === 0
          ? []
          : ctx.sql.rows('SELECT * FROM privilege WHERE privilege IN (?) ORDER BY privilege', [[...privileges]]);
      },
    },
    roles: { resource: 'role', get: (row, ctx) => rolesOf(row, ctx, false) },
    allRoles: { resource: 'role', get: (row, ctx) => rolesOf(row, ctx, true) },
    proficientLocales: {
      get: async (row, ctx) =>
        ((await userProperties(ctx.sql, Number(row.user_id))).proficientLocales ?? '')
          .split(',')
          .map((l) => l.trim())
          .filter((l) => l !== ''),
    },
  },
  representations: {
    default: 'uuid,display,username,systemId,userProperties,person:ref,privileges:ref,roles:ref,retired,email',
    full: 'uuid,display,username,systemId,userProperties,person,privileges,roles,allRoles,proficientLocales,retired,auditInfo,email',
  },
  display: (row) => (row.username ? row.username : row.system_id),
  // UserServiceImpl.createUser needs Add Users; saving, retiring and unretiring a user, Edit Users.
  privileges: {
    get: 'Get Users',
    create: 'Add Users',
    update: 'Edit Users',
    delete: 'Edit Users',
    undelete: 'Edit Users',
    purge: 'Purge Users',
  },
  list: (ctx) => ({ where: ctx.includeAll ? undefined : 't.retired = 0' }),
  search: userSearch,
  updatable: ['username', 'systemId', 'email', 'userProperties'],
  beforeSave: checkPrivileges,
};
