import { likeInfix, wordStarts, type Row } from '../../database';
import type { RequestContext } from '../context';
import type { Listing, Resource } from '../resource';
import { conceptDisplay } from './concept';
import { metadataPrivileges } from '../metadata';

// DrugResource 1.12 (the drug resource OpenMRS 2.x serves). Reading needs Get Concepts, writing
// Manage Concepts. The drug table has no description column, so `description` is always null.
// `q` is DrugSearchHandler's: the drug's name, a name of its concept, or a mapped term's code;
// `concept=` narrows to the drugs of one concept.

/** Each word of `q` starts a word of `column` (a drug name, or a concept name in the locale). */
function words(q: string, column: string): { where: string; params: string[] } {
  const each = wordStarts(q, column);
  return { where: each.map((w) => w.where).join(' AND ') || '1 = 1', params: each.flatMap((w) => w.params) };
}

function drugSearch(ctx: RequestContext): Listing {
  const where = ctx.includeAll ? [] : ['t.retired = 0'];
  const params: unknown[] = [];
  const q = ctx.param('q');
  if (q !== undefined) {
    const byName = words(q, 't.name');
    const byConcept = words(q, 'n.name');
    const locale = ctx.session.locale ?? 'en';
    where.push(
      `(${byName.where} OR t.name LIKE ?
        OR EXISTS (SELECT 1 FROM concept_name n WHERE n.concept_id = t.concept_id AND n.voided = 0
                   AND (n.locale = ? OR n.locale = ?) AND ${byConcept.where})
        OR EXISTS (SELECT 1 FROM drug_reference_map m JOIN concept_reference_term r ON r.concept_reference_term_id = m.term_id
                   WHERE m.drug_id = t.drug_id AND r.code = ?))`,
    );
    params.push(...byName.params, likeInfix(q), locale, locale.split(/[_-]/)[0], ...byConcept.params, q);
  }
  const concept = ctx.param('concept');
  if (concept !== undefined) {
    where.push('t.concept_id = (SELECT concept_id FROM concept WHERE uuid = ?)');
    params.push(concept);
  }
  return { where: where.join(' AND ') || undefined, params, orderBy: 't.name, t.drug_id' };
}

/** Ingredients and reference maps have no resource here: each is shown by uuid and display. */
async function ingredients(row: Row, ctx: RequestContext): Promise<Row[]> {
  const rows = await ctx.sql.rows('SELECT uuid, ingredient_id FROM drug_ingredient WHERE drug_id = ?', [row.drug_id]);
  return Promise.all(rows.map(async (r) => ({ uuid: r.uuid, display: await conceptDisplay(r.ingredient_id, ctx) })));
}

async function referenceMaps(row: Row, ctx: RequestContext): Promise<Row[]> {
  const rows = await ctx.sql.rows(
    `SELECT m.uuid, s.name AS source, r.code FROM drug_reference_map m
     JOIN concept_reference_term r ON r.concept_reference_term_id = m.term_id
     JOIN concept_reference_source s ON s.concept_source_id = r.concept_source_id
     WHERE m.drug_id = ? AND m.retired = 0 ORDER BY m.drug_reference_map_id`,
    [row.drug_id],
  );
  return rows.map((r) => ({ uuid: r.uuid, display: `${String(r.source)}: ${String(r.code)}` }));
}

const DEFAULT =
  'display,uuid,name,description,retired,dosageForm:ref,maximumDailyDose,minimumDailyDose,concept:ref,combination';

export const drug: Resource = {
  name: 'drug',
  version: '1.12',
  kind: 'metadata',
  table: { name: 'drug', key: 'drug_id' },
  properties: {
    name: { column: 'name' },
    description: { get: () => null },
    combination: { column: 'combination', type: 'boolean' },
    concept: { column: 'concept_id', resource: 'concept' },
    dosageForm: { column: 'dosage_form', resource: 'concept' },
    maximumDailyDose: { column: 'maximum_daily_dose', type: 'number' },
    minimumDailyDose: { column: 'minimum_daily_dose', type: 'number' },
    strength: { column: 'strength' },
    drugReferenceMaps: { get: referenceMaps },
    ingredients: { get: ingredients },
  },
  representations: {
    default: `${DEFAULT},strength,drugReferenceMaps,ingredients`,
    full: `${DEFAULT},auditInfo,strength,drugReferenceMaps,ingredients`,
  },
  display: (row) => row.name ?? '',
  privileges: metadataPrivileges('Get Concepts', 'Manage Concepts', 'Purge Concepts'),
  list: (ctx) => ({
    where: ctx.includeAll ? undefined : 't.retired = 0',
    orderBy: 't.name, t.drug_id',
  }),
  search: drugSearch,
  creatable: ['combination', 'concept', 'name', 'dosageForm', 'strength', 'maximumDailyDose', 'minimumDailyDose'],
  required: ['combination', 'concept', 'name'],
};
