import { nameDescription } from '../load-context';
import { DESCRIPTION, EPTS_ID, NAME, RETIRE, UUID, type DomainDef } from './types';

export const visitTypes: DomainDef = {
  folder: 'visittypes',
  label: 'visit type',
  table: 'visit_type',
  columns: [UUID, RETIRE, NAME, DESCRIPTION, EPTS_ID],
  load: (ctx, rows) => ctx.syncMetadata('visittypes', 'visit_type', rows, (r) => nameDescription(r)),
};
