import type { Row } from '../../database';
import { notSupported, RestError, ValidationError, type FieldError } from '../../http/errors';
import type { RequestContext } from '../context';
import { selfLink } from '../represent';
import type { Change, Listing, Resource } from '../resource';
import { patientIdentifierOf } from './patient';
import { personDisplay } from './person';

// The cohort module (3.7.3) under its REST namespace `cohortm`: patient lists (CohortResource over the
// module's CohortM, core's `cohort` table with the columns the module adds) and their memberships
// (CohortMemberResource). What the O3 patient banner and patient-list app read is emulated: a member by
// uuid, the members of a patient or of a list, a list by uuid and all lists; creating a list and adding a
// patient to it; editing their dates and names; voiding and purging. The name searches, types and
// attributes are not (README).

export const VIEW_COHORTS = 'View Cohorts In Cohort Module';
/** CohortService.EDIT_COHORTS_PRIVILEGE spells "in" in lower case; core compares privilege names ignoring case. */
export const EDIT_COHORTS = 'Edit Cohorts In Cohort Module';

const WRITES = { create: EDIT_COHORTS, update: EDIT_COHORTS, delete: EDIT_COHORTS, purge: EDIT_COHORTS } as const;

const notEmulated = (what: string) => notSupported(`cohortm: ${what} is not emulated by the dev backend`);

/** The module's getByUniqueId: its DAO leaves voided rows out (AbstractGenericDao.get). */
async function unvoided(table: string, uuid: string, ctx: RequestContext): Promise<Row | undefined> {
  return (await ctx.sql.rows(`SELECT * FROM \`${table}\` WHERE uuid = ? AND voided = 0`, [uuid]))[0];
}

/** A memberships search by a list's or a patient's uuid: every unended membership, voided ones included. */
function memberships(join: string, uuid: string): Listing {
  return {
    joins: `JOIN ${join}`,
    where: 's.uuid = ? AND t.end_date IS NULL',
    params: [uuid],
    orderBy: 't.cohort_member_id',
  };
}

/**
 * CohortMemberResource.doSearch: `cohort` (with `q`, by patient name), else `patient`; the service
 * checks the privilege only once a search is chosen, so a search with neither is a 400 for anyone.
 */
async function memberSearch(ctx: RequestContext): Promise<Listing> {
  const cohort = ctx.param('cohort');
  const patient = ctx.param('patient');
  if (!cohort && !patient) {
    throw new RestError(
      400,
      'The search with the given parameters is not valid',
      'No valid value specified for params query(q), cohort and/or patient',
      'InvalidSearchException',
    );
  }
  ctx.require(VIEW_COHORTS);
  if (cohort && ctx.param('q')) throw notEmulated('the search by cohort and patient name');
  if (cohort) return memberships('cohort s ON s.cohort_id = t.cohort_id', cohort);
  return memberships('person s ON s.person_id = t.patient_id', patient!);
}

/** CohortMemberResource display: "<preferred identifier>-<full name>" (PatientIdentifier.toString). */
async function memberDisplay(row: Row, ctx: RequestContext): Promise<string> {
  const identifier = await patientIdentifierOf(row.patient_id, ctx);
  return `${identifier ? String(identifier.identifier) : 'null'}-${await personDisplay(row.patient_id, ctx)}`;
}

const DEFAULT_HANDLER = 'org.openmrs.module.cohort.definition.handler.DefaultCohortDefinitionHandler';

/** A RuntimeException thrown by the resource: no @ResponseStatus, so a 500. */
const runtimeError = (message: string) => new RestError(500, '', message, 'RuntimeException');

/**
 * CohortMemberResource.save: no patient is added twice while a membership is open (a voided list is never
 * found, as getByUniqueId leaves it out). A patient who was in the list before has that membership
 * reopened instead, which is not emulated.
 */
async function checkNewMember(change: Change, ctx: RequestContext): Promise<void> {
  const { cohort_id: cohortId, patient_id: patientId, end_date: endDate } = change.columns;
  const [earlier] = await ctx.sql.rows(
    'SELECT end_date FROM cohort_member WHERE cohort_id = ? AND patient_id = ? ORDER BY cohort_member_id LIMIT 1',
    [cohortId, patientId],
  );
  if (!earlier) return;
  if (earlier.end_date === null && (endDate ?? null) === null) throw runtimeError('Patient already exists in group.');
  throw notEmulated('reopening the membership of a patient who was in the list');
}

