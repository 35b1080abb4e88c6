import type { Row } from '../../database';
import type { RequestContext } from '../context';
import { represent } from '../represent';
import type { Resource } from '../resource';
import { REF, type Representation } from '../representation';
import { conceptDisplay } from './concept';

// DiagnosisResource 2.2 (encounter_diagnosis), read-only here: what an encounter's `diagnoses` show.

/** CodedOrFreeTextConverter: coded concept, specific name and free text, each only when set. */
async function codedOrFreeText(row: Row, ctx: RequestContext, rep: Representation): Promise<Row> {
  const parts: Record<string, () => Promise<unknown>> = {
    coded: async () => {
      const concept = await ctx.row('concept', row.diagnosis_coded);
      return concept && represent(ctx.resource('concept'), concept, nested('coded'), ctx);
    },
    specificName: async () => {
      const name = await ctx.row('conceptname', row.diagnosis_coded_name);
      return name && represent(ctx.resource('conceptname'), name, nested('specificName'), ctx);
    },
    nonCoded: async () => row.diagnosis_non_coded,
  };
  function nested(name: string): Representation {
    return rep.kind === 'custom' ? (rep.properties.find((p) => p.name === name)?.representation ?? REF) : rep;
  }
  const names = rep.kind === 'custom' ? rep.properties.map((p) => p.name) : ['specificName', 'coded', 'nonCoded'];
  const result: Row = {};
  for (const name of names) {
    const value = await parts[name]?.();
    if (value !== null && value !== undefined) result[name] = value;
  }
  return result;
}

export const patientdiagnoses: Resource = {
  name: 'patientdiagnoses',
  version: '2.2',
  kind: 'data',
  table: { name: 'encounter_diagnosis', key: 'diagnosis_id' },
  properties: {
    diagnosis: { get: codedOrFreeText },
    // The condition resource is not served here; no diagnosis the generator or our apps write has one.
    condition: { get: () => null },
    encounter: { column: 'encounter_id', resource: 'encounter' },
    patient: { column: 'patient_id', resource: 'patient' },
    certainty: { column: 'certainty' },
    rank: { column: 'dx_rank', type: 'number' },
  },
  representations: {
    default: 'uuid,diagnosis:ref,condition:ref,encounter:ref,certainty,rank,voided,display,patient:ref',
    full: 'uuid,diagnosis,patient:ref,condition,encounter,certainty,rank,voided,auditInfo,display',
  },
  display: async (row, ctx) =>
    row.diagnosis_coded !== null ? conceptDisplay(row.diagnosis_coded, ctx) : (row.diagnosis_non_coded ?? ''),
  privileges: { read: 'Get Diagnoses' },
};
