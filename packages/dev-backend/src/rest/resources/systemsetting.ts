import { likePrefix, type Row } from '../../database';
import type { Resource } from '../resource';

// SystemSettingResource: global_property, fetched by uuid or by property name.

/** "locale.allowed.list" → "Locale", "Allowed List" (SystemSettingResource.beautify). */
function beautify(text: string): string {
  return text
    .replace(/[_.]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

function display(row: Row): string {
  const property = String(row.property);
  const dot = property.indexOf('.');
  const section = dot > 0 ? beautify(property.slice(0, dot)) : 'General Settings';
  const name = beautify(dot > 0 ? property.slice(dot + 1) : property);
  return `${section} - ${name} = ${String(row.property_value)}`;
}

export const systemsetting: Resource = {
  name: 'systemsetting',
  version: '1.9',
  kind: 'metadata',
  table: { name: 'global_property', key: 'property' },
  properties: {
    property: { column: 'property' },
    value: { column: 'property_value' },
    description: { column: 'description' },
    datatypeClassname: { column: 'datatype' },
    datatypeConfig: { column: 'datatype_config' },
    preferredHandlerClassname: { column: 'preferred_handler' },
    handlerConfig: { column: 'handler_config' },
  },
  representations: {
    ref: 'uuid,display',
    default: 'uuid,property,value,description,display',
    full: 'uuid,property,value,description,display,datatypeClassname,datatypeConfig,preferredHandlerClassname,handlerConfig',
  },
  display,
  // SystemSettingResource1_9.delete purges.
  privileges: {
    get: 'Get Global Properties',
    create: 'Manage Global Properties',
    update: 'Manage Global Properties',
    delete: 'Purge Global Properties',
    purge: 'Purge Global Properties',
  },
  find: async (id, ctx) =>
    (
      await ctx.sql.rows(
        'SELECT * FROM global_property WHERE uuid = ? OR property = ? ORDER BY uuid = ? DESC LIMIT 1',
        [id, id, id],
      )
    )[0],
  list: () => ({ orderBy: 't.property' }),
  search: (ctx) => ({ where: 't.property LIKE ?', params: [likePrefix(ctx.param('q') ?? '')], orderBy: 't.property' }),
  creatable: [
    'property',
    'value',
    'description',
    'datatypeClassname',
    'datatypeConfig',
    'preferredHandlerClassname',
    'handlerConfig',
  ],
  required: ['property'],
};
