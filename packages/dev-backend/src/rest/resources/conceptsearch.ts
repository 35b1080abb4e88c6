import { wordStarts, type Row } from '../../database';
import { apiException, RestError } from '../../http/errors';
import { ok } from '../../http/reply';
import { allowedLocales, globalProperty } from '../../settings';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';
import { readPaging } from '../paging';
import { represent } from '../represent';
import { DEFAULT, REF } from '../representation';
import type { Listing } from '../resource';
import { conceptDisplay } from './concept';

// Concept searches: ConceptSearchHandler1_8 (references; name with searchType and class; source and
// code), 1_9's byTerm, ConceptResource.doSearch (q, answerTo, memberOf) and the conceptsearch
// resource. ConceptService.getConcepts matches each word of the phrase to the start of a word of
// one name, in any order, in the locales asked for.

const SPECIAL = new Set(['v', 'limit', 'startIndex', 'includeAll', 'jsessionid', 's', 'totalCount']);
const DEFAULT_HANDLER = ['source', 'code', 'name', 'class', 'searchType', 'references'];

/** LocaleUtility.getLocalesInOrder: the session's, the default, the allowed ones, English. */
async function localesInOrder(ctx: RequestContext): Promise<string[]> {
  const locale = ctx.session.locale ?? 'en';
  const all = [
    locale,
    locale.split(/[_-]/)[0],
    await globalProperty(ctx.sql, 'default_locale', 'en'),
    ...(await allowedLocales(ctx.sql)),
    'en',
  ];
  return [...new Set(all)];
}

/** SQL matching concepts (`t`) with a name in `locales` whose words start with each word of `phrase`. */
function phraseMatch(phrase: string, locales: string[], alias = 'n'): { sql: string; params: unknown[] } {
  const words = wordStarts(phrase, `${alias}.name`);
  return {
    sql: `SELECT ${alias}.concept_id, ${alias}.concept_name_id FROM concept_name ${alias}
      WHERE ${alias}.voided = 0 AND ${alias}.locale IN (?)${words.map((w) => ` AND ${w.where}`).join('')}`,
    params: [locales, ...words.flatMap((w) => w.params)],
  };
}

interface Match {
  concept: Row;
  nameId: unknown;
}

/**
 * ConceptService.getConcepts(phrase, locales, includeRetired, classes, …, start, size): concepts
 * with a matching name, exact names first, each with the name that matched.
 */
async function getConcepts(
  phrase: string | undefined,
  locales: string[],
  classes: unknown[] | undefined,
  ctx: RequestContext,
  page?: { start: number; size: number },
): Promise<Match[]> {
  const where = ctx.includeAll ? [] : ['c.retired = 0'];
  const params: unknown[] = [];
  if (classes && classes.length > 0) {
    where.push('c.class_id IN (?)');
    params.push(classes);
  }
  const match = phraseMatch(phrase ?? '', locales);
  const rows = await ctx.sql.rows(
    `SELECT c.*, MIN(m.concept_name_id) AS matched_name_id, MAX(LOWER(n2.name) = LOWER(?)) AS exact
     FROM (${match.sql}) m JOIN concept c ON c.concept_id = m.concept_id
     JOIN concept_name n2 ON n2.concept_name_id = m.concept_name_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY c.concept_id ORDER BY exact DESC, c.concept_id
     ${page ? 'LIMIT ? OFFSET ?' : ''}`,
    [phrase?.trim() ?? '', ...match.params, ...params, ...(page ? [page.size, page.start] : [])],
  );
  return rows.map((r) => ({ concept: r, nameId: r.matched_name_id }));
}

/** The handler or doSearch the request's parameters select, as RestServiceImpl.getSearchHandler would. */
export async function conceptSearch(ctx: RequestContext): Promise<Listing> {
  const given = [...ctx.params.keys()].filter((p) => !SPECIAL.has(p));
  if (
    given.every((p) => DEFAULT_HANDLER.includes(p)) &&
    ['references', 'name', 'source'].some((p) => given.includes(p))
  ) {
    return defaultHandler(ctx);
  }
  if (given.length > 0 && given.every((p) => p === 'term')) return byTerm(ctx);
  return doSearch(ctx);
}

