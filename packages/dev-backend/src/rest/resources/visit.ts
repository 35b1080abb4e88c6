import type { Row } from '../../database';
import { now, parseRestDate, restDate } from '../../dates';
import { apiException, conversionFailed, objectNotFound, type FieldError } from '../../http/errors';
import { globalProperty } from '../../settings';
import type { RequestContext } from '../context';
import type { Change, ComputedProperty, Listing, Resource } from '../resource';
import { dateParam, keyByUuid, locationAndAncestors } from '../search-params';
import { objectList, saveChildren, voidOwned, type Owned } from '../writes';
import { displayDate } from './encounter';
import { patientWithDefaultDate } from './patientreference';
import { age } from './person';

// VisitResource1_9. A visit is active while it has no stop time or stops later than now
// (HibernateVisitDAO.getVisits with includeInactive=false).

const ENCOUNTERS = 'encounter_id IN (SELECT encounter_id FROM encounter WHERE visit_id = ?)';
const VISIT_PARTS: Owned[] = [
  { table: 'encounter', where: 'visit_id = ?' },
  { table: 'obs', where: ENCOUNTERS },
  { table: 'orders', where: ENCOUNTERS },
  { table: 'visit_attribute', where: 'visit_id = ?' },
];

/** VisitService.getVisits' order: latest start first. */
const ORDER = 't.date_started DESC, t.visit_id DESC';

/** The row a search parameter names; an unknown uuid is a 404, as the resource's getByUniqueId makes it. */
async function keyOf(table: string, key: string, uuid: string, ctx: RequestContext): Promise<unknown> {
  const id = await keyByUuid(table, key, uuid, ctx);
  if (id === undefined) throw objectNotFound();
  return id;
}

/**
 * VisitResource1_9.search: with any of patient, includeInactive, location, visitType it asks
 * VisitService.getVisits; otherwise there is no visit search.
 */
async function visitSearch(ctx: RequestContext): Promise<Listing> {
  const given = (name: string) => ctx.params.get(name);
  if (['patient', 'includeInactive', 'location', 'visitType'].every((p) => given(p) === null)) return { rows: [] };
  const where = ctx.includeAll ? [] : ['t.voided = 0'];
  const params: unknown[] = [];
  const filter = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  const patient = given('patient');
  if (patient !== null) filter('t.patient_id = ?', await keyOf('person', 'person_id', patient, ctx));
  const location = given('location');
  if (location !== null) {
    const id = await keyOf('location', 'location_id', location, ctx);
    filter(
      't.location_id IN (?)',
      given('includeParentLocations') === 'true' ? await locationAndAncestors(id, ctx) : [id],
    );
  }
  const visitType = given('visitType');
  if (visitType !== null) filter('t.visit_type_id = ?', await keyOf('visit_type', 'visit_type_id', visitType, ctx));
  const fromStart = dateParam(ctx, 'fromStartDate');
  if (fromStart) filter('t.date_started >= ?', fromStart);
  const toStart = dateParam(ctx, 'toStartDate');
  if (toStart) filter('t.date_started <= ?', toStart);
  // Boolean.parseBoolean: anything but "true" (any case) is false; absent means true.
  const includeInactive = given('includeInactive') === null || given('includeInactive')!.toLowerCase() === 'true';
  if (!includeInactive) filter('(t.date_stopped IS NULL OR t.date_stopped > ?)', now());
  else {
    const fromStop = dateParam(ctx, 'fromStopDate');
    if (fromStop) filter('(t.date_stopped IS NULL OR t.date_stopped >= ?)', fromStop);
    const toStop = dateParam(ctx, 'toStopDate');
    if (toStop) filter('t.date_stopped <= ?', toStop);
  }
  return { where: where.join(' AND ') || undefined, params, orderBy: ORDER };
}

/** RESTWS-488: a visit posted without a start (or with a null one) starts now. */
const startDatetime: ComputedProperty = {
  get: (row) => restDate(row.date_started),
  set: (value, change) => {
    if (value === null) {
      change.columns.date_started = now();
      return;
    }
    const parsed = typeof value === 'string' ? parseRestDate(value) : undefined;
    if (parsed === undefined)
      throw conversionFailed(`Cannot convert ${JSON.stringify(value)} to a date for startDatetime`);
    change.columns.date_started = parsed;
  },
};

const attributes: ComputedProperty = {
  resource: 'visitattribute',
  get: (row, ctx) =>
    ctx.sql.rows('SELECT * FROM visit_attribute WHERE visit_id = ? AND voided = 0 ORDER BY visit_attribute_id', [
      row.visit_id,
    ]),
  set: (value, change, ctx) => {
    const items = objectList(value, 'attributes');
    change.afterSave.push((key) => saveChildren(ctx.resource('visitattribute'), items, { visit_id: key }, ctx));
  },
};

/** Patient.getBirthdate, moved back when estimated as VisitValidator allows: half the age, at least a year. */
function earliestStart(person: Row): string {
  const born = String(person.birthdate).slice(0, 10);
  if (Number(person.birthdate_estimated) !== 1) return born;
  const years = Math.min(-1, Math.ceil((age(person) ?? 0) * -0.5));
  return `${Number(born.slice(0, 4)) + years}${born.slice(4)}`;
}

/**
 * VisitValidator: the stop after the start, an edited visit's encounters within it, no start before the
 * patient's birth, and no overlap with the patient's other visits when visits.allowOverlappingVisits is
 * false (it is true unless set).
 */
