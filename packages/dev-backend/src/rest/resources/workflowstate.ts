import type { Resource } from '../resource';
import { conceptDisplay } from './concept';
import { NOBODY_CHECKED } from '../resource';

// ProgramWorkflowStateResource1_8, reached as workflow/<uuid>/state; named by its concept.
// initial and terminal are not in its representations but may be asked for in a custom one.

export const workflowstate: Resource = {
  name: 'workflowstate',
  parent: { resource: 'workflow', path: 'state', column: 'program_workflow_id' },
  version: '1.8',
  kind: 'metadata',
  table: { name: 'program_workflow_state', key: 'program_workflow_state_id' },
  properties: {
    concept: { column: 'concept_id', resource: 'concept' },
    description: { get: () => null },
    initial: { column: 'initial', type: 'boolean' },
    terminal: { column: 'terminal', type: 'boolean' },
  },
  representations: {
    ref: 'uuid,display,retired,concept:ref',
    default: 'uuid,display,description,retired,concept:default',
    full: 'uuid,display,description,retired,concept:full,auditInfo',
  },
  display: (row, ctx) => conceptDisplay(row.concept_id, ctx),
  // getStateByUuid has no @Authorized; every change saves the program.
  privileges: { get: NOBODY_CHECKED, create: 'Manage Programs', update: 'Manage Programs', delete: 'Manage Programs' },
};
