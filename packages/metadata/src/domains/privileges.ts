import { cell, uuidOf } from '../configuration';
import { DESCRIPTION, RETIRE, text, UUID, type DomainDef, type NameSet } from './types';

export const PRIVILEGE_NAMES: NameSet = {
  label: 'privilege',
  domain: 'privileges',
  column: 'Privilege name',
  core: { table: 'privilege', column: 'privilege' },
};

/** The privilege table has no retire columns: Void/Retire is accepted and ignored. */
export const privileges: DomainDef = {
  folder: 'privileges',
  label: 'privilege',
  table: 'privilege',
  columns: [UUID, RETIRE, { header: 'Privilege name', cell: text, headerRequired: true, required: true }, DESCRIPTION],
  async load(ctx, rows) {
    await ctx.sync(
      'privileges',
      { table: 'privilege', key: ['uuid'], pk: 'privilege' },
      rows.map((r) => ({
        values: { uuid: uuidOf(r), privilege: cell(r, 'Privilege name'), description: cell(r, 'Description') },
        id: cell(r, 'Privilege name')!,
        origin: `${r.file}:${r.line}`,
      })),
    );
  },
};
