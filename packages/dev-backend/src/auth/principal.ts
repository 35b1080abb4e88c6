import type { Sql } from '../database';

// Who is asking and what they may do: UserContext.hasPrivilege = superuser, or a privilege of one
// of the user's roles or the roles they inherit (role_role: child_role inherits parent_role), or of
// the "Authenticated" role (everyone logged in) or the "Anonymous" role (everyone).

export const SUPERUSER_ROLE = 'System Developer';

export interface Principal {
  userId?: number;
  /** Direct and inherited roles, without Authenticated/Anonymous. */
  roles: Set<string>;
  /** Privileges of `roles` (what User.getPrivileges returns). */
  privileges: Set<string>;
  /** What is checked: the above plus Authenticated's and Anonymous's privileges. */
  granted: Set<string>;
  superuser: boolean;
}

export async function loadPrincipal(sql: Sql, userId: number | undefined): Promise<Principal> {
  const direct =
    userId === undefined
      ? []
      : (await sql.rows<{ role: string }>('SELECT role FROM user_role WHERE user_id = ?', [userId])).map((r) => r.role);
  const roles = await withInheritedRoles(sql, direct);
  const implicit = userId === undefined ? ['Anonymous'] : ['Anonymous', 'Authenticated'];
  const rolePrivileges = await privilegesOf(sql, [...roles, ...implicit]);
  const privileges = new Set([...roles].flatMap((r) => rolePrivileges.get(r) ?? []));
  const granted = new Set([...privileges, ...implicit.flatMap((r) => rolePrivileges.get(r) ?? [])]);
  return { userId, roles, privileges, granted, superuser: roles.has(SUPERUSER_ROLE) };
}

export function hasPrivilege(principal: Principal, privilege: string): boolean {
  return principal.superuser || principal.granted.has(privilege);
}

async function withInheritedRoles(sql: Sql, direct: string[]): Promise<Set<string>> {
  const roles = new Set(direct);
  if (roles.size === 0) return roles;
  const edges = await sql.rows<{ parent_role: string; child_role: string }>(
    'SELECT parent_role, child_role FROM role_role',
  );
  const pending = [...roles];
  while (pending.length > 0) {
    const child = pending.pop();
    for (const edge of edges) {
      if (edge.child_role === child && !roles.has(edge.parent_role)) {
        roles.add(edge.parent_role);
        pending.push(edge.parent_role);
      }
    }
  }
  return roles;
}

async function privilegesOf(sql: Sql, roles: string[]): Promise<Map<string, string[]>> {
  const rows = await sql.rows<{ role: string; privilege: string }>(
    'SELECT role, privilege FROM role_privilege WHERE role IN (?)',
    [roles],
  );
  const byRole = new Map<string, string[]>();
  for (const { role, privilege } of rows) byRole.set(role, [...(byRole.get(role) ?? []), privilege]);
  return byRole;
}
