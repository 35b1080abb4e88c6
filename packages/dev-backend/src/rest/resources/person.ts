import { likePrefix, type Row } from '../../database';
import { conversionFailed } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, ComputedProperty, Listing, Privileges, Resource } from '../resource';
import { personErrors, validateSavedPerson } from '../validators/person';
import { objectList, saveChildren } from '../writes';

// PersonResource 1.11: the demographic columns, the preferred name and address, and the names,
// addresses and attributes (also reachable as person/<uuid>/name|address|attribute).

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

/** What a person's names, addresses and attributes need: each change saves the person (PersonService.savePerson). */
export const PERSON_PART: Privileges = {
  get: 'Get People',
  create: 'Add People | Edit People',
  update: 'Add People | Edit People',
  delete: 'Add People | Edit People',
  purge: 'Add People | Edit People',
};

/** PersonName.getFullName of the preferred, unvoided name. */
export async function personDisplay(personId: unknown, ctx: RequestContext): Promise<string> {
  const name = await preferredName(personId, ctx);
  return name ? fullName(name) : '';
}

export function fullName(name: Row): string {
  return NAME_PARTS.map((part) => name[part])
    .filter((v) => typeof v === 'string' && v.trim() !== '')
    .join(' ');
}

export async function preferredName(personId: unknown, ctx: RequestContext): Promise<Row | undefined> {
  const [name] = await ctx.loader.owned('person_name', 'person_id', personId, 'preferred DESC, person_name_id');
  return name;
}

function owned(table: string, personId: unknown, ctx: RequestContext): Promise<Row[]> {
  return ctx.loader.owned(table, 'person_id', personId, `\`${table}_id\``);
}

