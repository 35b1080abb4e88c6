import type { Row } from '../../database';
import { ok } from '../../http/reply';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';
import { represent } from '../represent';
import { DEFAULT, parseRepresentation } from '../representation';

// ConceptReferenceController (webservices.rest 3.1.0): GET ?references=a,b or POST {"references": [...]}
// (the O3 form engine 4.x posts) answers an object keyed by each reference that names a concept — a
// uuid, else "SOURCE:code" by mapping (source name or HL7 code, unretired concepts) — in the requested
// representation. References that name nothing are left out; none at all is an empty object.

async function conceptOf(reference: string, ctx: RequestContext): Promise<Row | undefined> {
  const [byUuid] = await ctx.sql.rows('SELECT * FROM concept WHERE uuid = ?', [reference]);
  if (byUuid) return byUuid;
  const colon = reference.indexOf(':');
  if (colon < 0 || colon === reference.length - 1) return undefined;
  const [byMapping] = await ctx.sql.rows(
    `SELECT c.* FROM concept c JOIN concept_reference_map m ON m.concept_id = c.concept_id
       JOIN concept_reference_term t ON t.concept_reference_term_id = m.concept_reference_term_id
       JOIN concept_reference_source s ON s.concept_source_id = t.concept_source_id
     WHERE (s.name = ? OR s.hl7_code = ?) AND t.code = ? AND c.retired = 0 ORDER BY c.concept_id LIMIT 1`,
    [reference.slice(0, colon), reference.slice(0, colon), reference.slice(colon + 1)],
  );
  return byMapping;
}

async function answer(references: unknown[], ctx: RequestContext) {
  ctx.require('Get Concepts');
  const v = ctx.params.get('v');
  const rep = v === null || v === '' ? DEFAULT : parseRepresentation(v);
  const results: Record<string, unknown> = {};
  for (const reference of references) {
    if (typeof reference !== 'string' || reference.trim() === '') continue;
    const concept = await conceptOf(reference, ctx);
    if (concept) results[reference] = await represent(ctx.resource('concept'), concept, rep, ctx);
  }
  return ok(results);
}

export const conceptreferences: Controller = {
  name: 'conceptreferences',
  handlers: {
    GET: (ctx) => answer((ctx.param('references') ?? '').split(','), ctx),
    POST: async (ctx, body) => {
      const { references } = await body();
      return answer(Array.isArray(references) ? references : [], ctx);
    },
  },
};
