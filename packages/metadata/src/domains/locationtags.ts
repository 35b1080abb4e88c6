import { nameDescription } from '../load-context';
import { DESCRIPTION, EPTS_ID, NAME, RETIRE, UUID, type DomainDef } from './types';

export const locationTags: DomainDef = {
  folder: 'locationtags',
  label: 'location tag',
  table: 'location_tag',
  columns: [UUID, RETIRE, NAME, DESCRIPTION, EPTS_ID],
  load: (ctx, rows) => ctx.syncMetadata('locationtags', 'location_tag', rows, (r) => nameDescription(r)),
};
