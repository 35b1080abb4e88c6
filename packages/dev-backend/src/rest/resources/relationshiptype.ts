import { likePrefix } from '../../database';
import type { Resource } from '../resource';
import { metadataPrivileges } from '../metadata';

// Named by its two directions, not by a name column.

export const relationshiptype: Resource = {
  name: 'relationshiptype',
  version: '1.8',
  kind: 'metadata',
  table: { name: 'relationship_type', key: 'relationship_type_id' },
  properties: {
    description: { column: 'description' },
    aIsToB: { column: 'a_is_to_b' },
    bIsToA: { column: 'b_is_to_a' },
    displayAIsToB: { get: (row) => row.a_is_to_b ?? '' },
    displayBIsToA: { get: (row) => row.b_is_to_a ?? '' },
    weight: { column: 'weight', type: 'number' },
  },
  representations: {
    default: 'uuid,display,description,aIsToB,bIsToA,displayAIsToB,displayBIsToA,retired',
    full: 'uuid,display,description,aIsToB,bIsToA,displayAIsToB,displayBIsToA,retired,weight,auditInfo',
  },
  display: (row) => `${String(row.a_is_to_b)}/${String(row.b_is_to_a)}`,
  privileges: metadataPrivileges('Get Relationship Types', 'Manage Relationship Types', 'Purge Relationship Types'),
  list: (ctx) => ({
    where: ctx.includeAll ? undefined : 't.retired = 0',
    orderBy: 't.weight, t.a_is_to_b',
  }),
  search: (ctx) => {
    const q = likePrefix(ctx.param('q') ?? '');
    return {
      where: 't.retired = 0 AND (t.a_is_to_b LIKE ? OR t.b_is_to_a LIKE ?)',
      params: [q, q],
      orderBy: 't.weight',
    };
  },
  creatable: ['aIsToB', 'bIsToA', 'weight', 'description'],
  required: ['aIsToB', 'bIsToA'],
};