/**
 * An edited membership goes through the same save, which finds the membership itself among the list's:
 * unless it now has an end date, the patient "already exists in group".
 */
async function checkEditedMember(change: Change): Promise<Record<string, FieldError[]>> {
  const endDate = 'end_date' in change.columns ? change.columns.end_date : change.existing?.end_date;
  if (change.existing && (endDate ?? null) === null) throw runtimeError('Patient already exists in group.');
  return {};
}

/** CohortMValidator: a name, unique among the unvoided lists, and a start no later than the end. */
async function validateCohort(change: Change, ctx: RequestContext): Promise<Record<string, FieldError[]>> {
  const errors: Record<string, FieldError[]> = {};
  const value = (column: string) => (column in change.columns ? change.columns[column] : change.existing?.[column]);
  const name = value('name');
  const error = (field: string, code: string) => (errors[field] ??= []).push({ code, message: code });
  if (typeof name !== 'string' || name.trim() === '') error('name', 'Cohort Name Required');
  else {
    const [same] = await ctx.sql.rows('SELECT cohort_id FROM cohort WHERE name = ? AND voided = 0', [name]);
    if (same && same.cohort_id !== change.existing?.cohort_id) error('name', 'A cohort with this name already exists');
  }
  const start = value('startDate');
  const end = value('endDate');
  if (start && end && String(end) < String(start)) error('startDate', 'Start date should be before the end date');
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return {};
}

/** A row of the module's that the dev backend has no resource for, as its ref (uuid, display, self link). */
function moduleRef(ctx: RequestContext, row: Row, path: string): Row {
  return { uuid: row.uuid, display: row.display, links: [selfLink(ctx, `cohortm/${path}`, row.uuid)] };
}

/**
 * The unvoided attributes of a list or a membership (`owner` its table), as refs in every
 * representation: none can be made through the dev backend, which has no resource for them.
 */
async function attributesOf(owner: 'cohort' | 'cohort_member', row: Row, ctx: RequestContext): Promise<Row[]> {
  const [typeKey, typeColumn] =
    owner === 'cohort'
      ? ['cohort_attribute_type_id', 'attribute_type_id']
      : ['cohort_member_attribute_type_id', 'cohort_member_attribute_type_id'];
  const attributes = await ctx.sql.rows(
    // BaseAttributeCrudResource1_9's display: "<type name>: <value>".
    `SELECT a.uuid, CONCAT(t.name, ': ', a.value_reference) display FROM ${owner}_attribute a
       JOIN ${owner}_attribute_type t ON t.${typeKey} = a.${typeColumn}
      WHERE a.${owner}_id = ? AND a.voided = 0 ORDER BY a.${owner}_attribute_id`,
    [row[`${owner}_id`]],
  );
  const parent = `${owner === 'cohort' ? 'cohort' : 'cohortmember'}/${String(row.uuid)}/attribute`;
  return attributes.map((attribute) => moduleRef(ctx, attribute, parent));
}

export const cohortmember: Resource = {
  name: 'cohortm/cohortmember',
  version: '1.8',
  kind: 'data',
  table: { name: 'cohort_member', key: 'cohort_member_id' },
  properties: {
    patient: { column: 'patient_id', resource: 'patient' },
    cohort: { column: 'cohort_id', resource: 'cohortm/cohort' },
    startDate: { column: 'start_date', type: 'date' },
    endDate: { column: 'end_date', type: 'date' },
    attributes: { get: (row, ctx) => attributesOf('cohort_member', row, ctx) },
  },
  representations: {
    default: 'patient:ref,startDate,endDate,uuid,voided,attributes,cohort:ref',
    full: 'display,startDate,endDate,uuid,voided,patient:full,cohort:default,attributes,auditInfo',
  },
  display: memberDisplay,
  // CohortMemberService: View for the reads; Edit to save, void and purge. DELETE voids the row
  // (RequiredDataAdvice on voidCohortMember); undelete is BaseDelegatingResource's 400.
  privileges: { get: VIEW_COHORTS, list: '', ...WRITES },
  find: (uuid, ctx) => unvoided('cohort_member', uuid, ctx),
  search: memberSearch,
  creatable: ['cohort', 'patient', 'startDate', 'endDate'],
  required: ['cohort', 'patient', 'startDate'],
  updatable: ['startDate', 'endDate'],
  validate: checkEditedMember,
  beforeInsert: checkNewMember,
};

