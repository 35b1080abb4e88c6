import { parseRestDate, restDate } from '../../dates';
import type { Row } from '../../database';
import { conversionFailed, notSupported, ValidationError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, Resource } from '../resource';
import { referenceKey } from '../writes';
import { conceptDisplay } from './concept';
import { NOBODY_CHECKED } from '../resource';

// PatientStateResource1_8, reached as programenrollment/<uuid>/state. Creating one is
// PatientProgram.transitionToState: the open state of the same workflow ends where the new one
// starts; a terminal state completes the enrolment (savePatientProgram).

/** start_date and end_date are DATE columns. */
function dateColumn(column: string) {
  return {
    set: (value: unknown, change: Change) => {
      const parsed = typeof value === 'string' ? parseRestDate(value) : value === null ? null : undefined;
      if (parsed === undefined) throw conversionFailed(`Cannot convert ${JSON.stringify(value)} to a date`);
      change.columns[column] = parsed === null ? null : parsed.slice(0, 10);
    },
    get: (row: Row) => restDate(row[column]),
  };
}

async function setState(value: unknown, change: Change, ctx: RequestContext): Promise<void> {
  const stateId = await referenceKey('workflowstate', value, ctx);
  const enrolmentId = change.columns.patient_program_id ?? change.existing?.patient_program_id;
  const [state] = await ctx.sql.rows(
    `SELECT s.*, w.program_id FROM program_workflow_state s
     JOIN program_workflow w ON w.program_workflow_id = s.program_workflow_id WHERE s.program_workflow_state_id = ?`,
    [stateId],
  );
  const [enrolment] = await ctx.sql.rows('SELECT * FROM patient_program WHERE patient_program_id = ?', [enrolmentId]);
  if (!state || !enrolment || state.program_id !== enrolment.program_id) {
    throw new ValidationError({
      state: [{ code: 'PatientState.error.stateNotInProgram', message: 'State does not belong to the program' }],
    });
  }
  change.columns.state = stateId;
  if (change.existing) return;
  change.afterSave.push(async (key, sql) => {
    const [saved] = await sql.rows('SELECT * FROM patient_state WHERE patient_state_id = ?', [key]);
    let start = saved.start_date;
    if (start === null) {
      start = String(enrolment.date_enrolled).slice(0, 10);
      await sql.execute('UPDATE patient_state SET start_date = ? WHERE patient_state_id = ?', [start, key]);
    }
    await sql.execute(
      `UPDATE patient_state ps JOIN program_workflow_state s ON s.program_workflow_state_id = ps.state
       SET ps.end_date = ? WHERE ps.patient_program_id = ? AND ps.patient_state_id <> ? AND ps.voided = 0
         AND ps.end_date IS NULL AND s.program_workflow_id = ?`,
      [start, enrolmentId, key, state.program_workflow_id],
    );
    if (state.terminal && enrolment.date_completed === null) {
      await sql.execute('UPDATE patient_program SET date_completed = ? WHERE patient_program_id = ?', [
        start,
        enrolmentId,
      ]);
    }
  });
}

export const patientstate: Resource = {
  name: 'patientstate',
  parent: { resource: 'programenrollment', path: 'state', column: 'patient_program_id' },
  version: '1.8',
  kind: 'data',
  table: { name: 'patient_state', key: 'patient_state_id' },
  properties: {
    state: { resource: 'workflowstate', get: (row, ctx) => ctx.row('workflowstate', row.state), set: setState },
    patientProgram: { column: 'patient_program_id', resource: 'programenrollment' },
    startDate: dateColumn('start_date'),
    endDate: dateColumn('end_date'),
  },
  representations: {
    ref: 'uuid,display,state:ref,startDate,endDate,voided',
    default: 'uuid,display,state:default,patientProgram:ref,startDate,endDate,voided',
    full: 'uuid,display,state:full,patientProgram:default,startDate,endDate,voided,auditInfo',
  },
  display: async (row, ctx) => {
    const state = await ctx.row('workflowstate', row.state);
    return state ? conceptDisplay(state.concept_id, ctx) : '';
  },
  // getPatientStateByUuid has no @Authorized. PatientStateResource1_8.save only adds the state to the
  // enrolment, with no check at all, and it is saved only if something later flushes the session: here
  // a state is saved as the enrolment is (savePatientProgram). Only the last state can be voided.
  privileges: {
    get: NOBODY_CHECKED,
    create: 'Add Patient Programs | Edit Patient Programs',
    update: 'Add Patient Programs | Edit Patient Programs',
    delete: 'Add Patient Programs | Edit Patient Programs',
  },
  // doGetAll: the states are read through the enrolment.
  childListing: () => Promise.reject(notSupported('Operation not supported.')),
  creatable: ['state', 'startDate', 'endDate'],
  required: ['state'],
  updatable: ['startDate', 'endDate'],
};
