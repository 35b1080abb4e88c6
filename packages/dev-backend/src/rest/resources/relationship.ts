import type { Row } from '../../database';
import { now } from '../../dates';
import { notSupported, ValidationError, type FieldError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, Listing, Resource } from '../resource';
import { preferredName } from './person';

// RelationshipResource 1.9: "<A's given name> is the <aIsToB> of <B's given name>". Searches are
// RelationshipSearchHandler's: `person` (either side, A side first), with `relatedPerson` or
// `relation` (a type's uuid, or one of its directions by name); or `personA`/`personB` with
// `relation`. Only unvoided relationships are found; an unknown person finds none.

const SEARCH_PARAMETERS = ['person', 'relatedPerson', 'relation', 'personA', 'personB'];
const SPECIAL = new Set(['v', 'limit', 'startIndex', 'includeAll', 'jsessionid', 's', 't', 'totalCount']);
/** The parameter sets of the handler's queries; a search must hold all of one of them. */
const QUERIES = [
  ['person'],
  ['person', 'relatedPerson'],
  ['person', 'relation'],
  ['personA', 'relation'],
  ['personA', 'personB'],
  ['personB', 'relation'],
];

async function givenName(personId: unknown, ctx: RequestContext): Promise<string> {
  return String((await preferredName(personId, ctx))?.given_name ?? '');
}

async function personId(uuid: string | undefined, ctx: RequestContext): Promise<unknown> {
  if (uuid === undefined) return undefined;
  return (await ctx.sql.rows('SELECT person_id FROM person WHERE uuid = ?', [uuid]))[0]?.person_id;
}

async function relationTypeId(relation: string | undefined, ctx: RequestContext): Promise<unknown> {
  if (relation === undefined) return undefined;
  const [type] = await ctx.sql.rows(
    `SELECT relationship_type_id FROM relationship_type WHERE uuid = ? OR a_is_to_b = ? OR b_is_to_a = ?
     ORDER BY uuid = ? DESC, relationship_type_id LIMIT 1`,
    [relation, relation, relation, relation],
  );
  return type?.relationship_type_id;
}

async function relationshipSearch(ctx: RequestContext): Promise<Listing> {
  const given = [...ctx.params.keys()].filter((p) => !SPECIAL.has(p));
  if (given.some((p) => !SEARCH_PARAMETERS.includes(p)) || !QUERIES.some((q) => q.every((p) => given.includes(p)))) {
    throw notSupported();
  }
  const person = await personId(ctx.param('person'), ctx);
  const related = await personId(ctx.param('relatedPerson'), ctx);
  const a = await personId(ctx.param('personA'), ctx);
  const b = await personId(ctx.param('personB'), ctx);
  const type = await relationTypeId(ctx.param('relation'), ctx);
  const listing = (where: string, params: unknown[], orderBy = 't.relationship_id'): Listing => ({
    where: `t.voided = 0 AND ${where}`,
    params,
    orderBy,
  });
  // Where the person is A first; the key is an integer read from the database.
  const bothSides = `t.person_a = ${Number(person)} DESC, t.relationship_id`;
  if (person && related) {
    return listing('((t.person_a = ? AND t.person_b = ?) OR (t.person_a = ? AND t.person_b = ?))', [
      person,
      related,
      related,
      person,
    ]);
  }
  if (person && type) {
    return listing('(t.person_a = ? OR t.person_b = ?) AND t.relationship = ?', [person, person, type], bothSides);
  }
  if (person) return { ...listing('(t.person_a = ? OR t.person_b = ?)', [person, person]), orderBy: bothSides };
  if (a && b) {
    return listing(`t.person_a = ? AND t.person_b = ?${type ? ' AND t.relationship = ?' : ''}`, [
      a,
      b,
      ...(type ? [type] : []),
    ]);
  }
  if (a && type) return listing('t.person_a = ? AND t.relationship = ?', [a, type]);
  if (b && type) return listing('t.person_b = ? AND t.relationship = ?', [b, type]);
  return { rows: [] };
}

/** RelationshipValidator: its errors are global, not tied to a field. */
async function validate(change: Change): Promise<Record<string, FieldError[]>> {
  const value = (column: string) => (column in change.columns ? change.columns[column] : change.existing?.[column]);
  const start = value('start_date') as string | null | undefined;
  const end = value('end_date') as string | null | undefined;
  const errors: FieldError[] = [];
  if (start && end && start > end) {
    errors.push({
      code: 'Relationship.InvalidEndDate.error',
      message: 'Please Select valid End Date which after Start Date',
    });
  }
  if (start && start > now()) errors.push({ code: 'error.date.future', message: 'Cannot be a date in the future' });
  if (errors.length > 0) throw new ValidationError({}, errors);
  return {};
}

export const relationship: Resource = {
  name: 'relationship',
  version: '1.9',
  kind: 'data',
  table: { name: 'relationship', key: 'relationship_id' },
  properties: {
    personA: { column: 'person_a', resource: 'person' },
    relationshipType: { column: 'relationship', resource: 'relationshiptype' },
    personB: { column: 'person_b', resource: 'person' },
    startDate: { column: 'start_date', type: 'date' },
    endDate: { column: 'end_date', type: 'date' },
  },
  representations: {
    default: 'uuid,display,personA:ref,relationshipType:ref,personB:ref,voided,startDate,endDate',
    full: 'uuid,display,personA,relationshipType,personB,voided,auditInfo,startDate,endDate',
  },
  display: async (row: Row, ctx) => {
    const type = await ctx.row('relationshiptype', row.relationship);
    const aIsToB = type ? String(type.a_is_to_b) : 'NULL';
    return `${await givenName(row.person_a, ctx)} is the ${aIsToB} of ${await givenName(row.person_b, ctx)}`;
  },
  privileges: {
    get: 'Get Relationships',
    create: 'Add Relationships | Edit Relationships',
    update: 'Add Relationships | Edit Relationships',
    delete: 'Delete Relationships',
    undelete: 'Edit Relationships',
    purge: 'Purge Relationships',
  },
  list: () => ({ where: 't.voided = 0' }),
  search: relationshipSearch,
  creatable: ['personA', 'relationshipType', 'personB', 'startDate', 'endDate'],
  required: ['personA', 'relationshipType', 'personB'],
  validate,
};
