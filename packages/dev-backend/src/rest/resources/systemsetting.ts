import { hasPrivilege } from '../../auth/principal';
import { likePrefix, type Row } from '../../database';
import { apiException } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Listing, Resource } from '../resource';

// SystemSettingResource: global_property, fetched by uuid or by property name. A property may carry
// its own view, edit and delete privileges (OpenMRS 2.7's AdministrationServiceImpl: canView…,
// canEdit…, canDeleteGlobalProperty): one the user may not view is left out of lists, and reading,
// changing or purging it is an APIException (500) naming the privilege; a secret such as mail.password
// is protected that way.

type Action = 'view' | 'edit' | 'purge';
const COLUMN: Record<Action, string> = { view: 'view_privilege', edit: 'edit_privilege', purge: 'delete_privilege' };

function requireOwnPrivilege(row: Row, action: Action, ctx: RequestContext): void {
  const privilege = row[COLUMN[action]];
  if (typeof privilege !== 'string' || privilege === '' || hasPrivilege(ctx.principal, privilege)) return;
  throw apiException(`Privilege: ${privilege}, required to ${action} globalProperty: ${String(row.property)}`);
}

/** filterGlobalPropertiesByViewPrivilege, as a condition on the rows listed. */
function viewable(listing: { where?: string; params?: unknown[] }, ctx: RequestContext): Listing {
  if (ctx.principal.superuser) return { ...listing, orderBy: 't.property' };
  const granted = [...ctx.principal.granted, ''];
  const where = [listing.where, 't.view_privilege IS NULL OR t.view_privilege IN (?)'].filter((w) => w);
  return {
    where: where.map((w) => `(${w})`).join(' AND '),
    params: [...(listing.params ?? []), granted],
    orderBy: 't.property',
  };
}

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
  purgesOnDelete: true,
  privileges: {
    get: 'Get Global Properties',
    create: 'Manage Global Properties',
    update: 'Manage Global Properties',
    delete: 'Purge Global Properties',
    purge: 'Purge Global Properties',
  },
  find: async (id, ctx) => {
    const [row] = await ctx.sql.rows(
      'SELECT * FROM global_property WHERE uuid = ? OR property = ? ORDER BY uuid = ? DESC LIMIT 1',
      [id, id, id],
    );
    if (row) requireOwnPrivilege(row, 'view', ctx);
    return row;
  },
  list: (ctx) => viewable({}, ctx),
  search: (ctx) => viewable({ where: 't.property LIKE ?', params: [likePrefix(ctx.param('q') ?? '')] }, ctx),
  validate: async (change, ctx) => {
    if (change.existing) requireOwnPrivilege(change.existing, 'edit', ctx);
    return {};
  },
  beforePurge: async (row, ctx) => requireOwnPrivilege(row, 'purge', ctx),
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
