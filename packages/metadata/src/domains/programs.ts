import { cell, flag } from '../configuration';
import { nameDescription } from '../load-context';
import { DESCRIPTION, NAME, bool, EPTS_ID, ref, RETIRE, UUID, type DomainDef } from './types';

export const programs: DomainDef = {
  folder: 'programs',
  label: 'program',
  table: 'program',
  columns: [
    UUID,
    RETIRE,
    NAME,
    DESCRIPTION,
    { header: 'Program concept', cell: ref('concepts'), headerRequired: true, required: true },
    { header: 'Outcomes concept', cell: ref('concepts') },
    EPTS_ID,
  ],
  load: (ctx, rows) =>
    ctx.syncMetadata('programs', 'program', rows, async (r) => ({
      ...nameDescription(r),
      concept_id: await ctx.id('concept', cell(r, 'Program concept')!),
      outcomes_concept_id: await ctx.optionalId('concept', cell(r, 'Outcomes concept')),
    })),
};

export const programWorkflows: DomainDef = {
  folder: 'programworkflows',
  label: 'program workflow',
  table: 'program_workflow',
  columns: [
    UUID,
    RETIRE,
    { header: 'Program', cell: ref('programs'), headerRequired: true, required: true },
    { header: 'Workflow concept', cell: ref('concepts'), headerRequired: true, required: true },
    EPTS_ID,
  ],
  load: (ctx, rows) =>
    ctx.syncMetadata('programworkflows', 'program_workflow', rows, async (r) => ({
      program_id: await ctx.id('program', cell(r, 'Program')!),
      concept_id: await ctx.id('concept', cell(r, 'Workflow concept')!),
      retired: flag(r, 'Void/Retire'),
    })),
};

export const programWorkflowStates: DomainDef = {
  folder: 'programworkflowstates',
  label: 'program workflow state',
  table: 'program_workflow_state',
  columns: [
    UUID,
    RETIRE,
    { header: 'Workflow', cell: ref('programworkflows'), headerRequired: true, required: true },
    { header: 'State concept', cell: ref('concepts'), headerRequired: true, required: true },
    { header: 'Initial', cell: bool },
    { header: 'Terminal', cell: bool },
    EPTS_ID,
  ],
  load: (ctx, rows) =>
    ctx.syncMetadata('programworkflowstates', 'program_workflow_state', rows, async (r) => ({
      program_workflow_id: await ctx.id('program_workflow', cell(r, 'Workflow')!),
      concept_id: await ctx.id('concept', cell(r, 'State concept')!),
      initial: flag(r, 'Initial'),
      terminal: flag(r, 'Terminal'),
      retired: flag(r, 'Void/Retire'),
    })),
};
