import { cell } from '../configuration';
import { nameDescription } from '../load-context';
import { PRIVILEGE_NAMES } from './privileges';
import { DESCRIPTION, EPTS_ID, NAME, RETIRE, UUID, type DomainDef } from './types';

export const encounterTypes: DomainDef = {
  folder: 'encountertypes',
  label: 'encounter type',
  table: 'encounter_type',
  columns: [
    UUID,
    RETIRE,
    NAME,
    DESCRIPTION,
    { header: 'View privilege', cell: { type: 'name', of: PRIVILEGE_NAMES } },
    { header: 'Edit privilege', cell: { type: 'name', of: PRIVILEGE_NAMES } },
    EPTS_ID,
  ],
  load: (ctx, rows) =>
    ctx.syncMetadata('encountertypes', 'encounter_type', rows, (r) => ({
      ...nameDescription(r),
      view_privilege: cell(r, 'View privilege'),
      edit_privilege: cell(r, 'Edit privilege'),
    })),
};
