import type { Row } from '../../database';
import { conversionFailed } from '../../http/errors';
import { truthy } from '../represent';
import type { Change, ComputedProperty } from '../resource';
import { referenceKey } from '../writes';

// An order being created: its subclass (the `type` of the body) and the columns of its subclass
// table (drug_order, test_order), written once the orders row has its key.

export type OrderKind = 'drugorder' | 'testorder';

export const SUBCLASS_TABLES: Record<OrderKind, string> = { drugorder: 'drug_order', testorder: 'test_order' };

export interface Draft {
  kind: OrderKind;
  sub: Row;
}

export const drafts = new WeakMap<Change, Draft>();

type Kind = 'string' | 'number' | 'integer' | 'boolean' | { resource: string };

/**
 * A column of the subclass table. Posting it on another subclass is refused the way OpenMRS refuses
 * a property the handler does not have.
 */
export function subclassColumn(name: string, column: string, kind: Kind, kinds: OrderKind[]): ComputedProperty {
  return {
    resource: typeof kind === 'object' ? kind.resource : undefined,
    get: async (row, ctx) => {
      const orderKind = kinds.length === 1 ? kinds[0] : await kindOf(row, ctx.loader.load.bind(ctx.loader));
      const sub = orderKind && (await ctx.loader.load(SUBCLASS_TABLES[orderKind], 'order_id', row.order_id));
      const value = sub ? sub[column] : null;
      if (value === null || value === undefined) return null;
      if (typeof kind === 'object') return ctx.row(kind.resource, value);
      if (kind === 'boolean') return truthy(value);
      return kind === 'string' ? value : Number(value);
    },
    set: async (value, change, ctx) => {
      const draft = drafts.get(change);
      if (!draft || !kinds.includes(draft.kind))
        throw conversionFailed(`Some properties are not allowed to be set: ${name}`);
      draft.sub[column] =
        typeof kind === 'object' ? await referenceKey(kind.resource, value, ctx) : convert(name, value, kind);
    },
  };
}

function convert(name: string, value: unknown, kind: Exclude<Kind, object>): unknown {
  if (value === null) return null;
  const fail = () => conversionFailed(`Cannot convert ${JSON.stringify(value)} to a ${kind} for ${name}`);
  switch (kind) {
    case 'boolean':
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (value === 'true' || value === 'false') return value === 'true' ? 1 : 0;
      throw fail();
    case 'number':
    case 'integer': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || Number.isNaN(number)) throw fail();
      if (kind === 'integer' && !Number.isInteger(number)) throw fail();
      return number;
    }
    default:
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      throw fail();
  }
}

type Load = (table: string, key: string, value: unknown) => Promise<Row | undefined>;

/** The subclass a saved order belongs to: the subclass table that has its row (Hibernate's joined subclass). */
export async function kindOf(row: Row, load: Load): Promise<OrderKind | undefined> {
  if (await load('drug_order', 'order_id', row.order_id)) return 'drugorder';
  if (await load('test_order', 'order_id', row.order_id)) return 'testorder';
  return undefined;
}
