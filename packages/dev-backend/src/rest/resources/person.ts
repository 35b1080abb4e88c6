import type { Row } from '../../database';
import type { RequestContext } from '../context';
import type { Resource } from '../resource';

// Only what users and providers point at so far; the person session adds names, addresses,
// attributes and the search.

const NAME_PARTS = [
  'prefix',
  'given_name',
  'middle_name',
  'family_name_prefix',
  'family_name',
  'family_name2',
  'family_name_suffix',
  'degree',
];

/** PersonName.getFullName of the preferred, unvoided name. */
export async function personDisplay(personId: unknown, ctx: RequestContext): Promise<string> {
  const [name] = await ctx.sql.rows(
    'SELECT * FROM person_name WHERE person_id = ? AND voided = 0 ORDER BY preferred DESC, person_name_id LIMIT 1',
    [personId],
  );
  return name ? fullName(name) : '';
}

export function fullName(name: Row): string {
  return NAME_PARTS.map((part) => name[part])
    .filter((v) => typeof v === 'string' && v.trim() !== '')
    .join(' ');
}

export const person: Resource = {
  name: 'person',
  version: '1.11',
  kind: 'data',
  table: { name: 'person', key: 'person_id' },
  properties: { gender: { column: 'gender' } },
  representations: { default: 'uuid,display,gender,voided', full: 'uuid,display,gender,voided,auditInfo' },
  display: (row, ctx) => personDisplay(row.person_id, ctx),
  privileges: { read: 'Get People' },
};