async function defaultHandler(ctx: RequestContext): Promise<Listing> {
  const references = ctx.param('references');
  if (references !== undefined) {
    const refs = references.split(',').filter((r) => r.trim() !== '');
    const rows: Row[] = [];
    for (const ref of refs) {
      const [byUuid] = await ctx.sql.rows('SELECT * FROM concept WHERE uuid = ?', [ref]);
      const found = byUuid ?? (await byMapping(ref, ctx))[0];
      if (found) rows.push(found);
    }
    return { rows };
  }
  const searchType = ctx.params.get('searchType');
  const name = ctx.params.get('name');
  if (searchType === 'fuzzy') {
    const [conceptClass] = await ctx.sql.rows('SELECT concept_class_id FROM concept_class WHERE uuid = ?', [
      ctx.params.get('class'),
    ]);
    const paging = await readPaging(ctx);
    // Paged by the service, then by NeedsPaging again: a startIndex other than 0 finds nothing.
    const matches = await getConcepts(
      name ?? undefined,
      await localesInOrder(ctx),
      conceptClass ? [conceptClass.concept_class_id] : undefined,
      ctx,
      { start: paging.startIndex, size: paging.limit },
    );
    return { rows: matches.map((m) => m.concept) };
  }
  if (searchType !== null && searchType !== 'equals') {
    throw new RestError(
      400,
      'The search with the given parameters is not valid',
      `Invalid searchType: ${searchType}. Allowed values: "equals" and "fuzzy"`,
      'InvalidSearchException',
    );
  }
  if (name !== null) return { rows: await byName(name, ctx) };
  const source = ctx.params.get('source');
  const code = ctx.params.get('code');
  return { rows: await byMapping(code === null ? source! : `${source}:${code}`, ctx, code === null) };
}

/** ConceptService.getConceptByName, then the check that the name is fully specified or preferred. */
async function byName(name: string, ctx: RequestContext): Promise<Row[]> {
  const locale = ctx.session.locale ?? 'en';
  const [found] = await ctx.sql.rows(
    `SELECT c.*, n.concept_name_type, n.locale_preferred FROM concept_name n JOIN concept c ON c.concept_id = n.concept_id
     WHERE n.voided = 0 AND LOWER(n.name) = LOWER(?) AND n.locale IN (?)
     ORDER BY c.retired, n.concept_name_type = 'FULLY_SPECIFIED' DESC, n.locale_preferred DESC LIMIT 1`,
    [name, [locale, locale.split(/[_-]/)[0]]],
  );
  if (!found) return [];
  if (found.concept_name_type !== 'FULLY_SPECIFIED' && Number(found.locale_preferred) !== 1) {
    throw apiException('The concept name should be either a fully specified or locale preferred name');
  }
  return [found];
}

/** Concepts mapped to SOURCE:CODE (source by uuid or name); with `wholeSource`, every code of the source. */
async function byMapping(reference: string, ctx: RequestContext, wholeSource = false): Promise<Row[]> {
  const colon = reference.indexOf(':');
  if (!wholeSource && (colon < 0 || colon === reference.length - 1)) return [];
  const [source, code] = wholeSource ? [reference, null] : [reference.slice(0, colon), reference.slice(colon + 1)];
  return ctx.sql.rows(
    `SELECT DISTINCT c.* FROM concept_reference_map m JOIN concept c ON c.concept_id = m.concept_id
     JOIN concept_reference_term t ON t.concept_reference_term_id = m.concept_reference_term_id
     JOIN concept_reference_source s ON s.concept_source_id = t.concept_source_id
     WHERE (s.uuid = ? OR s.name = ?)${code === null ? '' : ' AND t.code = ?'} AND c.retired = 0 ORDER BY c.concept_id`,
    code === null ? [source, source] : [source, source, code],
  );
}

