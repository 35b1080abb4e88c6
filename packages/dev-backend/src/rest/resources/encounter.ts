import type { Row } from '../../database';
import { now } from '../../dates';
import type { FieldError } from '../../http/errors';
import { conversionFailed, objectNotFound, RestError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, Listing, Resource } from '../resource';
import { objectList, create, voidOwned, type Owned } from '../writes';
import { dateParam, keyByUuid } from '../search-params';
import { assignVisit } from '../visit-assignment';
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
    const items = objectList(input, resource);
    change.afterSave.push(async (key) => {
      for (const item of items) await create(ctx.resource(resource), item, ctx, fixed(change, key));
    });
  };
}

/** The order EncounterService.getEncounters gives: oldest first; `order=desc` reverses it. */
const ASCENDING = 't.encounter_datetime, t.encounter_id';
const DESCENDING = 't.encounter_datetime DESC, t.encounter_id DESC';
const HANDLER_2_0 = ['patient', 'visit', 'encounterType', 'fromdate', 'todate', 'order'];
const BY_OBS = ['patient', 'obsConcept', 'obsValues'];
const SPECIAL = new Set(['v', 'limit', 'startIndex', 'includeAll', 'jsessionid', 's', 'totalCount']);

/**
 * RestServiceImpl picks the search handler whose parameters cover the request's: EncounterSearchHandler2_0
 * (patient, visit, encounterType, dates, order) or 1_9's byObs (patient, obsConcept, obsValues). Any
 * other parameter (O3's notes list sends `obs=`) falls to EncounterResource.doSearch: every encounter of
 * the patient, newest first.
 */
async function encounterSearch(ctx: RequestContext): Promise<Listing> {
  const given = [...ctx.params.keys()].filter((p) => !SPECIAL.has(p));
  const patient = ctx.param('patient');
  if (patient === undefined) return { rows: [] };
  const patientId = await keyByUuid('person', 'person_id', patient, ctx);
  const voided = ctx.includeAll ? [] : ['t.voided = 0'];
  if (given.every((p) => HANDLER_2_0.includes(p))) {
    return patientId === undefined ? { rows: [] } : handler2_0(patientId, voided, ctx);
  }
  if (given.every((p) => BY_OBS.includes(p)) && ctx.param('obsConcept') !== undefined) {
    if (patientId === undefined) throw objectNotFound();
    return byObs(patientId, ctx);
  }
  if (patientId === undefined) return { rows: [] };
  return { where: ['t.patient_id = ?', ...voided].join(' AND '), params: [patientId], orderBy: DESCENDING };
}

async function handler2_0(patientId: unknown, voided: string[], ctx: RequestContext): Promise<Listing> {
  const where = ['t.patient_id = ?', ...voided];
  const params: unknown[] = [patientId];
  const encounterType = ctx.param('encounterType');
  if (encounterType !== undefined) {
    const id = await keyByUuid('encounter_type', 'encounter_type_id', encounterType, ctx);
    if (id === undefined) return { rows: [] };
    where.push('t.encounter_type = ?');
    params.push(id);
  }
  const visits = ctx.params.getAll('visit').filter((v) => v.trim() !== '');
  if (visits.length > 0) {
    where.push('t.visit_id IN (SELECT visit_id FROM visit WHERE uuid IN (?))');
    params.push(visits);
  }
  const from = dateParam(ctx, 'fromdate');
  if (from) {
    where.push('t.encounter_datetime >= ?');
    params.push(from);
  }
  const to = dateParam(ctx, 'todate');
  if (to) {
    where.push('t.encounter_datetime <= ?');
    params.push(to);
  }
  return { where: where.join(' AND '), params, orderBy: ctx.params.get('order') === 'desc' ? DESCENDING : ASCENDING };
}

/** The encounters of the patient's obs of a concept (with one of `obsValues`), in the obs' order. */
async function byObs(patientId: unknown, ctx: RequestContext): Promise<Listing> {
  const [concept] = await ctx.sql.rows(
    `SELECT c.concept_id, d.hl7_abbreviation AS hl7 FROM concept c
     JOIN concept_datatype d ON d.concept_datatype_id = c.datatype_id WHERE c.uuid = ?`,
    [ctx.param('obsConcept')],
  );
  if (!concept) throw objectNotFound();
  const values = (ctx.param('obsValues') ?? '').split(',').filter((v) => v.trim() !== '');
  let match = '';
  const params: unknown[] = [patientId, concept.concept_id];
  if (values.length > 0) {
    if (concept.hl7 === 'NM') {
      if (values.some((v) => Number.isNaN(Number(v)))) throw new RestError(500, '', null, 'IllegalArgumentException');
      match = ' AND o.value_numeric IN (?)';
      params.push(values.map(Number));
    } else if (concept.hl7 === 'ST') {
      match = ' AND o.value_text IN (?)';
      params.push(values);
    } else if (concept.hl7 === 'CWE') {
      match = ' AND o.value_coded IN (SELECT concept_id FROM concept WHERE uuid IN (?))';
      params.push(values);
    } else return { rows: [] };
  }
  const rows = await ctx.sql.rows(
    `SELECT e.* FROM obs o JOIN encounter e ON e.encounter_id = o.encounter_id
     WHERE o.person_id = ? AND o.concept_id = ? AND o.voided = 0${match}
     ORDER BY o.obs_datetime DESC, o.obs_id DESC`,
    params,
  );
  const seen = new Set<unknown>();
  return { rows: rows.filter((r) => !seen.has(r.encounter_id) && seen.add(r.encounter_id)) };
}

