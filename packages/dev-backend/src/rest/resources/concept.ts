import type { Row } from '../../database';
import type { RequestContext } from '../context';
import type { Resource } from '../resource';
import { conceptSearch } from './conceptsearch';
import { metadataPrivileges } from '../metadata';

// ConceptResource 2.0: names in the session's locale, datatype and class, descriptions, mappings,
// answers, set members and attributes; a numeric concept's range fields in the full representation
// (and in a custom one), which other concepts lack altogether. Read-only here.

/** The session's locale and its language ("pt_BR" → "pt"). */
function locales(ctx: RequestContext): [string, string] {
  const locale = ctx.session.locale ?? 'en';
  return [locale, locale.split(/[_-]/)[0]];
}

/**
 * Concept.getName(locale): a name of the locale (or its language), else English, else any; within
 * them the locale-preferred name, then the fully specified one; index terms last.
 */
export async function conceptName(conceptId: unknown, ctx: RequestContext): Promise<Row | undefined> {
  const [locale, language] = locales(ctx);
  const [name] = await ctx.sql.rows(
    `SELECT * FROM concept_name WHERE concept_id = ? AND voided = 0
     ORDER BY locale = ? DESC, locale = ? DESC, locale = 'en' DESC, locale_preferred DESC,
       concept_name_type = 'FULLY_SPECIFIED' DESC, concept_name_type = 'INDEX_TERM', concept_name_id LIMIT 1`,
    [conceptId, locale, language],
  );
  return name;
}

export async function conceptDisplay(conceptId: unknown, ctx: RequestContext): Promise<string> {
  return String((await conceptName(conceptId, ctx))?.name ?? '');
}

function numeric(column: string, type: 'number' | 'boolean' | 'string' = 'number') {
  return {
    get: async (row: Row, ctx: RequestContext) => {
      const value = (await ctx.loader.load('concept_numeric', 'concept_id', row.concept_id))?.[column];
      if (value === null || value === undefined) return null;
      if (type === 'number') return Number(value);
      if (type === 'boolean') return value === 1 || value === true;
      return value;
    },
  };
}

const NUMERIC = {
  hiNormal: numeric('hi_normal'),
  hiAbsolute: numeric('hi_absolute'),
  hiCritical: numeric('hi_critical'),
  lowNormal: numeric('low_normal'),
  lowAbsolute: numeric('low_absolute'),
  lowCritical: numeric('low_critical'),
  units: numeric('units', 'string'),
  allowDecimal: numeric('allow_decimal', 'boolean'),
  displayPrecision: numeric('display_precision'),
};
const NUMERIC_FIELDS = Object.keys(NUMERIC).join(',');

/** ConceptResource1_8's default and its full (fullRepresentationDescription, with 1.11's and 2.0's changes). */
const DEFAULT =
  'uuid,display,name,datatype:ref,conceptClass:ref,set,version,retired,names:ref,descriptions:ref,mappings:ref,answers:ref,setMembers:ref,attributes:ref';
const FULL = `uuid,display,name,datatype,conceptClass,set,version,retired,names,descriptions,mappings,answers,setMembers,auditInfo,${NUMERIC_FIELDS},attributes`;

const owned = (table: string, order: string) => (row: Row, ctx: RequestContext) =>
  ctx.sql.rows(`SELECT * FROM ${table} WHERE concept_id = ? ORDER BY ${order}`, [row.concept_id]);

export const concept: Resource = {
  name: 'concept',
  version: '2.0',
  kind: 'metadata',
  table: { name: 'concept', key: 'concept_id' },
  properties: {
    name: { resource: 'conceptname', get: (row, ctx) => conceptName(row.concept_id, ctx) },
    names: {
      resource: 'conceptname',
      get: (row, ctx) =>
        ctx.sql.rows('SELECT * FROM concept_name WHERE concept_id = ? AND voided = 0 ORDER BY concept_name_id', [
          row.concept_id,
        ]),
    },
    descriptions: { resource: 'conceptdescription', get: owned('concept_description', 'concept_description_id') },
    mappings: { resource: 'conceptmap', get: owned('concept_reference_map', 'concept_map_id') },
    // Concept.getConceptMappings(): what a custom representation reaches by bean property (the form engine asks).
    conceptMappings: { resource: 'conceptmap', get: owned('concept_reference_map', 'concept_map_id') },
    attributes: {
      resource: 'conceptattribute',
      get: (row, ctx) =>
        ctx.sql.rows(
          'SELECT * FROM concept_attribute WHERE concept_id = ? AND voided = 0 ORDER BY concept_attribute_id',
          [row.concept_id],
        ),
    },
    datatype: { column: 'datatype_id', resource: 'conceptdatatype' },
    conceptClass: { column: 'class_id', resource: 'conceptclass' },
    set: { column: 'is_set', type: 'boolean' },
    version: { column: 'version' },
    answers: {
      resource: 'concept',
      get: (row, ctx) =>
        ctx.sql.rows(
          `SELECT c.* FROM concept_answer a JOIN concept c ON c.concept_id = a.answer_concept
           WHERE a.concept_id = ? ORDER BY a.sort_weight, a.concept_answer_id`,
          [row.concept_id],
        ),
    },
    setMembers: {
      resource: 'concept',
      get: (row, ctx) =>
        ctx.sql.rows(
          `SELECT c.* FROM concept_set s JOIN concept c ON c.concept_id = s.concept_id
           WHERE s.concept_set = ? ORDER BY s.sort_weight, s.concept_set_id`,
          [row.concept_id],
        ),
    },
    ...NUMERIC,
  },
  representations: {
    default: DEFAULT,
    full: FULL,
  },
  missing: async (row, ctx) =>
    (await ctx.loader.load('concept_numeric', 'concept_id', row.concept_id)) ? [] : Object.keys(NUMERIC),
  display: (row, ctx) => conceptDisplay(row.concept_id, ctx),
  privileges: metadataPrivileges('Get Concepts', 'Manage Concepts', 'Purge Concepts'),
  list: (ctx) => ({
    where: ctx.includeAll ? undefined : 't.retired = 0',
    orderBy: 't.concept_id',
  }),
  search: conceptSearch,
};
