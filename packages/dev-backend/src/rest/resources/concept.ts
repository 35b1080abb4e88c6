import type { Row } from '../../database';
import type { RequestContext } from '../context';
import type { Listing, Resource } from '../resource';

// ConceptResource 2.0: names in the session's locale, datatype and class, answers and set members,
// and the concept_numeric ranges (null for other datatypes). Read-only here.

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

/** Each word of `q` starts a word of one name in the session's locale (or its language). */
function nameWords(q: string, ctx: RequestContext): { where: string; params: unknown[] } {
  const [locale, language] = locales(ctx);
  const words = q.trim().split(/\s+/).filter(Boolean);
  const escape = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);
  return {
    where: `EXISTS (SELECT 1 FROM concept_name n WHERE n.concept_id = t.concept_id AND n.voided = 0
      AND (n.locale = ? OR n.locale = ?)${words.map(() => ' AND (n.name LIKE ? OR n.name LIKE ?)').join('')})`,
    params: [locale, language, ...words.flatMap((w) => [`${escape(w)}%`, `% ${escape(w)}%`])],
  };
}

/** `?q=`, `?name=`, `?references=`, `?answerTo=`, `?memberOf=`; several given must all hold. */
async function conceptSearch(ctx: RequestContext): Promise<Listing> {
  const where = ctx.params.get('includeAll') === 'true' ? [] : ['t.retired = 0'];
  const params: unknown[] = [];
  let searched = false;
  const q = ctx.param('q');
  if (q !== undefined) {
    const match = nameWords(q, ctx);
    where.push(match.where);
    params.push(...match.params);
    searched = true;
  }
  const name = ctx.param('name');
  if (name !== undefined) {
    where.push(
      'EXISTS (SELECT 1 FROM concept_name n WHERE n.concept_id = t.concept_id AND n.voided = 0 AND n.name = ?)',
    );
    params.push(name);
    searched = true;
  }
  if (searched) return { where: where.join(' AND '), params, orderBy: 't.concept_id' };
  // The rest answer rows in their own order: as asked, or by sort weight.
  const retired = ctx.params.get('includeAll') === 'true' ? '' : ' AND c.retired = 0';
  const references = ctx.param('references');
  if (references !== undefined) {
    const uuids = references
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    return ordered(ctx, `SELECT c.* FROM concept c WHERE c.uuid IN (?)${retired} ORDER BY FIELD(c.uuid, ?)`, [
      uuids,
      uuids,
    ]);
  }
  const answerTo = ctx.param('answerTo');
  if (answerTo !== undefined) {
    return ordered(
      ctx,
      `SELECT c.* FROM concept_answer a JOIN concept c ON c.concept_id = a.answer_concept
       JOIN concept q ON q.concept_id = a.concept_id WHERE q.uuid = ?${retired} ORDER BY a.sort_weight, a.concept_answer_id`,
      [answerTo],
    );
  }
  const memberOf = ctx.param('memberOf');
  if (memberOf !== undefined) {
    return ordered(
      ctx,
      `SELECT c.* FROM concept_set s JOIN concept c ON c.concept_id = s.concept_id
       JOIN concept p ON p.concept_id = s.concept_set WHERE p.uuid = ?${retired} ORDER BY s.sort_weight, s.concept_set_id`,
      [memberOf],
    );
  }
  return { rows: [] };
}

async function ordered(ctx: RequestContext, sql: string, params: unknown[]): Promise<Listing> {
  return { rows: await ctx.sql.rows(sql, params) };
}

const DEFAULT = `uuid,display,name:ref,datatype:ref,conceptClass:ref,set,version,retired,names:ref,answers:ref,setMembers:ref,${NUMERIC_FIELDS}`;

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
    full: `${DEFAULT.replace(/:ref/g, '')},auditInfo`,
  },
  display: (row, ctx) => conceptDisplay(row.concept_id, ctx),
  privileges: { read: 'Get Concepts', write: 'Manage Concepts' },
  list: (ctx) => ({
    where: ctx.params.get('includeAll') === 'true' ? undefined : 't.retired = 0',
    orderBy: 't.concept_id',
  }),
  search: conceptSearch,
};
