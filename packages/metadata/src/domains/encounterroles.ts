import { nameDescription } from '../load-context';
import { DESCRIPTION, OPTIONAL_EPTS_ID, NAME, RETIRE, UUID, type DomainDef } from './types';

export const encounterRoles: DomainDef = {
  folder: 'encounterroles',
  label: 'encounter role',
  table: 'encounter_role',
  columns: [UUID, RETIRE, NAME, DESCRIPTION, OPTIONAL_EPTS_ID],
  load: (ctx, rows) => ctx.syncMetadata('encounterroles', 'encounter_role', rows, (r) => nameDescription(r)),
};
