import crypto from 'node:crypto';
import type { Row } from '../../database';
import { notSupported, objectNotFound, RestError } from '../../http/errors';
import { ok } from '../../http/reply';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';
import { listPage } from '../paging';
import { parseRepresentation, type Representation } from '../representation';
import type { Resource } from '../resource';
import { conceptDisplay } from './concept';
import { conceptRange, RANGE_PROPERTIES } from './obsreferencerange';

// ConceptReferenceRangeResource2_7: ?patient=&concept=a,b answers, per numeric concept, the range
// that applies to the patient (ConceptService.getConceptReferenceRange). Without criteria-bound
// concept_reference_range rows, that is the concept_numeric's range, built anew on each request
// (so with a fresh uuid, as OpenMRS's default range).

const RANGE =
  'uuid,display,concept,hiNormal,hiAbsolute,hiCritical,lowNormal,lowAbsolute,lowCritical,units,allowDecimal';

/** The resource that shows a range row: concept_numeric columns plus the concept's uuid. */
export const conceptreferencerange: Resource = {
  name: 'conceptreferencerange',
  version: '2.7',
  kind: 'data',
  properties: {
    concept: { get: (row) => row.concept_uuid },
    ...RANGE_PROPERTIES,
    units: { column: 'units' },
    allowDecimal: { column: 'allow_decimal', type: 'boolean' },
  },
  representations: { ref: 'uuid,display', default: RANGE, full: RANGE },
  display: (row, ctx) => conceptDisplay(row.concept_id, ctx),
  privileges: { get: 'Get Concepts' },
};

async function ranges(ctx: RequestContext): Promise<Row[]> {
  // Without search parameters it is getAll, which the resource does not support.
  if ([...ctx.params.keys()].every((p) => ['v', 'limit', 'startIndex', 'totalCount'].includes(p))) throw notSupported();
  const patient = ctx.param('patient');
  if (patient === undefined) throw new RestError(500, '', 'patient is required', 'IllegalArgumentException');
  const [found] = await ctx.sql.rows(
    'SELECT 1 FROM patient pa JOIN person pe ON pe.person_id = pa.patient_id WHERE pe.uuid = ?',
    [patient],
  );
  if (!found) throw objectNotFound(`No patient with uuid: ${patient}`);
  const concepts = ctx.param('concept');
  if (concepts === undefined) throw new RestError(500, '', 'concept is required', 'IllegalArgumentException');
  const rows: Row[] = [];
  for (const reference of concepts.split(',').map((c) => c.trim())) {
    const [concept] = await ctx.sql.rows('SELECT concept_id, uuid FROM concept WHERE uuid = ?', [reference]);
    const range = concept && (await conceptRange(concept.concept_id, ctx));
    if (range) rows.push({ ...range, concept_uuid: concept.uuid, uuid: crypto.randomUUID() });
  }
  return rows;
}

export const conceptreferencerangeController: Controller = {
  name: 'conceptreferencerange',
  handlers: {
    GET: async (ctx) => {
      ctx.require('Get Concepts');
      const v = ctx.params.get('v');
      const rep: Representation = v === null || v === '' ? { kind: 'ref' } : parseRepresentation(v);
      return ok(await listPage(conceptreferencerange, { rows: await ranges(ctx) }, rep, ctx));
    },
  },
};
