import type { Resource } from '../resource';
import { conceptDisplay } from './concept';
import { NOBODY_CHECKED } from '../resource';

// ProgramWorkflowResource1_8: a program's workflow, named by its concept; its states below it.

export const workflow: Resource = {
  name: 'workflow',
  version: '1.8',
  kind: 'metadata',
  table: { name: 'program_workflow', key: 'program_workflow_id' },
  properties: {
    concept: { column: 'concept_id', resource: 'concept' },
    description: { get: () => null },
    states: {
      resource: 'workflowstate',
      get: (row, ctx) =>
        ctx.sql.rows('SELECT * FROM program_workflow_state WHERE program_workflow_id = ? ORDER BY 1', [
          row.program_workflow_id,
        ]),
    },
  },
  representations: {
    ref: 'uuid,display,concept:ref,retired,states:ref',
    default: 'uuid,display,concept:ref,description,retired,states:default',
    full: 'uuid,display,concept:full,description,retired,states:full,auditInfo',
  },
  display: (row, ctx) => conceptDisplay(row.concept_id, ctx),
  // getWorkflowByUuid has no @Authorized; every change saves the program; no getAll, no purge.
  privileges: {
    get: NOBODY_CHECKED,
    create: 'Manage Programs',
    update: 'Manage Programs',
    delete: 'Manage Programs',
    undelete: 'Manage Programs',
  },
};
