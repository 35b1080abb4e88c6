import { now } from '../../dates';
import type { Row } from '../../database';
import type { FieldError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, Resource } from '../resource';
import { objectList, saveChildren, voidOwned } from '../writes';
import { patientstate } from './patientstate';
import { NOBODY_CHECKED } from '../resource';

// ProgramEnrollmentResource2_2 (patient_program). `?patient=` lists a patient's unvoided enrolments,
// newest first. States posted with the enrolment are transitions (patientstate); PatientProgramValidator
// refuses a future enrolment date, a completion before it, and a second enrolment in the same program
// over overlapping dates.

function states(row: Row, ctx: RequestContext): Promise<Row[]> {
  return ctx.sql.rows(
    'SELECT * FROM patient_state WHERE patient_program_id = ? AND voided = 0 ORDER BY start_date, patient_state_id',
    [row.patient_program_id],
  );
}

function setStates(value: unknown, change: Change, ctx: RequestContext): void {
  const items = objectList(value, 'states');
  change.afterSave.push((key) => saveChildren(patientstate, items, { patient_program_id: key }, ctx));
}

async function validate(change: Change, ctx: RequestContext): Promise<Record<string, FieldError[]>> {
  const value = (column: string) => (column in change.columns ? change.columns[column] : change.existing?.[column]);
  const enrolled = value('date_enrolled') as string | null;
  const completed = value('date_completed') as string | null;
  const errors: Record<string, FieldError[]> = {};
  if (enrolled && enrolled > now()) {
    errors.dateEnrolled = [{ code: 'error.date.future', message: 'Cannot be a future date' }];
  }
  if (enrolled && completed && completed < enrolled) {
    errors.dateCompleted = [
      {
        code: 'PatientProgram.error.enrolledDateShouldBeBeforeCompletedDate',
        message: 'Cannot be before the enrolment',
      },
    ];
  }
  if (enrolled && !value('voided')) {
    const [overlap] = await ctx.sql.rows(
      `SELECT 1 FROM patient_program WHERE patient_id = ? AND program_id = ? AND voided = 0 AND patient_program_id <> ?
         AND (date_completed IS NULL OR date_completed > ?) AND (? IS NULL OR date_enrolled < ?)`,
      [
        value('patient_id'),
        value('program_id'),
        change.existing?.patient_program_id ?? -1,
        enrolled,
        completed,
        completed,
      ],
    );
    if (overlap) {
      errors.program = [
        {
          code: 'PatientProgram.error.cannotEnrollInSameProgram',
          message: 'The patient is already enrolled in this program at these dates',
        },
      ];
    }
  }
  return errors;
}

export const programenrollment: Resource = {
  name: 'programenrollment',
  version: '1.8',
  kind: 'data',
  table: { name: 'patient_program', key: 'patient_program_id' },
  properties: {
    patient: { column: 'patient_id', resource: 'patient' },
    program: { column: 'program_id', resource: 'program' },
    dateEnrolled: { column: 'date_enrolled', type: 'date' },
    dateCompleted: { column: 'date_completed', type: 'date' },
    location: { column: 'location_id', resource: 'location' },
    outcome: { column: 'outcome_concept_id', resource: 'concept' },
    states: { resource: 'patientstate', get: states, set: setStates },
    attributes: { get: () => [] },
  },
  representations: {
    ref: 'uuid,display,program:ref,dateEnrolled,dateCompleted',
    default:
      'uuid,display,patient:ref,program:ref,dateEnrolled,dateCompleted,location:ref,voided,outcome:ref,states:ref,attributes',
    full: 'uuid,display,patient,program,dateEnrolled,dateCompleted,location,voided,outcome,states:ref,attributes,auditInfo',
  },
  display: async (row, ctx) => (await ctx.row('program', row.program_id))?.name ?? '',
  // getPatientProgramByUuid has no @Authorized: anyone may read an enrolment by its uuid.
  privileges: {
    get: NOBODY_CHECKED,
    list: 'Get Patients; Get Patient Programs',
    create: 'Add Patient Programs | Edit Patient Programs',
    update: 'Add Patient Programs | Edit Patient Programs',
    delete: 'Delete Patient Programs',
    undelete: 'Delete Patient Programs',
    purge: 'Purge Patient Programs',
  },
  search: (ctx) => ({
    joins: 'JOIN person p ON p.person_id = t.patient_id',
    where: 'p.uuid = ? AND t.voided = 0',
    params: [ctx.param('patient') ?? ''],
    orderBy: 't.date_enrolled DESC, t.patient_program_id DESC',
  }),
  creatable: ['patient', 'program', 'dateEnrolled', 'dateCompleted', 'location', 'outcome', 'states'],
  required: ['patient', 'program', 'dateEnrolled'],
  updatable: ['dateEnrolled', 'dateCompleted', 'location', 'outcome', 'states'],
  validate,
  // voidPatientProgram voids its states with it; unvoid restores those voided at the same time.
  cascadeVoid: (row, reason, ctx) =>
    voidOwned(programenrollment, row, reason, [{ table: 'patient_state', where: 'patient_program_id = ?' }], ctx),
};