export const cohort: Resource = {
  name: 'cohortm/cohort',
  version: '1.8',
  kind: 'data',
  table: { name: 'cohort', key: 'cohort_id' },
  properties: {
    name: { column: 'name' },
    description: { column: 'description' },
    startDate: { column: 'startDate', type: 'date' },
    endDate: { column: 'endDate', type: 'date' },
    groupCohort: { column: 'is_group_cohort', type: 'boolean' },
    location: { column: 'location_id', resource: 'location' },
    voidReason: { column: 'void_reason' },
    // CohortTypeResource's display is the type's name; shown as a ref, like the attributes.
    cohortType: {
      get: async (row, ctx) => {
        const [type] = await ctx.sql.rows('SELECT uuid, name AS display FROM cohort_type WHERE cohort_type_id = ?', [
          row.cohort_type_id,
        ]);
        return type ? moduleRef(ctx, type, 'cohorttype') : null;
      },
    },
    attributes: { get: (row, ctx) => attributesOf('cohort', row, ctx) },
    // CohortM.activeCohortMembers: unvoided, started (or without a start) and not yet ended.
    cohortMembers: {
      resource: 'cohortm/cohortmember',
      get: (row, ctx) =>
        ctx.sql.rows(
          `SELECT * FROM cohort_member WHERE cohort_id = ? AND voided = 0
              AND (start_date IS NULL OR start_date <= NOW()) AND (end_date IS NULL OR end_date >= NOW())
            ORDER BY cohort_member_id`,
          [row.cohort_id],
        ),
    },
  },
  representations: {
    default:
      'name,description,startDate,endDate,groupCohort,uuid,location:ref,cohortType,attributes,voided,voidReason,display',
    full: 'name,description,startDate,endDate,groupCohort,location:full,cohortMembers:full,cohortType,attributes,voided,voidReason,uuid,auditInfo,display',
  },
  display: (row) => row.name,
  privileges: { get: VIEW_COHORTS, list: VIEW_COHORTS, ...WRITES },
  find: (uuid, ctx) => unvoided('cohort', uuid, ctx),
  list: () => ({ where: 't.voided = 0', orderBy: 't.cohort_id' }),
  creatable: ['name', 'description', 'location', 'startDate', 'endDate', 'groupCohort'],
  required: ['name'],
  updatable: ['name', 'description', 'location', 'startDate', 'endDate', 'groupCohort'],
  validate: validateCohort,
  // CohortM's constructor: a manual list (the default definition handler), not a group.
  beforeInsert: async (change) => {
    change.columns.definition_handler = DEFAULT_HANDLER;
    change.columns.is_group_cohort ??= 0;
  },
  search: () => {
    throw notEmulated('the search of cohorts');
  },
  // RequiredDataAdvice voids the cohort's memberships with it (same user, date and reason). Undelete
  // is not supported (BaseDelegatingResource's 400), so nothing is unvoided.
  cascadeVoid: async (row, reason, ctx) => {
    if (reason === null) return;
    await ctx.sql.execute(
      `UPDATE cohort_member m JOIN cohort c ON c.cohort_id = m.cohort_id
          SET m.voided = 1, m.voided_by = c.voided_by, m.date_voided = c.date_voided, m.void_reason = c.void_reason
        WHERE m.cohort_id = ? AND m.voided = 0`,
      [row.cohort_id],
    );
  },
  // The memberships are mapped with CascadeType.ALL: a purge deletes them first.
  beforePurge: async (row, ctx) => {
    await ctx.sql.execute(
      `DELETE a FROM cohort_member_attribute a JOIN cohort_member m ON m.cohort_member_id = a.cohort_member_id
        WHERE m.cohort_id = ?`,
      [row.cohort_id],
    );
    await ctx.sql.execute('DELETE FROM cohort_member WHERE cohort_id = ?', [row.cohort_id]);
  },
};