/** EncounterValidator: not in the future, and within its visit (which must be the patient's). */
async function validateEncounter(change: Change, ctx: RequestContext): Promise<Record<string, FieldError[]>> {
  const encounter = { ...change.existing, ...change.columns };
  const errors: Record<string, FieldError[]> = {};
  const reject = (field: string, code: string, message: string) => (errors[field] ??= []).push({ code, message });
  const at =
    encounter.encounter_datetime === null || encounter.encounter_datetime === undefined
      ? undefined
      : String(encounter.encounter_datetime);
  const visit = await ctx.row('visit', encounter.visit_id);
  if (visit && visit.patient_id !== encounter.patient_id) {
    reject('visit', 'Encounter.visit.patients.dontMatch', 'The patient for the encounter and visit should be the same');
  }
  if (at !== undefined && at > now()) {
    reject(
      'encounterDatetime',
      'Encounter.datetimeShouldBeBeforeCurrent',
      'The encounter datetime should be before the current date.',
    );
  }
  if (visit && at !== undefined) {
    const outside =
      (visit.date_started !== null && at < String(visit.date_started)) ||
      (visit.date_stopped !== null && at > String(visit.date_stopped));
    if (outside) {
      reject(
        'encounterDatetime',
        'Encounter.datetimeShouldBeInVisitDatesRange',
        'The encounter datetime should be between the visit start and stop dates.',
      );
    }
  }
  return errors;
}

// 1.8's lists, 1.9's visit and providers, 2.2's diagnoses (added without a representation: default).
const DEFAULT =
  'uuid,display,encounterDatetime,patient:ref,location:ref,form:ref,encounterType:ref,obs:ref,orders:ref,voided,visit:ref,encounterProviders:ref,diagnoses';
const FULL =
  'uuid,display,encounterDatetime,patient:ref,location,form,encounterType,obs,orders,voided,auditInfo,visit,encounterProviders,diagnoses';

// EncounterResource 2.2, the one OpenMRS 2.7 serves: 1.9's properties plus diagnoses.
/** voidEncounter voids the obs and the orders; unvoidEncounter restores those voided for its reason. */
const ENCOUNTER_PARTS: Owned[] = [
  { table: 'obs', where: 'encounter_id = ?' },
  { table: 'orders', where: 'encounter_id = ?' },
];

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
      // 2.2 makes them creatable and updatable (the O3 form engine always sends the list, often empty);
      // each item is a diagnosis of this encounter.
      set: (input, change, ctx) => {
        if (!Array.isArray(input)) throw conversionFailed('patientdiagnoses items must be a list');
        change.afterSave.push(async (key) => {
          const [saved] = await ctx.sql.rows('SELECT uuid FROM encounter WHERE encounter_id = ?', [key]);
          for (const item of input as Row[]) {
            await create(ctx.resource('patientdiagnoses'), { ...item, encounter: saved.uuid }, ctx);
          }
        });
      },
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
    full: FULL,
  },
  display: async (row, ctx) => {
    const type = await ctx.row('encountertype', row.encounter_type);
    return `${String(type?.name ?? '')} ${displayDate(row.encounter_datetime)}`;
  },
  // EncounterServiceImpl: a new encounter needs Add Encounters, a saved one Edit Encounters; voiding
  // and unvoiding also need what voiding its obs and orders needs (cascadeVoid).
  privileges: {
    get: 'Get Encounters',
    create: 'Add Encounters',
    update: 'Edit Encounters',
    delete: 'Edit Encounters',
    undelete: 'Edit Encounters',
    purge: 'Purge Encounters',
  },
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
    'diagnoses',
  ],
  required: ['patient', 'encounterType'],
  updatable: [
    'encounterType',
    'encounterDatetime',
    'location',
    'form',
    'visit',
    'encounterProviders',
    'obs',
    'diagnoses',
  ],
  validate: validateEncounter,
  beforeInsert: (change, ctx) => assignVisit(change.columns, ctx),
  // voidEncounter voids the obs and the orders (voidOrder needs Delete Orders); unvoid restores
  // those voided for the same reason.
  cascadeVoid: async (row, reason, ctx) => {
    const count = async (table: string) =>
      Number(
        (
          await ctx.sql.rows(`SELECT COUNT(*) AS n FROM ${table} WHERE encounter_id = ? AND voided = ?`, [
            row.encounter_id,
            reason === null ? 1 : 0,
          ])
        )[0].n,
      );
    // ObsService.voidObs / unvoidObs and OrderService.voidOrder / unvoidOrder, for each one there is.
    if ((await count('obs')) > 0) ctx.require('Edit Observations');
    if ((await count('orders')) > 0) ctx.require('Delete Orders');
    await voidOwned(encounter, row, reason, ENCOUNTER_PARTS, ctx, 'reason');
  },
};
