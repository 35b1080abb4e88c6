import type { Row } from '../../database';
import { conversionFailed } from '../../http/errors';
import type { RequestContext } from '../context';
import { represent } from '../represent';
import { REF, type Representation } from '../representation';
import type { ComputedProperty } from '../resource';
import { referenceKey } from '../writes';
import { conceptDisplay } from './concept';

// CodedOrFreeText as CodedOrFreeTextConverter shows and reads it: a coded concept, its specific
// name and free text, each only when set. Conditions (condition_*) and diagnoses (diagnosis_*) store it.

/** `prefix` is the columns' prefix: 'condition' or 'diagnosis'. */
export function codedOrFreeText(prefix: string): ComputedProperty {
  const [coded, name, nonCoded] = [`${prefix}_coded`, `${prefix}_coded_name`, `${prefix}_non_coded`];
  return {
    get: async (row: Row, ctx: RequestContext, rep: Representation) => {
      const nested = (property: string): Representation =>
        rep.kind === 'custom' ? (rep.properties.find((p) => p.name === property)?.representation ?? REF) : rep;
      const parts: Record<string, () => Promise<unknown>> = {
        coded: async () => {
          const concept = await ctx.row('concept', row[coded]);
          return concept && represent(ctx.resource('concept'), concept, nested('coded'), ctx);
        },
        specificName: async () => {
          const conceptName = await ctx.row('conceptname', row[name]);
          return conceptName && represent(ctx.resource('conceptname'), conceptName, nested('specificName'), ctx);
        },
        nonCoded: async () => row[nonCoded],
      };
      const names = rep.kind === 'custom' ? rep.properties.map((p) => p.name) : ['specificName', 'coded', 'nonCoded'];
      const result: Row = {};
      for (const property of names) {
        const value = await parts[property]?.();
        if (value !== null && value !== undefined) result[property] = value;
      }
      return result;
    },
    set: async (value, change, ctx) => {
      if (value === null) {
        Object.assign(change.columns, { [coded]: null, [name]: null, [nonCoded]: null });
        return;
      }
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw conversionFailed(`${JSON.stringify(value)} is not a coded or free-text value`);
      }
      const input = value as Row;
      change.columns[coded] = input.coded === undefined ? null : await referenceKey('concept', input.coded, ctx);
      change.columns[name] =
        input.specificName === undefined ? null : await referenceKey('conceptname', input.specificName, ctx);
      change.columns[nonCoded] = typeof input.nonCoded === 'string' ? input.nonCoded : null;
    },
  };
}

/** The coded concept's name, else the free text (DiagnosisResource / ConditionResource display). */
export async function codedOrFreeTextDisplay(row: Row, prefix: string, ctx: RequestContext): Promise<string> {
  const coded = row[`${prefix}_coded`];
  if (coded !== null && coded !== undefined) return conceptDisplay(coded, ctx);
  return String(row[`${prefix}_non_coded`] ?? '');
}
