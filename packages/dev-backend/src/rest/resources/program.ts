import type { Row } from '../../database';
import type { RequestContext } from '../context';
import { metadataResource, metadataPrivileges } from '../metadata';
import { NOBODY_CHECKED } from '../resource';

// ProgramResource1_10: a program with its workflows (allWorkflows, retired ones included, as
// Program.getAllWorkflows does) and its outcomes concept.

const base = metadataResource({
  name: 'program',
  version: '1.8',
  table: 'program',
  key: 'program_id',
  // getProgramByUuid has no @Authorized; purgeProgram needs Manage Programs.
  privileges: metadataPrivileges(NOBODY_CHECKED, 'Manage Programs', 'Manage Programs', 'Get Programs'),
  properties: {
    concept: { column: 'concept_id', resource: 'concept' },
    outcomesConcept: { column: 'outcomes_concept_id', resource: 'concept' },
    allWorkflows: {
      resource: 'workflow',
      get: (row: Row, ctx: RequestContext) =>
        ctx.sql.rows('SELECT * FROM program_workflow WHERE program_id = ? ORDER BY program_workflow_id', [
          row.program_id,
        ]),
    },
  },
  creatable: ['concept', 'outcomesConcept'],
  required: ['name', 'concept'],
});

export const program = {
  ...base,
  representations: {
    ref: 'uuid,display,name,retired,allWorkflows:ref',
    default: 'uuid,display,name,description,retired,concept:ref,allWorkflows:default,outcomesConcept:full',
    full: 'uuid,display,name,description,retired,concept,outcomesConcept,allWorkflows:full,auditInfo',
  },
};
