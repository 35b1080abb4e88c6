import { cell, flag } from '../configuration';
import { nameDescription } from '../load-context';
import { bool, DESCRIPTION, EPTS_ID, NAME, RETIRE, text, UUID, type DomainDef } from './types';

export const patientIdentifierTypes: DomainDef = {
  folder: 'patientidentifiertypes',
  label: 'patient identifier type',
  table: 'patient_identifier_type',
  columns: [
    UUID,
    RETIRE,
    NAME,
    DESCRIPTION,
    { header: 'Required', cell: bool },
    { header: 'Format', cell: text },
    { header: 'Format description', cell: text },
    { header: 'Validator', cell: text },
    { header: 'Location behavior', cell: { type: 'enum', values: ['REQUIRED', 'NOT_USED'] } },
    { header: 'Uniqueness behavior', cell: { type: 'enum', values: ['UNIQUE', 'NON_UNIQUE', 'LOCATION'] } },
    EPTS_ID,
  ],
  load: (ctx, rows) =>
    ctx.syncMetadata('patientidentifiertypes', 'patient_identifier_type', rows, (r) => ({
      ...nameDescription(r),
      required: flag(r, 'Required'),
      format: cell(r, 'Format'),
      format_description: cell(r, 'Format description'),
      validator: cell(r, 'Validator'),
      location_behavior: cell(r, 'Location behavior'),
      uniqueness_behavior: cell(r, 'Uniqueness behavior'),
    })),
};