async function validateVisit(change: Change, ctx: RequestContext): Promise<Record<string, FieldError[]>> {
  const visit = { ...change.existing, ...change.columns };
  const errors: Record<string, FieldError[]> = {};
  const reject = (field: string, code: string, message: string) => (errors[field] ??= []).push({ code, message });
  const start =
    visit.date_started === null || visit.date_started === undefined ? undefined : String(visit.date_started);
  const stop = visit.date_stopped === null || visit.date_stopped === undefined ? undefined : String(visit.date_stopped);
  if (start === undefined) return errors;
  if (stop !== undefined && start > stop)
    reject('stopDatetime', 'Visit.error.endDateBeforeStartDate', 'The end date is before the start date');
  if (change.existing) {
    const encounters = await ctx.sql.rows(
      'SELECT encounter_datetime FROM encounter WHERE visit_id = ? AND voided = 0',
      [visit.visit_id],
    );
    const times = encounters.map((e) => String(e.encounter_datetime));
    if (times.some((t) => t < start)) {
      reject(
        'startDatetime',
        'Visit.encountersCannotBeBeforeStartDate',
        'This visit has encounters whose dates cannot be before the start date of the visit.',
      );
    } else if (stop !== undefined && times.some((t) => t > stop)) {
      reject(
        'stopDatetime',
        'Visit.encountersCannotBeAfterStopDate',
        'This visit has encounters whose dates cannot be after the stop date of the visit.',
      );
    }
  }
  const ending =
    change.existing?.date_stopped === null && stop !== undefined && String(change.existing.date_started) === start;
  const overlapsDisallowed =
    (await globalProperty(ctx.sql, 'visits.allowOverlappingVisits', 'true')).toLowerCase() !== 'true';
  if (overlapsDisallowed && !ending) {
    const others = await ctx.sql.rows(
      `SELECT visit_id FROM visit WHERE patient_id = ? AND voided = 0 AND (? IS NULL OR date_started <= ?)
         AND (date_stopped IS NULL OR date_stopped >= ?)`,
      [visit.patient_id, stop ?? null, stop ?? null, start],
    );
    if (others.some((o) => o.visit_id !== visit.visit_id)) {
      reject(
        'startDatetime',
        'Visit.visitCannotOverlapAnotherVisitOfTheSamePatient',
        'This visit overlaps with another visit of the same patient.',
      );
    }
  }
  const person = await ctx.row('person', visit.patient_id);
  if (person?.birthdate && start.slice(0, 10) < earliestStart(person)) {
    reject(
      'startDatetime',
      'Visit.startDateCannotFallBeforeTheBirthDateOfTheSamePatient',
      'This visit has a start date that falls before the birthdate of the same patient.',
    );
  }
  return errors;
}

const FIELDS = (nested: string) =>
  `uuid,display,patient:ref,visitType:ref,indication:ref,location:ref,startDatetime,stopDatetime,encounters${nested},attributes${nested},voided`;

export const visit: Resource = {
  name: 'visit',
  version: '1.9',
  kind: 'data',
  table: { name: 'visit', key: 'visit_id' },
  properties: {
    patient: patientWithDefaultDate('date_started'),
    visitType: { column: 'visit_type_id', resource: 'visittype' },
    indication: { column: 'indication_concept_id', resource: 'concept' },
    location: { column: 'location_id', resource: 'location' },
    startDatetime,
    stopDatetime: { column: 'date_stopped', type: 'date' },
    encounters: {
      resource: 'encounter',
      get: (row, ctx) =>
        ctx.sql.rows(
          'SELECT * FROM encounter WHERE visit_id = ? AND voided = 0 ORDER BY encounter_datetime DESC, encounter_id DESC',
          [row.visit_id],
        ),
    },
    attributes,
  },
  representations: { default: FIELDS(':ref'), full: `${FIELDS('')},auditInfo` },
  display: async (row, ctx) => {
    const type = await ctx.row('visittype', row.visit_type_id);
    const location = await ctx.row('location', row.location_id);
    const at = location ? `@ ${String(location.name)}` : '?';
    return `${String(type?.name ?? '?')} ${at} - ${displayDate(row.date_started, true)}`;
  },
  // VisitServiceImpl.saveVisit: Add Visits for a new visit, Edit Visits for a saved one; unvoidVisit
  // saves the visit.
  privileges: {
    get: 'Get Visits',
    create: 'Add Visits | Edit Visits; Add Visits',
    update: 'Add Visits | Edit Visits; Edit Visits',
    delete: 'Delete Visits',
    undelete: 'Delete Visits; Edit Visits',
    purge: 'Purge Visits',
  },
  // The void handlers void the visit's encounters, their obs and orders, and its attributes with it;
  // unvoiding restores those voided at the same time.
  cascadeVoid: (row, reason, ctx) => voidOwned(visit, row, reason, VISIT_PARTS, ctx),
  // VisitServiceImpl.purgeVisit.
  beforePurge: async (row, ctx) => {
    const [used] = await ctx.sql.rows('SELECT 1 FROM encounter WHERE visit_id = ? LIMIT 1', [row.visit_id]);
    if (used) throw apiException('Cannot permanently delete a visit that has encounters associated to it');
  },
  // doGetAll: every visit.
  list: (ctx) => ({ where: ctx.includeAll ? undefined : 't.voided = 0', orderBy: ORDER }),
  search: visitSearch,
  creatable: ['patient', 'visitType', 'startDatetime', 'stopDatetime', 'location', 'indication', 'attributes'],
  required: ['patient', 'visitType'],
  updatable: ['visitType', 'startDatetime', 'stopDatetime', 'location', 'indication', 'attributes'],
  validate: validateVisit,
};
