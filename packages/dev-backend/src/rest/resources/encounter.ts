import type { Row } from '../../database';
import { now, parseRestDate } from '../../dates';
import { conversionFailed } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, Listing, Resource } from '../resource';
import { create } from '../writes';
import { encounterOrders } from './order';
import { patientWithDefaultDate } from './patientreference';

// EncounterResource 1.9: patient, type, location, form, visit, the top-level obs and the providers.
// A posted encounter saves its obs (with their groups) and providers in the same transaction.

/** "dd/MM/yyyy" of a DATETIME string, as OpenMRS formats display dates. */
export function displayDate(value: unknown, withTime = false): string {
  const text = String(value ?? '');
  const [date, time] = text.split(' ');
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}${withTime && time ? ` ${time.slice(0, 5)}` : ''}`;
}

/** A collection posted inside the encounter, created under it once it has its key. */
function children(resource: string, fixed: (change: Change, key: unknown) => Row) {
  return (input: unknown, change: Change, ctx: RequestContext) => {
    if (!Array.isArray(input)) throw conversionFailed(`${resource} items must be a list`);
    change.afterSave.push(async (key) => {
      for (const item of input as Row[]) await create(ctx.resource(resource), item, ctx, fixed(change, key));
    });
  };
}

function encounterSearch(ctx: RequestContext): Listing {
  const where = ctx.params.get('includeAll') === 'true' ? [] : ['t.voided = 0'];
  const params: unknown[] = [];
  const filter = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  const byUuid = (param: string, column: string, table: string, key: string) => {
    const value = ctx.param(param);
    if (value !== undefined) filter(`t.${column} = (SELECT ${key} FROM ${table} WHERE uuid = ?)`, value);
  };
  byUuid('patient', 'patient_id', 'person', 'person_id');
  byUuid('encounterType', 'encounter_type', 'encounter_type', 'encounter_type_id');
  byUuid('visit', 'visit_id', 'visit', 'visit_id');
  byUuid('location', 'location_id', 'location', 'location_id');
  if (params.length === 0) return { rows: [] };
  for (const [param, op] of [
    ['fromdate', '>='],
    ['todate', '<='],
  ] as const) {
    const value = ctx.param(param);
    if (value === undefined) continue;
    const parsed = parseRestDate(value);
    if (parsed === undefined) throw conversionFailed(`Cannot parse ${param} '${value}'`);
    filter(
      `t.encounter_datetime ${op} ?`,
      op === '<=' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value} 23:59:59` : parsed,
    );
  }
  const direction = ctx.param('order') === 'desc' ? 'DESC' : 'ASC';
  return {
    where: where.join(' AND '),
    params,
    orderBy: `t.encounter_datetime ${direction}, t.encounter_id ${direction}`,
  };
}

const DEFAULT =
  'uuid,display,encounterDatetime,patient:ref,location:ref,form:ref,encounterType:ref,obs:ref,orders:ref,voided,visit:ref,encounterProviders:ref,diagnoses:ref';

// EncounterResource 2.2, the one OpenMRS 2.7 serves: 1.9's properties plus diagnoses.
export const encounter: Resource = {
  name: 'encounter',
  version: '2.2',
  kind: 'data',
  table: { name: 'encounter', key: 'encounter_id' },
  properties: {
    patient: patientWithDefaultDate('encounter_datetime'),
    encounterType: { column: 'encounter_type', resource: 'encountertype' },
    encounterDatetime: { column: 'encounter_datetime', type: 'date' },
    location: { column: 'location_id', resource: 'location' },
    form: { column: 'form_id', resource: 'form' },
    visit: { column: 'visit_id', resource: 'visit' },
    obs: {
      resource: 'obs',
      get: (row, ctx) =>
        ctx.sql.rows(
          'SELECT * FROM obs WHERE encounter_id = ? AND obs_group_id IS NULL AND voided = 0 ORDER BY obs_id',
          [row.encounter_id],
        ),
      set: children('obs', (change, key) => {
        const encounter = { ...change.existing, ...change.columns };
        return {
          encounter_id: key,
          person_id: encounter.patient_id,
          obs_datetime: encounter.encounter_datetime,
          location_id: encounter.location_id ?? null,
        };
      }),
    },
    orders: encounterOrders,
    diagnoses: {
      resource: 'patientdiagnoses',
      get: (row, ctx) =>
        ctx.sql.rows('SELECT * FROM encounter_diagnosis WHERE encounter_id = ? AND voided = 0 ORDER BY diagnosis_id', [
          row.encounter_id,
        ]),
    },
    encounterProviders: {
      resource: 'encounterprovider',
      get: (row, ctx) =>
        ctx.sql.rows(
          'SELECT * FROM encounter_provider WHERE encounter_id = ? AND voided = 0 ORDER BY encounter_provider_id',
          [row.encounter_id],
        ),
      set: children('encounterprovider', (_change, key) => ({ encounter_id: key })),
    },
  },
  representations: {
    default: DEFAULT,
    full: `${DEFAULT.replace(/:ref/g, '')},auditInfo`,
  },
  display: async (row, ctx) => {
    const type = await ctx.row('encountertype', row.encounter_type);
    return `${String(type?.name ?? '')} ${displayDate(row.encounter_datetime)}`;
  },
  privileges: { read: 'Get Encounters', write: 'Edit Encounters' },
  search: encounterSearch,
  creatable: [
    'patient',
    'encounterType',
    'encounterDatetime',
    'location',
    'form',
    'visit',
    'encounterProviders',
    'obs',
    'orders',
  ],
  required: ['patient', 'encounterType'],
  updatable: ['encounterType', 'encounterDatetime', 'location', 'form', 'visit', 'encounterProviders', 'obs'],
  // voidEncounter voids the obs and the orders (voidOrder needs Delete Orders); unvoid restores
  // those voided for the same reason.
  cascadeVoid: async (row, reason, ctx) => {
    if (reason !== null) {
      const [orders] = await ctx.sql.rows('SELECT COUNT(*) AS n FROM orders WHERE encounter_id = ? AND voided = 0', [
        row.encounter_id,
      ]);
      if (Number(orders.n) > 0) ctx.require('Delete Orders');
    }
    for (const table of ['obs', 'orders']) {
      if (reason === null) {
        await ctx.sql.execute(
          `UPDATE ${table} SET voided = 0, voided_by = NULL, date_voided = NULL, void_reason = NULL WHERE encounter_id = ? AND voided = 1 AND void_reason <=> ?`,
          [row.encounter_id, row.void_reason],
        );
      } else {
        await ctx.sql.execute(
          `UPDATE ${table} SET voided = 1, voided_by = ?, date_voided = ?, void_reason = ? WHERE encounter_id = ? AND voided = 0`,
          [ctx.userId, now(), reason, row.encounter_id],
        );
      }
    }
  },
};