/** Person.getAge: whole years to the death date, or to today. */
export function age(row: Row): number | null {
  if (!row.birthdate) return null;
  const born = new Date(String(row.birthdate).slice(0, 10));
  const until = row.death_date ? new Date(String(row.death_date).slice(0, 10)) : new Date();
  let years = until.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    until.getUTCMonth() < born.getUTCMonth() ||
    (until.getUTCMonth() === born.getUTCMonth() && until.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}

/**
 * A collection posted inside the person, saved as the sub-resource once the person has its key
 * (items with a uuid of the person's are edits); on create the first name or address becomes
 * preferred when none is marked.
 */
function children(resource: string, table: string, preferable: boolean): ComputedProperty {
  return {
    resource,
    get: (row, ctx) => owned(table, row.person_id, ctx),
    set: (value: unknown, change: Change, ctx: RequestContext) => {
      const items = objectList(value, resource);
      const marked = items.some((item) => item.preferred === true || item.preferred === 'true');
      const first = preferable && !marked && !change.existing;
      change.afterSave.push((personId) =>
        saveChildren(
          ctx.resource(resource),
          items.map((item, i) => (first && i === 0 ? { ...item, preferred: true } : item)),
          { person_id: personId },
          ctx,
        ),
      );
    },
  };
}

/**
 * Every word of `q`, in any order, starts one of the person's name parts; case and accents are the
 * columns' collation's business (utf8mb4_general_ci ignores both).
 */
const NAME_FIELDS = ['given_name', 'middle_name', 'family_name', 'family_name2'];

/** One word of a name search: the start of any part of a name row aliased `n` (each part has an index). */
export function nameWord(word: string): { where: string; params: unknown[] } {
  return {
    where: `(${NAME_FIELDS.map((f) => `n.${f} LIKE ?`).join(' OR ')})`,
    params: NAME_FIELDS.map(() => likePrefix(word)),
  };
}

export function nameWords(q: string): string[] {
  return q.trim().split(/\s+/).filter(Boolean);
}

/** Every word of `q` starts some part of one of the person's names (in any order). */
export function nameMatch(q: string, alias = 't'): { where: string; params: unknown[] } {
  const matches = nameWords(q).map(nameWord);
  return {
    where: matches
      .map(
        (m) =>
          `EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = ${alias}.person_id AND n.voided = 0 AND ${m.where})`,
      )
      .join(' AND '),
    params: matches.flatMap((m) => m.params),
  };
}

function personSearch(ctx: RequestContext): Listing {
  const q = ctx.param('q');
  if (q === undefined) return { rows: [] };
  const match = nameMatch(q);
  const dead = ctx.params.get('includeDead') === 'false' ? ' AND t.dead = 0' : '';
  return { where: `t.voided = 0${dead} AND ${match.where}`, params: match.params, orderBy: 't.person_id' };
}

export const PERSON_FIELDS = [
  'gender',
  'birthdate',
  'birthdateEstimated',
  'dead',
  'deathDate',
  'deathdateEstimated',
  'causeOfDeath',
  'causeOfDeathNonCoded',
  'names',
  'addresses',
  'attributes',
];

export const personProperties: Resource['properties'] = {
  gender: { column: 'gender' },
  age: { get: (row) => age(row) },
  birthdate: { column: 'birthdate', type: 'date' },
  birthdateEstimated: { column: 'birthdate_estimated', type: 'boolean' },
  birthtime: { column: 'birthtime' },
  dead: { column: 'dead', type: 'boolean' },
  deathDate: { column: 'death_date', type: 'date' },
  deathdateEstimated: { column: 'deathdate_estimated', type: 'boolean' },
  // No concept resource yet: the coded cause is shown by its uuid.
  causeOfDeath: {
    get: async (row, ctx) => {
      if (row.cause_of_death === null || row.cause_of_death === undefined) return null;
      const [concept] = await ctx.sql.rows('SELECT uuid FROM concept WHERE concept_id = ?', [row.cause_of_death]);
      return concept ? { uuid: concept.uuid } : null;
    },
    set: async (value, change, ctx) => {
      const id = value && typeof value === 'object' ? (value as Row).uuid : value;
      if (id === null || id === undefined) {
        change.columns.cause_of_death = null;
        return;
      }
      const [concept] = await ctx.sql.rows('SELECT concept_id FROM concept WHERE uuid = ?', [id]);
      if (!concept) throw conversionFailed(`${JSON.stringify(value)} is not the uuid of any concept`);
      change.columns.cause_of_death = concept.concept_id;
    },
  },
  causeOfDeathNonCoded: { column: 'cause_of_death_non_coded' },
  preferredName: { resource: 'personname', get: (row, ctx) => preferredName(row.person_id, ctx) },
  personName: { resource: 'personname', get: (row, ctx) => preferredName(row.person_id, ctx) },
  preferredAddress: {
    resource: 'personaddress',
    get: async (row, ctx) =>
      (await ctx.loader.owned('person_address', 'person_id', row.person_id, 'preferred DESC, person_address_id'))[0],
  },
  names: children('personname', 'person_name', true),
  addresses: children('personaddress', 'person_address', true),
  attributes: children('personattribute', 'person_attribute', false),
  isPatient: {
    get: async (row, ctx) =>
      (await ctx.sql.rows('SELECT 1 FROM patient WHERE patient_id = ? AND voided = 0', [row.person_id])).length > 0,
  },
};

const DEFAULT =
  'uuid,display,gender,age,birthdate,birthdateEstimated,dead,deathDate,causeOfDeath,preferredName:ref,preferredAddress:ref,attributes:ref,voided,birthtime,deathdateEstimated';

export const person: Resource = {
  name: 'person',
  version: '1.11',
  kind: 'data',
  table: { name: 'person', key: 'person_id' },
  properties: personProperties,
  representations: {
    default: DEFAULT,
    full:
      DEFAULT.replace(
        'preferredName:ref,preferredAddress:ref,attributes:ref',
        'preferredName,preferredAddress,names,addresses,attributes',
      ) + ',auditInfo',
  },
  display: (row, ctx) => personDisplay(row.person_id, ctx),
  privileges: {
    get: 'Get People',
    create: 'Add People | Edit People',
    update: 'Add People | Edit People',
    delete: 'Edit People',
    undelete: 'Edit People',
    purge: 'Purge People',
  },
  search: personSearch,
  creatable: PERSON_FIELDS,
  required: ['gender', 'names'],
  validate: async (change) => personErrors(change),
  validateSaved: validateSavedPerson,
};
