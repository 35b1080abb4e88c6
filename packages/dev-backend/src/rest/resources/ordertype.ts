import { findByUuidOrName, nameListing, metadataPrivileges } from '../metadata';
import type { Resource } from '../resource';

// OrderTypeResource 1.10, read-only here: found by uuid or name, `q` anywhere in the name; the
// concept classes it covers come from order_type_class_map.

export const ordertype: Resource = {
  name: 'ordertype',
  version: '1.10',
  kind: 'metadata',
  table: { name: 'order_type', key: 'order_type_id' },
  properties: {
    name: { column: 'name' },
    description: { column: 'description' },
    javaClassName: { column: 'java_class_name' },
    parent: { column: 'parent', resource: 'ordertype' },
    conceptClasses: {
      resource: 'conceptclass',
      get: (row, ctx) =>
        ctx.sql.rows(
          `SELECT c.* FROM order_type_class_map m JOIN concept_class c USING (concept_class_id)
           WHERE m.order_type_id = ? ORDER BY c.concept_class_id`,
          [row.order_type_id],
        ),
    },
  },
  representations: {
    default: 'uuid,display,name,javaClassName,retired,description,conceptClasses:ref,parent:ref',
    full: 'uuid,display,name,javaClassName,retired,description,conceptClasses,parent,auditInfo',
  },
  display: (row) => row.name ?? '',
  privileges: metadataPrivileges('Get Order Types', 'Manage Order Types', 'Purge Order Types'),
  find: (id, ctx) => findByUuidOrName('order_type', id, ctx),
  list: (ctx) => nameListing(ctx, undefined, { orderBy: 't.order_type_id' }),
  search: (ctx) => nameListing(ctx, ctx.param('q') ?? '', { anywhere: true, orderBy: 't.order_type_id' }),
};
