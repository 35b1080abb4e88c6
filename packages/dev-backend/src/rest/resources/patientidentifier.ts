import type { FieldError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change, Resource } from '../resource';

// PatientIdentifierResource 1.8; reached as patient/<uuid>/identifier. PatientIdentifierValidator's
// rules: the type's format regex, uniqueness among unvoided identifiers of the type, and a location
// when the type's location behaviour is REQUIRED.

async function validateIdentifier(change: Change, ctx: RequestContext): Promise<Record<string, FieldError[]>> {
  const value = (column: string) => (column in change.columns ? change.columns[column] : change.existing?.[column]);
  const identifier = value('identifier');
  const typeId = value('identifier_type');
  if (typeof identifier !== 'string' || typeId === null || typeId === undefined) return {};
  // Locking the type until the write commits makes check and insert one step: of two patients saved
  // at once with the same NID, the second sees the first's (OpenMRS itself checks without a lock).
  const [type] = await ctx.sql.rows(
    'SELECT * FROM patient_identifier_type WHERE patient_identifier_type_id = ? FOR UPDATE',
    [typeId],
  );
  const errors: Record<string, FieldError[]> = {};
  const format = typeof type?.format === 'string' ? type.format.trim() : '';
  if (format !== '' && !new RegExp(`^(?:${format})$`).test(identifier)) {
    const described = type.format_description || format;
    errors.identifier = [
      {
        code: 'PatientIdentifier.error.invalidFormat',
        message: `Identifier "${identifier}" does not match the format of ${String(type.name)}: ${String(described)}`,
      },
    ];
  }
  if (type?.uniqueness_behavior !== 'NON_UNIQUE') {
    const [taken] = await ctx.sql.rows(
      `SELECT 1 FROM patient_identifier i JOIN patient p ON p.patient_id = i.patient_id
       WHERE i.identifier = ? AND i.identifier_type = ? AND i.voided = 0 AND p.voided = 0
         AND i.patient_id <> ? AND i.patient_identifier_id <> ?`,
      [identifier, typeId, value('patient_id') ?? -1, change.existing?.patient_identifier_id ?? -1],
    );
    if (taken) {
      errors.identifier = [
        {
          code: 'PatientIdentifier.error.duplicate',
          message: `Identifier "${identifier}" is already in use by another patient`,
        },
      ];
    }
  }
  if (type?.location_behavior === 'REQUIRED' && !value('location_id')) {
    errors.location = [{ code: 'PatientIdentifier.location.null', message: 'Location is required' }];
  }
  return errors;
}

export const patientidentifier: Resource = {
  name: 'patientidentifier',
  parent: { resource: 'patient', path: 'identifier', column: 'patient_id' },
  version: '1.8',
  kind: 'data',
  table: { name: 'patient_identifier', key: 'patient_identifier_id' },
  properties: {
    identifier: { column: 'identifier' },
    identifierType: { column: 'identifier_type', resource: 'patientidentifiertype' },
    location: { column: 'location_id', resource: 'location' },
    preferred: { column: 'preferred', type: 'boolean' },
  },
  representations: {
    default: 'display,uuid,identifier,identifierType:ref,location:ref,preferred,voided',
    full: 'display,uuid,identifier,identifierType,location,preferred,voided,auditInfo',
  },
  display: async (row, ctx) => {
    const type = await ctx.row('patientidentifiertype', row.identifier_type);
    return `${String(type?.name ?? '')} = ${String(row.identifier)}`;
  },
  // PatientServiceImpl.savePatientIdentifier: Add Patient Identifiers for a new one, Edit for a saved
  // one; a purge removes it from the patient and saves the patient (Edit Patients).
  privileges: {
    get: 'Get Patient Identifiers',
    create: 'Add Patient Identifiers | Edit Patient Identifiers; Add Patient Identifiers',
    update: 'Add Patient Identifiers | Edit Patient Identifiers; Edit Patient Identifiers',
    delete: 'Delete Patient Identifiers',
    purge: 'Add Patients | Edit Patients; Edit Patients',
  },
  creatable: ['identifier', 'identifierType', 'location', 'preferred'],
  required: ['identifier', 'identifierType'],
  validate: validateIdentifier,
};