/** ConceptSearchHandler1_9: concepts mapped to a reference term, by the term's uuid. */
async function byTerm(ctx: RequestContext): Promise<Listing> {
  const retired = ctx.includeAll ? '' : ' AND c.retired = 0';
  return {
    rows: await ctx.sql.rows(
      `SELECT c.* FROM concept_reference_map m JOIN concept c ON c.concept_id = m.concept_id
       JOIN concept_reference_term t ON t.concept_reference_term_id = m.concept_reference_term_id
       WHERE t.uuid = ?${retired} ORDER BY m.concept_map_id`,
      [ctx.param('term')],
    ),
  };
}

/** ConceptResource.doSearch: getConcepts(q, …, answerTo), then the memberOf filter. */
async function doSearch(ctx: RequestContext): Promise<Listing> {
  const retired = ctx.includeAll ? '' : ' AND c.retired = 0';
  const q = ctx.param('q');
  const answerTo = ctx.param('answerTo');
  const memberOf = ctx.param('memberOf');
  let rows: Row[];
  if (q !== undefined) rows = (await getConcepts(q, await localesInOrder(ctx), undefined, ctx)).map((m) => m.concept);
  else if (answerTo !== undefined) rows = [];
  else rows = await ctx.sql.rows(`SELECT c.* FROM concept c WHERE 1 = 1${retired} ORDER BY c.concept_id`);
  if (answerTo !== undefined) {
    const answers = await ctx.sql.rows(
      `SELECT c.* FROM concept_answer a JOIN concept c ON c.concept_id = a.answer_concept
       JOIN concept q ON q.concept_id = a.concept_id WHERE q.uuid = ?${retired} ORDER BY a.sort_weight, a.concept_answer_id`,
      [answerTo],
    );
    rows = q === undefined ? answers : rows.filter((r) => answers.some((a) => a.concept_id === r.concept_id));
  }
  if (memberOf !== undefined) {
    const members = await ctx.sql.rows(
      `SELECT c.* FROM concept_set s JOIN concept c ON c.concept_id = s.concept_id
       JOIN concept p ON p.concept_id = s.concept_set WHERE p.uuid = ? ORDER BY s.sort_weight, s.concept_set_id`,
      [memberOf],
    );
    rows =
      q === undefined && answerTo === undefined
        ? members
        : rows.filter((r) => members.some((m) => m.concept_id === r.concept_id));
  }
  return { rows };
}

/** ConceptSearchResource1_9: /conceptsearch?q=&conceptClasses=, in the session's locale only. */
export const conceptsearch: Controller = {
  name: 'conceptsearch',
  handlers: {
    GET: async (ctx) => {
      ctx.require('Get Concepts');
      const uuids = ctx.params.getAll('conceptClasses');
      const classes = uuids.length
        ? (
            await ctx.sql.rows('SELECT concept_class_id FROM concept_class WHERE uuid IN (?) OR name IN (?)', [
              uuids,
              uuids,
            ])
          ).map((r) => r.concept_class_id)
        : undefined;
      const paging = await readPaging(ctx);
      const matches = await getConcepts(ctx.param('q'), [ctx.session.locale ?? 'en'], classes, ctx, {
        start: paging.startIndex,
        size: paging.limit,
      });
      // Paged by the service, then by NeedsPaging again (so a startIndex other than 0 finds nothing).
      const page = matches.slice(paging.startIndex, paging.startIndex + paging.limit);
      const full = ctx.params.get('v') === 'full';
      const rep = full ? DEFAULT : REF;
      const results = await Promise.all(
        page.map(async (m) => {
          const name = await ctx.row('conceptname', m.nameId);
          const result: Row = {
            display: await conceptDisplay(m.concept.concept_id, ctx),
            concept: await represent(ctx.resource('concept'), m.concept, rep, ctx),
            conceptName: name ? await represent(ctx.resource('conceptname'), name, rep, ctx) : null,
          };
          if (full) Object.assign(result, { word: ctx.param('q') ?? null, transientWeight: null });
          return result;
        }),
      );
      const result: Row = { results };
      if (paging.totalCount) result.totalCount = matches.length;
      return ok(result);
    },
  },
};
