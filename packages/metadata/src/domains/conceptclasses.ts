import { nameDescription } from '../load-context';
import { DESCRIPTION, EPTS_ID, NAME, RETIRE, UUID, type DomainDef } from './types';

export const conceptClasses: DomainDef = {
  folder: 'conceptclasses',
  label: 'concept class',
  table: 'concept_class',
  columns: [UUID, RETIRE, NAME, DESCRIPTION, EPTS_ID],
  load: (ctx, rows) => ctx.syncMetadata('conceptclasses', 'concept_class', rows, (r) => nameDescription(r)),
};
