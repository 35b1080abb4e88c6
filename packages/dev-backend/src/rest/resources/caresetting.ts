import { findByUuidOrName, nameListing } from '../metadata';
import type { Resource } from '../resource';

// CareSettingResource 1.10: read-only (OpenMRS refuses create, update and purge); found by uuid or
// name; `q` matches anywhere in the name, ignoring case.

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
  privileges: { get: 'Get Care Settings' },
  find: (id, ctx) => findByUuidOrName('care_setting', id, ctx),
  list: (ctx) => nameListing(ctx, undefined, { orderBy: 't.care_setting_id' }),
  search: (ctx) => nameListing(ctx, ctx.param('q') ?? '', { anywhere: true, orderBy: 't.care_setting_id' }),
};
