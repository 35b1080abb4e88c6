import { hasPrivilege } from '../../auth/principal';
import type { Row } from '../../database';
import { ok } from '../../http/reply';
import { globalProperty } from '../../settings';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';
import { represent } from '../represent';
import { parseRepresentation, REF } from '../representation';

// OrderEntryConfigResource1_10: what drug and test orders may use — the members of the concept sets
// the order.* global properties name, and the order frequencies. Each list is dropped when it cannot
// be built (OrderService's privilege, or a representation its items lack), as the resource does.

async function setMembers(property: string, ctx: RequestContext): Promise<Row[]> {
  const uuid = await globalProperty(ctx.sql, property, '');
  return ctx.sql.rows(
    `SELECT c.* FROM concept_set s JOIN concept c ON c.concept_id = s.concept_id
     JOIN concept p ON p.concept_id = s.concept_set WHERE p.uuid = ? ORDER BY s.sort_weight, s.concept_set_id`,
    [uuid],
  );
}

const LISTS: Array<[key: string, resource: string, privilege: string, rows: (ctx: RequestContext) => Promise<Row[]>]> =
  [
    ['drugRoutes', 'concept', 'Get Concepts', (ctx) => setMembers('order.drugRoutesConceptUuid', ctx)],
    ['drugDosingUnits', 'concept', 'Get Concepts', (ctx) => setMembers('order.drugDosingUnitsConceptUuid', ctx)],
    [
      'drugDispensingUnits',
      'concept',
      'Get Concepts',
      (ctx) => setMembers('order.drugDispensingUnitsConceptUuid', ctx),
    ],
    ['durationUnits', 'concept', 'Get Concepts', (ctx) => setMembers('order.durationUnitsConceptUuid', ctx)],
    [
      'testSpecimenSources',
      'concept',
      'Get Concepts',
      (ctx) => setMembers('order.testSpecimenSourcesConceptUuid', ctx),
    ],
    [
      'orderFrequencies',
      'orderfrequency',
      'Get Order Frequencies',
      (ctx) => ctx.sql.rows('SELECT * FROM order_frequency WHERE retired = 0 ORDER BY order_frequency_id'),
    ],
  ];

export const orderentryconfig: Controller = {
  name: 'orderentryconfig',
  handlers: {
    GET: async (ctx) => {
      const v = ctx.params.get('v');
      const rep = v === null || v === '' ? REF : parseRepresentation(v);
      const result: Record<string, unknown> = {};
      for (const [key, resource, privilege, rows] of LISTS) {
        if (!hasPrivilege(ctx.principal, privilege)) continue;
        try {
          result[key] = await Promise.all((await rows(ctx)).map((r) => represent(ctx.resource(resource), r, rep, ctx)));
        } catch {
          // ConversionUtil failed on this list (e.g. a custom property only frequencies have).
        }
      }
      return ok(result);
    },
  },
};
