import { wordStarts, type Row } from '../../database';
import type { RequestContext } from '../context';
import type { Listing, Resource } from '../resource';
import { conceptDisplay } from './concept';
import { metadataPrivileges } from '../metadata';

// OrderFrequencyResource 1.10, read-only here. A frequency is named by its concept; it is found by
// its own uuid or by its concept's, and `q` matches the start of a word of one of the concept's names.

function listing(ctx: RequestContext, q?: string): Listing {
  const where = ctx.includeAll ? [] : ['t.retired = 0'];
  const params: unknown[] = [];
  for (const word of wordStarts(q ?? '', 'n.name')) {
    where.push(
      `EXISTS (SELECT 1 FROM concept_name n WHERE n.concept_id = t.concept_id AND n.voided = 0 AND ${word.where})`,
    );
    params.push(...word.params);
  }
  return { where: where.join(' AND ') || undefined, params, orderBy: 't.order_frequency_id' };
}

const name = (row: Row, ctx: RequestContext) => conceptDisplay(row.concept_id, ctx);

export const orderfrequency: Resource = {
  name: 'orderfrequency',
  version: '1.10',
  kind: 'metadata',
  table: { name: 'order_frequency', key: 'order_frequency_id' },
  properties: {
    name: { get: name },
    frequencyPerDay: { column: 'frequency_per_day', type: 'number' },
    concept: { column: 'concept_id', resource: 'concept' },
  },
  representations: {
    default: 'uuid,display,name,frequencyPerDay,retired,concept:ref',
    full: 'uuid,display,name,frequencyPerDay,concept,retired,auditInfo',
  },
  display: name,
  privileges: metadataPrivileges('Get Order Frequencies', 'Manage Order Frequencies', null),
  find: async (id, ctx) =>
    (
      await ctx.sql.rows(
        `SELECT f.* FROM order_frequency f LEFT JOIN concept c ON c.concept_id = f.concept_id
         WHERE f.uuid = ? OR c.uuid = ? ORDER BY f.uuid = ? DESC LIMIT 1`,
        [id, id, id],
      )
    )[0],
  list: (ctx) => listing(ctx),
  search: (ctx) => listing(ctx, ctx.param('q')),
};
