import { likeInfix, likePrefix, type Row } from '../database';
import type { RequestContext } from './context';
import type { Listing, Privileges, Property, Requirement, Resource } from './resource';

// MetadataDelegatingCrudResource: uuid, display (the name), name, description, retired; getAll
// without the retired unless includeAll; `q` matches the start of the name; a resource may also be
// fetched by its name where the uuid is expected.

export interface MetadataSpec {
  name: string;
  version: string;
  table: string;
  key: string;
  privileges: Resource['privileges'];
  properties?: Record<string, Property>;
  /** Property list shown in default and full after uuid, display, name, description. */
  fields?: string;
  /** Property list only the full representation adds. */
  fullFields?: string;
  /** Settable properties beyond name and description. */
  creatable?: string[];
  required?: string[];
}

/**
 * A MetadataDelegatingCrudResource's privileges: getByUniqueId and getAll need `get`; create, update,
 * retire and unretire all save the object, so they need `manage`; purge needs `purge` (null: the
 * resource does not support it).
 */
export function metadataPrivileges(
  get: Requirement,
  manage: Requirement,
  purge: Requirement | null,
  list?: Requirement,
): Privileges {
  const privileges: Privileges = { get, list, create: manage, update: manage, delete: manage, undelete: manage };
  if (purge !== null) privileges.purge = purge;
  return privileges;
}

export function metadataResource(spec: MetadataSpec): Resource {
  const fields = (...lists: Array<string | undefined>) =>
    ['uuid,display,name,description', ...lists, 'retired'].filter((l) => l).join(',');
  return {
    name: spec.name,
    version: spec.version,
    kind: 'metadata',
    table: { name: spec.table, key: spec.key },
    properties: { name: { column: 'name' }, description: { column: 'description' }, ...spec.properties },
    representations: {
      default: fields(spec.fields),
      full: `${fields(spec.fields, spec.fullFields)},auditInfo`,
    },
    display: (row: Row) => row.name ?? '',
    privileges: spec.privileges,
    find: (id, ctx) => findByUuidOrName(spec.table, id, ctx),
    list: (ctx) => nameListing(ctx),
    search: (ctx) => nameListing(ctx, ctx.param('q')),
    creatable: ['name', 'description', ...(spec.creatable ?? [])],
    required: spec.required ?? ['name'],
  };
}

export async function findByUuidOrName(table: string, id: string, ctx: RequestContext): Promise<Row | undefined> {
  const rows = await ctx.sql.rows(
    `SELECT * FROM \`${table}\` WHERE uuid = ? OR name = ? ORDER BY uuid = ? DESC LIMIT 1`,
    [id, id, id],
  );
  return rows[0];
}

/**
 * Non-retired rows (all with includeAll); with `q`, those whose name starts with it — or contains it,
 * for the resources (care settings, order types) whose search matches anywhere. Ordered by name unless
 * `orderBy` says otherwise.
 */
export function nameListing(
  ctx: RequestContext,
  q?: string,
  options: { anywhere?: boolean; orderBy?: string } = {},
): Listing {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!ctx.includeAll) where.push('t.retired = 0');
  if (q !== undefined) {
    where.push('t.name LIKE ?');
    params.push(options.anywhere ? likeInfix(q) : likePrefix(q));
  }
  return { where: where.join(' AND ') || undefined, params, orderBy: options.orderBy ?? 't.retired, t.name' };
}
