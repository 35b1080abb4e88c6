import { cell, retired, uuidOf } from '../configuration';
import { parseNumber } from '../values';
import { number, ref, RETIRE, UUID, type DomainDef } from './types';

/** Initializer's orderfrequencies: a Frequency-class concept and how many times a day it means. */
export const orderFrequencies: DomainDef = {
  folder: 'orderfrequencies',
  label: 'order frequency',
  table: 'order_frequency',
  columns: [
    UUID,
    RETIRE,
    { header: 'Frequency per day', cell: number, headerRequired: true, required: true },
    { header: 'Concept frequency', cell: ref('concepts'), headerRequired: true, required: true },
  ],
  // OrderFrequencyValidator: the concept must be of the Frequency class.
  check: (rows, ctx) => {
    const classes = new Map(
      (ctx.rows.get('concepts') ?? []).map((c) => [uuidOf(c).toLowerCase(), cell(c, 'Data class')]),
    );
    return rows.flatMap((r) => {
      const concept = cell(r, 'Concept frequency');
      const dataClass = concept && classes.get(concept.toLowerCase());
      return dataClass && dataClass !== 'Frequency'
        ? [
            {
              file: r.file,
              line: r.line,
              field: 'Concept frequency',
              message: `${concept} is a ${dataClass} concept, not a Frequency`,
            },
          ]
        : [];
    });
  },
  load: (ctx, rows) =>
    ctx.syncMetadata('orderfrequencies', 'order_frequency', rows, async (r) => ({
      concept_id: await ctx.id('concept', cell(r, 'Concept frequency')!),
      frequency_per_day: parseNumber(cell(r, 'Frequency per day')!)!,
      retired: retired(r),
    })),
};
