import type { Resource } from '../resource';
import { metadataPrivileges } from '../metadata';

export const role: Resource = {
  name: 'role',
  version: '1.8',
  kind: 'metadata',
  table: { name: 'role', key: 'role' },
  properties: {
    name: { column: 'role' },
    description: { column: 'description' },
    privileges: {
      resource: 'privilege',
      get: (row, ctx) =>
        ctx.sql.rows(
          'SELECT p.* FROM privilege p JOIN role_privilege rp ON rp.privilege = p.privilege WHERE rp.role = ? ORDER BY p.privilege',
          [row.role],
        ),
    },
    inheritedRoles: {
      resource: 'role',
      get: (row, ctx) =>
        ctx.sql.rows('SELECT r.* FROM role r JOIN role_role rr ON rr.parent_role = r.role WHERE rr.child_role = ?', [
          row.role,
        ]),
    },
  },
  representations: {
    default: 'uuid,display,name,description,retired,privileges:ref,inheritedRoles:ref',
    full: 'uuid,display,name,description,retired,privileges,inheritedRoles',
  },
  display: (row) => row.role,
  // UserService.getAllRoles needs Manage Roles.
  privileges: metadataPrivileges('Get Roles', 'Manage Roles', 'Purge Roles', 'Manage Roles'),
  list: () => ({ orderBy: 't.role' }),
};
