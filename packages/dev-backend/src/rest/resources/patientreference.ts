import { now } from '../../dates';
import type { Property } from '../resource';
import { referenceKey } from '../writes';

/**
 * The patient an encounter or visit belongs to. Their resources default the date to now on create;
 * the patient is applied first, so a posted date still overrides the default.
 */
export function patientWithDefaultDate(dateColumn: string): Property {
  return {
    resource: 'patient',
    get: (row, ctx) => ctx.row('patient', row.patient_id),
    set: async (value, change, ctx) => {
      change.columns.patient_id = await referenceKey('patient', value, ctx);
      if (!change.existing) change.columns[dateColumn] = now();
    },
  };
}
