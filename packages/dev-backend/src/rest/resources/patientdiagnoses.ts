import { parseRestDate } from '../../dates';
import { conversionFailed, type FieldError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, ComputedProperty, Listing, Resource } from '../resource';
import { codedOrFreeText, codedOrFreeTextDisplay } from './codedorfreetext';

// DiagnosisResource2_5 (encounter_diagnosis): created, updated and voided by the notes app, with
// DiagnosisValidator's checks; searched by patientUuid and fromDate.

const CERTAINTIES = ['CONFIRMED', 'PROVISIONAL'];

const certainty: ComputedProperty = {
  get: (row) => row.certainty ?? null,
  set: (value, change) => {
    if (value !== null && (typeof value !== 'string' || !CERTAINTIES.includes(value))) {
      throw conversionFailed(`Cannot convert ${JSON.stringify(value)} to certainty: one of ${CERTAINTIES.join(', ')}`);
    }
    change.columns.certainty = value;
  },
};

/** form_namespace_and_path holds "<namespace>^<path>". */
export function formField(part: 'namespace' | 'path'): ComputedProperty {
  const index = part === 'namespace' ? 0 : 1;
  return {
    get: (row) => String(row.form_namespace_and_path ?? '').split('^')[index] || null,
    set: (value, change) => {
      const current = String(change.columns.form_namespace_and_path ?? change.existing?.form_namespace_and_path ?? '^');
      const parts = current.split('^');
      parts[index] = value === null ? '' : String(value);
      change.columns.form_namespace_and_path = parts.join('^') === '^' ? null : parts.join('^');
    },
  };
}

async function validateDiagnosis(change: Change): Promise<Record<string, FieldError[]>> {
  const diagnosis = { ...change.existing, ...change.columns };
  const errors: Record<string, FieldError[]> = {};
  if (Number(diagnosis.voided) === 1) return errors;
  const blank = (v: unknown) => v === null || v === undefined;
  if (blank(diagnosis.diagnosis_coded) && blank(diagnosis.diagnosis_non_coded)) {
    errors.diagnosis = [{ code: 'error.null', message: 'Cannot be empty or null' }];
  }
  if (!blank(diagnosis.dx_rank) && Number(diagnosis.dx_rank) < 0) {
    errors.rank = [{ code: 'error.rank.notPositiveInteger', message: 'Rank must be a positive integer' }];
  }
  return errors;
}

/** doSearch: the patient's diagnoses since fromDate (both required). */
async function diagnosisSearch(ctx: RequestContext): Promise<Listing> {
  const patient = ctx.param('patientUuid');
  const from = ctx.param('fromDate');
  if (patient === undefined || from === undefined) return { rows: [] };
  const date = parseRestDate(from);
  if (date === undefined) throw conversionFailed(`Cannot convert '${from}' to a date for fromDate`);
  return {
    where: `t.voided = 0 AND t.patient_id = (SELECT person_id FROM person WHERE uuid = ?) AND t.date_created >= ?`,
    params: [patient, date],
    orderBy: 't.diagnosis_id',
  };
}

const FORM_FIELD = 'formFieldNamespace,formFieldPath';

export const patientdiagnoses: Resource = {
  name: 'patientdiagnoses',
  version: '1.8',
  kind: 'data',
  table: { name: 'encounter_diagnosis', key: 'diagnosis_id' },
  properties: {
    diagnosis: codedOrFreeText('diagnosis'),
    condition: { column: 'condition_id', resource: 'condition' },
    encounter: { column: 'encounter_id', resource: 'encounter' },
    patient: { column: 'patient_id', resource: 'patient' },
    certainty,
    rank: { column: 'dx_rank', type: 'number' },
    formFieldNamespace: formField('namespace'),
    formFieldPath: formField('path'),
  },
  representations: {
    default: `uuid,diagnosis:ref,condition:ref,encounter:ref,certainty,rank,voided,display,patient:ref,${FORM_FIELD}`,
    full: `uuid,diagnosis,patient:ref,condition,encounter,certainty,rank,voided,auditInfo,display,${FORM_FIELD}`,
  },
  display: (row, ctx) => codedOrFreeTextDisplay(row, 'diagnosis', ctx),
  privileges: {
    get: 'Get Diagnoses',
    list: 'Get Patients; Get Diagnoses',
    create: 'Edit Diagnoses',
    update: 'Edit Diagnoses',
    delete: 'Edit Diagnoses',
    purge: 'Delete Diagnoses',
  },
  search: diagnosisSearch,
  creatable: [
    'diagnosis',
    'encounter',
    'condition',
    'certainty',
    'patient',
    'rank',
    'formFieldNamespace',
    'formFieldPath',
  ],
  required: ['diagnosis', 'encounter', 'condition', 'certainty', 'patient', 'rank'],
  updatable: ['diagnosis', 'condition', 'rank', 'certainty', 'encounter', 'formFieldNamespace', 'formFieldPath'],
  validate: validateDiagnosis,
};
