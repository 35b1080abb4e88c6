import { cell, uuidOf } from '../configuration';
import { splitList } from '../values';
import { PRIVILEGE_NAMES } from './privileges';
import { DESCRIPTION, RETIRE, text, UUID, type DomainDef, type NameSet } from './types';

export const ROLE_NAMES: NameSet = {
  label: 'role',
  domain: 'roles',
  column: 'Role name',
  core: { table: 'role', column: 'role' },
};

/**
 * role, role_role and role_privilege. In role_role the role that inherits is `child_role` and the
 * inherited one `parent_role` (Role.hbm.xml: inheritedRoles is keyed by child_role).
 * The role table has no retire columns: Void/Retire is accepted and ignored.
 */
export const roles: DomainDef = {
  folder: 'roles',
  label: 'role',
  table: 'role',
  columns: [
    UUID,
    RETIRE,
    { header: 'Role name', cell: text, headerRequired: true, required: true },
    DESCRIPTION,
    { header: 'Inherited roles', cell: { type: 'names', of: ROLE_NAMES } },
    { header: 'Privileges', cell: { type: 'names', of: PRIVILEGE_NAMES } },
  ],
  async load(ctx, rows) {
    const name = (r: (typeof rows)[number]) => cell(r, 'Role name')!;
    await ctx.sync(
      'roles',
      { table: 'role', key: ['uuid'], pk: 'role' },
      rows.map((r) => ({
        values: { uuid: uuidOf(r), role: name(r), description: cell(r, 'Description') },
        id: name(r),
        origin: `${r.file}:${r.line}`,
      })),
    );
    const names = rows.map(name);
    await ctx.sync(
      'roles',
      {
        table: 'role_role',
        key: ['parent_role', 'child_role'],
        stale: { column: 'child_role', values: names, action: 'delete' },
      },
      rows.flatMap((r) =>
        splitList(cell(r, 'Inherited roles')).map((parent) => ({
          values: { parent_role: parent, child_role: name(r) },
        })),
      ),
    );
    await ctx.sync(
      'roles',
      {
        table: 'role_privilege',
        key: ['role', 'privilege'],
        stale: { column: 'role', values: names, action: 'delete' },
      },
      rows.flatMap((r) =>
        splitList(cell(r, 'Privileges')).map((privilege) => ({ values: { role: name(r), privilege } })),
      ),
    );
  },
};
