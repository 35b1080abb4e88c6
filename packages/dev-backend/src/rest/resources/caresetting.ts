import { likeInfix } from '../../database';
import { findByUuidOrName } from '../metadata';
import type { RequestContext } from '../context';
import type { Listing, Resource } from '../resource';

// CareSettingResource 1.10: read-only (OpenMRS refuses create, update and purge); found by uuid or
// name; `q` matches anywhere in the name, ignoring case.

function listing(ctx: RequestContext, q?: string): Listing {
  const where = ctx.params.get('includeAll') === 'true' ? [] : ['t.retired = 0'];
  const params: unknown[] = [];
  if (q !== undefined) {
    where.push('t.name LIKE ?');
    params.push(likeInfix(q));
  }
  return { where: where.join(' AND ') || undefined, params, orderBy: 't.care_setting_id' };
}

export const caresetting: Resource = {
  name: 'caresetting',
  version: '1.10',
  kind: 'metadata',
  table: { name: 'care_setting', key: 'care_setting_id' },
  properties: {
    name: { column: 'name' },
    description: { column: 'description' },
    careSettingType: { column: 'care_setting_type' },
  },
  representations: {
    default: 'uuid,name,description,retired,careSettingType,display',
    full: 'uuid,name,description,retired,careSettingType,display,auditInfo',
  },
  display: (row) => row.name ?? '',
  privileges: { read: 'Get Care Settings' },
  find: (id, ctx) => findByUuidOrName('care_setting', id, ctx),
  list: (ctx) => listing(ctx),
  search: (ctx) => listing(ctx, ctx.param('q') ?? ''),
};
