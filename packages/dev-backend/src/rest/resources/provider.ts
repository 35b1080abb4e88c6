import { likeInfix, type Row } from '../../database';
import type { RequestContext } from '../context';
import type { Listing, Resource } from '../resource';
import { personDisplay } from './person';
import { metadataPrivileges } from '../metadata';

// ProviderResource 1.9. Provider.getName is the person's name when there is a person.

async function providerName(row: Row, ctx: RequestContext): Promise<string> {
  return row.person_id === null ? String(row.name ?? '') : personDisplay(row.person_id, ctx);
}

function providerSearch(ctx: RequestContext): Listing {
  const retired = ctx.includeAll ? '' : 't.retired = 0 AND ';
  const userUuid = ctx.param('user');
  if (userUuid !== undefined) {
    return { joins: 'JOIN users u ON u.person_id = t.person_id', where: `${retired}u.uuid = ?`, params: [userUuid] };
  }
  const q = ctx.param('q');
  if (q === undefined) return { rows: [] };
  const like = likeInfix(q);
  return {
    joins: 'LEFT JOIN person_name n ON n.person_id = t.person_id AND n.voided = 0',
    where: `${retired}(t.identifier LIKE ? OR t.name LIKE ? OR n.given_name LIKE ? OR n.middle_name LIKE ? OR n.family_name LIKE ?)`,
    params: [like, like, like, like, like],
    orderBy: 't.provider_id',
  };
}

export const provider: Resource = {
  name: 'provider',
  version: '1.9',
  kind: 'metadata',
  table: { name: 'provider', key: 'provider_id' },
  properties: {
    person: { column: 'person_id', resource: 'person' },
    identifier: { column: 'identifier' },
    name: { get: providerName },
  },
  representations: {
    default: 'uuid,display,person:ref,identifier,retired',
    full: 'uuid,display,person,identifier,retired,auditInfo',
  },
  display: async (row, ctx) => {
    const name = await providerName(row, ctx);
    return row.identifier === null ? name : `${String(row.identifier)} - ${name}`;
  },
  privileges: metadataPrivileges('Get Providers', 'Manage Providers', 'Purge Providers'),
  list: (ctx) => ({ where: ctx.includeAll ? undefined : 't.retired = 0' }),
  search: providerSearch,
  creatable: ['person', 'identifier'],
  required: ['person', 'identifier'],
};
