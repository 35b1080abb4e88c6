import crypto from 'node:crypto';
import type { Row } from '../../database';
import { now } from '../../dates';
import { conversionFailed, type FieldError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, ComputedProperty, Listing, Resource } from '../resource';
import { codedOrFreeText, codedOrFreeTextDisplay } from './codedorfreetext';

// ConditionResource2_2 (the conditions table) and ConditionService 2.7: an edit that changes a
// condition voids it ("Condition replaced by <uuid>") and saves a new version pointing back to it.

export const CLINICAL_STATUSES = ['ACTIVE', 'INACTIVE', 'HISTORY_OF', 'RECURRENCE', 'RELAPSE', 'REMISSION', 'RESOLVED'];
const ACTIVE_STATUSES = ['ACTIVE', 'RECURRENCE', 'RELAPSE'];
const VERIFICATION_STATUSES = ['PROVISIONAL', 'CONFIRMED'];

function enumColumn(column: string, values: string[]): ComputedProperty {
  return {
    get: (row) => row[column] ?? null,
    set: (value, change) => {
      if (value !== null && (typeof value !== 'string' || !values.includes(value))) {
        throw conversionFailed(`Cannot convert ${JSON.stringify(value)} to ${column}: one of ${values.join(', ')}`);
      }
      change.columns[column] = value;
    },
  };
}

/** ConditionValidator. */
export async function validateCondition(change: Change): Promise<Record<string, FieldError[]>> {
  const condition = { ...change.existing, ...change.columns };
  const errors: Record<string, FieldError[]> = {};
  const blank = (v: unknown) => v === null || v === undefined;
  if (blank(condition.condition_coded) && blank(condition.condition_non_coded)) {
    errors.condition = [{ code: 'Condition.conditionShouldNotBeNull', message: 'The condition is required' }];
  }
  if (blank(condition.clinical_status)) {
    errors.clinicalStatus = [
      { code: 'Condition.clinicalStatusShouldNotBeNull', message: 'The clinical status is required' },
    ];
  }
  return errors;
}

/** The columns Condition.matches compares. */
const COMPARED = [
  'previous_version',
  'patient_id',
  'encounter_id',
  'form_namespace_and_path',
  'clinical_status',
  'verification_status',
  'condition_coded',
  'condition_coded_name',
  'condition_non_coded',
  'onset_date',
  'additional_detail',
  'end_date',
  'voided',
];

/**
 * ConditionService.saveCondition for an existing condition: when anything changed the original is
 * voided and, unless the change is a void, a copy with the changes is saved as its next version.
 * Answers the condition that now stands.
 */
export async function saveConditionVersion(existing: Row, columns: Row, ctx: RequestContext): Promise<Row> {
  const next = { ...existing, ...columns };
  const changed = COMPARED.some((c) => String(next[c] ?? '') !== String(existing[c] ?? ''));
  if (!changed || Number(existing.voided) === 1) return existing;
  const voiding = Number(next.voided) === 1;
  const uuid = crypto.randomUUID();
  await ctx.sql.execute(
    'UPDATE conditions SET voided = 1, voided_by = ?, date_voided = ?, void_reason = ? WHERE condition_id = ?',
    [ctx.userId, now(), voiding ? 'Condition removed' : `Condition replaced by ${uuid}`, existing.condition_id],
  );
  if (voiding) return { ...existing, voided: 1 };
  const copy = Object.fromEntries(
    Object.entries(next).filter(
      ([c]) => !['condition_id', 'voided_by', 'date_voided', 'void_reason', 'changed_by', 'date_changed'].includes(c),
    ),
  );
  const { insertId } = await ctx.sql.execute('INSERT INTO conditions SET ?', [
    { ...copy, uuid, previous_version: existing.condition_id, voided: 0, creator: ctx.userId, date_created: now() },
  ]);
  const [saved] = await ctx.sql.rows('SELECT * FROM conditions WHERE condition_id = ?', [insertId]);
  return saved;
}

/** doSearch: the patient's active conditions (all with includeInactive=true), newest first. */
function conditionSearch(ctx: RequestContext): Listing {
  const patient = ctx.param('patientUuid');
  if (patient === undefined) return { rows: [] };
  const all = ctx.param('includeInactive')?.toLowerCase() === 'true';
  return {
    where: `t.voided = 0 AND t.patient_id = (SELECT person_id FROM person WHERE uuid = ?)${all ? '' : ' AND t.clinical_status IN (?)'}`,
    params: all ? [patient] : [patient, ACTIVE_STATUSES],
    orderBy: 't.date_created DESC, t.condition_id DESC',
  };
}

const FIELDS = (nested: string) =>
  `uuid,display,condition${nested},patient:ref,clinicalStatus,verificationStatus,previousVersion${nested},onsetDate,endDate`;

export const condition: Resource = {
  name: 'condition',
  version: '1.8',
  kind: 'data',
  table: { name: 'conditions', key: 'condition_id' },
  properties: {
    condition: codedOrFreeText('condition'),
    patient: { column: 'patient_id', resource: 'patient' },
    clinicalStatus: enumColumn('clinical_status', CLINICAL_STATUSES),
    verificationStatus: enumColumn('verification_status', VERIFICATION_STATUSES),
    previousVersion: { column: 'previous_version', resource: 'condition' },
    onsetDate: { column: 'onset_date', type: 'date' },
    endDate: { column: 'end_date', type: 'date' },
    additionalDetail: { column: 'additional_detail' },
  },
  representations: {
    default: `${FIELDS(':ref')},voided`,
    full: `${FIELDS('')},additionalDetail,voided,auditInfo`,
  },
  display: (row, ctx) => codedOrFreeTextDisplay(row, 'condition', ctx),
  privileges: {
    get: 'Get Conditions',
    list: 'Get Patients; Get Conditions',
    create: 'Edit Conditions',
    update: 'Edit Conditions',
    delete: 'Edit Conditions',
    purge: 'Delete Conditions',
  },
  search: conditionSearch,
  creatable: [
    'patient',
    'condition',
    'clinicalStatus',
    'verificationStatus',
    'onsetDate',
    'endDate',
    'additionalDetail',
  ],
  updatable: ['condition', 'clinicalStatus', 'verificationStatus', 'onsetDate', 'endDate', 'additionalDetail'],
  validate: validateCondition,
  replacedOnEdit: { column: 'previous_version', save: saveConditionVersion },
};
