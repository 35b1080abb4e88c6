import crypto from 'node:crypto';
import type { Row } from '../../database';
import { type FieldError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Resource } from '../resource';

// ObsValidator 2.7 for numeric obs: the value must be a whole number when the concept allows no
// decimals and lie within the absolute range; a new obs keeps the range it was judged by (an
// obs_reference_range row) and gets an interpretation. The range is the concept_numeric's: this
// backend does not evaluate the criteria of concept_reference_range rows (none are configured).

export const RANGE_COLUMNS = ['hi_absolute', 'hi_critical', 'hi_normal', 'low_absolute', 'low_critical', 'low_normal'];

/** The concept's default reference range (ObsValidator.getDefaultReferenceRange), if it has any bound. */
export async function conceptRange(conceptId: unknown, ctx: RequestContext): Promise<Row | undefined> {
  const numeric = await ctx.loader.load('concept_numeric', 'concept_id', conceptId);
  if (!numeric || RANGE_COLUMNS.every((c) => numeric[c] === null || numeric[c] === undefined)) return undefined;
  return numeric;
}

const n = (value: unknown) => (value === null || value === undefined ? undefined : Number(value));

/** Obs.Interpretation as ObsValidator.setObsInterpretation decides it. */
export function interpretation(value: number, range: Row): string | null {
  const [hiNormal, hiCritical, lowNormal, lowCritical] = [
    n(range.hi_normal),
    n(range.hi_critical),
    n(range.low_normal),
    n(range.low_critical),
  ];
  if (hiNormal !== undefined && hiCritical !== undefined && value > hiNormal && value < hiCritical) return 'HIGH';
  if (hiCritical !== undefined && value >= hiCritical) return 'CRITICALLY_HIGH';
  if (lowNormal !== undefined && lowCritical !== undefined && value < lowNormal && value > lowCritical) return 'LOW';
  if (lowNormal !== undefined && hiNormal !== undefined && value >= lowNormal && value <= hiNormal) return 'NORMAL';
  if (lowCritical !== undefined && value <= lowCritical) return 'CRITICALLY_LOW';
  return null;
}

/** The field errors of a numeric value (ObsValidator: precision, then the absolute range). */
export async function numericValueErrors(
  conceptId: unknown,
  value: number,
  ctx: RequestContext,
): Promise<FieldError[]> {
  const numeric = await ctx.loader.load('concept_numeric', 'concept_id', conceptId);
  if (!numeric) return [];
  if (Number(numeric.allow_decimal) !== 1 && !Number.isInteger(value)) {
    return [{ code: 'Obs.error.precision', message: 'This value must be a whole number' }];
  }
  const errors: FieldError[] = [];
  const [hi, low] = [n(numeric.hi_absolute), n(numeric.low_absolute)];
  if (hi !== undefined && value > hi) {
    errors.push({ code: 'error.value.outOfRange.high', message: `Value must be less than or equal to ${hi}` });
  }
  if (low !== undefined && value < low) {
    errors.push({ code: 'error.value.outOfRange.low', message: `Value must be greater than or equal to ${low}` });
  }
  return errors;
}

/** The obs_reference_range row a new numeric obs is saved with. */
export async function saveObsRange(obsId: unknown, conceptId: unknown, ctx: RequestContext): Promise<void> {
  const numeric = await ctx.loader.load('concept_numeric', 'concept_id', conceptId);
  if (!numeric) return;
  const range = Object.fromEntries(RANGE_COLUMNS.map((c) => [c, numeric[c] ?? null]));
  await ctx.sql.execute('INSERT INTO obs_reference_range SET ?', [
    { ...range, obs_id: obsId, uuid: crypto.randomUUID() },
  ]);
}

const RANGE = 'display,uuid,hiNormal,hiAbsolute,hiCritical,lowNormal,lowAbsolute,lowCritical';
const number = (column: string) => ({ column, type: 'number' as const });

/** The six bounds as properties, from columns of the same names in every range table. */
export const RANGE_PROPERTIES = {
  hiNormal: number('hi_normal'),
  hiAbsolute: number('hi_absolute'),
  hiCritical: number('hi_critical'),
  lowNormal: number('low_normal'),
  lowAbsolute: number('low_absolute'),
  lowCritical: number('low_critical'),
};

// ObsReferenceRangeResource 2.7: obs/<uuid>/referencerange, read-only; `display` is always empty.
export const obsreferencerange: Resource = {
  name: 'obsreferencerange',
  parent: { resource: 'obs', path: 'referencerange', column: 'obs_id' },
  version: '2.7',
  kind: 'data',
  table: { name: 'obs_reference_range', key: 'obs_reference_range_id' },
  properties: RANGE_PROPERTIES,
  representations: { ref: RANGE, default: RANGE, full: RANGE },
  display: () => '',
  // ObsReferenceRangeResource2_7 only lists an obs's range; everything else throws.
  privileges: { get: 'Get Observations' },
  failing: {
    get: 'ObsReferenceRange can not get by id',
    create: 'ObsReferenceRange cannot be saved',
    update: 'ObsReferenceRange cannot be saved',
    delete: 'ObsReferenceRange can not be deleted',
    purge: 'ObsReferenceRange can not be purged',
  },
};
