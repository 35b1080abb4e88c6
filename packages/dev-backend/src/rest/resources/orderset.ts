import { metadataResource, metadataPrivileges } from '../metadata';
import type { Resource } from '../resource';

// OrderSetResource1_12 and OrderSetMemberResource1_12 (orderset/<uuid>/ordersetmember), read-only
// here: the distro configures no order set. A member's display is its description, which it lacks.

export const ordersetmember: Resource = {
  name: 'ordersetmember',
  parent: { resource: 'orderset', path: 'ordersetmember', column: 'order_set_id' },
  version: '1.8',
  kind: 'metadata',
  table: { name: 'order_set_member', key: 'order_set_member_id' },
  properties: {
    orderType: { column: 'order_type', resource: 'ordertype' },
    orderTemplate: { column: 'order_template' },
    orderTemplateType: { column: 'order_template_type' },
    concept: { column: 'concept_id', resource: 'concept' },
  },
  representations: {
    ref: 'uuid,display,concept:ref',
    default: 'uuid,display,retired,orderType:ref,orderTemplate,orderTemplateType,concept:ref',
    full: 'uuid,display,retired,orderType,orderTemplate,orderTemplateType,concept,auditInfo',
  },
  display: () => null,
  // Each change saves the order set.
  privileges: {
    get: 'Get Order Sets',
    create: 'Manage Order Sets',
    update: 'Manage Order Sets',
    delete: 'Manage Order Sets',
    purge: 'Manage Order Sets',
  },
};

const base = metadataResource({
  name: 'orderset',
  version: '1.8',
  table: 'order_set',
  key: 'order_set_id',
  privileges: metadataPrivileges('Get Order Sets', 'Manage Order Sets', null),
  properties: {
    operator: { column: 'operator' },
    orderSetMembers: {
      resource: 'ordersetmember',
      get: (row, ctx) =>
        ctx.sql.rows('SELECT * FROM order_set_member WHERE order_set_id = ? AND retired = 0 ORDER BY sequence_number', [
          row.order_set_id,
        ]),
    },
  },
});

export const orderset: Resource = {
  ...base,
  representations: {
    default: 'uuid,display,name,description,retired,operator,orderSetMembers:ref',
    full: 'uuid,display,name,description,retired,auditInfo,operator,orderSetMembers',
  },
};
