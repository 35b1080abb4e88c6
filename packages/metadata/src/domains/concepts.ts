import { cell, flag, int, retired, uuidOf, type Row } from '../configuration';
import type { ValidationIssue } from '../issues';
import type { Value, Wanted } from '../sync';
import { childUuid, parseNumber, splitList } from '../values';
import { bool, EPTS_ID, integer, number, RETIRE, text, UUID, type Column, type DomainDef, type NameSet } from './types';

/** `<name type>:<locale>` headers; a synonym or index term carries a number (`Synonym 1:pt`). */
const NAME_HEADER = /^(Fully specified name|Short name|Synonym \d+|Index term \d+):([A-Za-z]{2,3}(?:_[A-Za-z0-9]+)?)$/;
const DESCRIPTION_HEADER = /^Description:([A-Za-z]{2,3}(?:_[A-Za-z0-9]+)?)$/;

function nameType(kind: string): string | null {
  if (kind === 'Fully specified name') return 'FULLY_SPECIFIED';
  if (kind === 'Short name') return 'SHORT';
  if (kind.startsWith('Index term')) return 'INDEX_TERM';
  return null; // a synonym
}

const CLASSES: NameSet = {
  label: 'concept class',
  domain: 'conceptclasses',
  column: 'Name',
  core: { table: 'concept_class', column: 'name' },
};
const DATATYPES: NameSet = { label: 'concept datatype', core: { table: 'concept_datatype', column: 'name' } };

/** concept_numeric columns by header. */
const NUMERIC: Record<string, string> = {
  'Absolute low': 'low_absolute',
  'Critical low': 'low_critical',
  'Normal low': 'low_normal',
  'Normal high': 'hi_normal',
  'Critical high': 'hi_critical',
  'Absolute high': 'hi_absolute',
};

export const concepts: DomainDef = {
  folder: 'concepts',
  label: 'concept',
  table: 'concept',
  columns: [
    UUID,
    RETIRE,
    { header: 'Data class', cell: { type: 'name', of: CLASSES }, headerRequired: true, required: true },
    { header: 'Data type', cell: { type: 'name', of: DATATYPES }, headerRequired: true, required: true },
    { header: 'Answers', cell: { type: 'refs', domain: 'concepts' } },
    { header: 'Members', cell: { type: 'refs', domain: 'concepts' } },
    ...Object.keys(NUMERIC).map((header): Column => ({ header, cell: number })),
    { header: 'Units', cell: text },
    { header: 'Allow decimals', cell: bool },
    { header: 'Display precision', cell: integer },
    { header: 'Version', cell: text },
    EPTS_ID,
  ],
  patterns: [
    { pattern: NAME_HEADER, cell: text },
    // Without any, every description the file's concepts had would be removed.
    { pattern: DESCRIPTION_HEADER, cell: text, headerRequired: 'Description:<locale>' },
  ],
  check: (rows) => [...missingNames(rows), ...duplicateNames(rows), ...answersOnNonCoded(rows), ...loadOrder(rows)],
  async load(ctx, rows) {
    const classes = await ctx.idsByName('concept_class');
    const datatypes = await ctx.idsByName('concept_datatype');
    await ctx.syncMetadata('concepts', 'concept', rows, (r) => ({
      datatype_id: datatypes.get(cell(r, 'Data type')!)!,
      class_id: classes.get(cell(r, 'Data class')!)!,
      is_set: splitList(cell(r, 'Members')).length > 0,
      version: cell(r, 'Version'),
      retired: retired(r),
    }));
    const ids = await Promise.all(rows.map((r) => ctx.id('concept', uuidOf(r))));
    const children = (build: (r: Row, id: number) => Wanted[]) => rows.flatMap((r, i) => build(r, ids[i]));

    await ctx.sync('concepts', { table: 'concept_name', key: ['uuid'], stale: scope(ids, 'void') }, children(names));
    await ctx.sync(
      'concepts',
      { table: 'concept_description', key: ['uuid'], stale: scope(ids, 'delete') },
      children(descriptions),
    );
    await ctx.sync(
      'concepts',
      { table: 'concept_numeric', key: ['concept_id'], stale: scope(ids, 'delete') },
      children((r, id) => (cell(r, 'Data type') === 'Numeric' ? [numeric(r, id)] : [])),
    );
    const answers: Wanted[] = [];
    const members: Wanted[] = [];
    for (const [i, r] of rows.entries()) {
      for (const [k, answer] of splitList(cell(r, 'Answers')).entries()) {
        answers.push({
          values: {
            uuid: childUuid(uuidOf(r), `answer:${answer.toLowerCase()}`),
            concept_id: ids[i],
            answer_concept: await ctx.id('concept', answer),
            sort_weight: k + 1,
          },
        });
      }
      for (const [k, member] of splitList(cell(r, 'Members')).entries()) {
        members.push({
          values: {
            uuid: childUuid(uuidOf(r), `member:${member.toLowerCase()}`),
            concept_set: ids[i],
            concept_id: await ctx.id('concept', member),
            sort_weight: k + 1,
          },
        });
      }
    }
    await ctx.sync('concepts', { table: 'concept_answer', key: ['uuid'], stale: scope(ids, 'delete') }, answers);
    await ctx.sync(
      'concepts',
      { table: 'concept_set', key: ['uuid'], stale: { column: 'concept_set', values: ids, action: 'delete' } },
      members,
    );
  },
};

const scope = (ids: number[], action: 'delete' | 'void') => ({ column: 'concept_id', values: ids, action });

/** Names of one concept: the fully specified name is the locale's preferred one. */
function names(row: Row, conceptId: number): Wanted[] {
  return [...row.cells.entries()].flatMap(([header, name]) => {
    const match = NAME_HEADER.exec(header);
    if (!match || name === null) return [];
    const type = nameType(match[1]);
    return [
      {
        values: {
          uuid: childUuid(uuidOf(row), header),
          concept_id: conceptId,
          name,
          locale: match[2],
          locale_preferred: type === 'FULLY_SPECIFIED',
          concept_name_type: type,
          voided: false,
        },
      },
    ];
  });
}

function descriptions(row: Row, conceptId: number): Wanted[] {
  return [...row.cells.entries()].flatMap(([header, description]) => {
    const locale = DESCRIPTION_HEADER.exec(header)?.[1];
    if (!locale || description === null) return [];
    return [{ values: { uuid: childUuid(uuidOf(row), header), concept_id: conceptId, description, locale } }];
  });
}

function numeric(row: Row, conceptId: number): Wanted {
  const values: Record<string, Value> = { concept_id: conceptId };
  for (const [header, column] of Object.entries(NUMERIC)) {
    const v = cell(row, header);
    values[column] = v === null ? null : parseNumber(v)!;
  }
  values.units = cell(row, 'Units');
  values.allow_decimal = flag(row, 'Allow decimals');
  values.display_precision = int(row, 'Display precision');
  return { values };
}

function missingNames(rows: Row[]): ValidationIssue[] {
  return rows
    .filter((r) => ![...r.cells].some(([h, v]) => v !== null && h.startsWith('Fully specified name:')))
    .map((r) => ({ file: r.file, line: r.line, message: 'A concept needs at least one fully specified name' }));
}

/** OpenMRS refuses two non-retired concepts with the same fully specified name in a locale. */
function duplicateNames(rows: Row[]): ValidationIssue[] {
  const seen = new Map<string, Row>();
  const issues: ValidationIssue[] = [];
  for (const row of rows.filter((r) => !retired(r))) {
    for (const [header, name] of row.cells) {
      const match = NAME_HEADER.exec(header);
      if (!match || match[1] !== 'Fully specified name' || name === null) continue;
      const key = `${match[2]}\u0000${name.toLowerCase()}`;
      const first = seen.get(key);
      if (first) {
        issues.push({
          file: row.file,
          line: row.line,
          field: header,
          message: `Fully specified name "${name}" (${match[2]}) is also the name of concept ${uuidOf(first)} at ${first.file}:${first.line}`,
        });
      } else seen.set(key, row);
    }
  }
  return issues;
}

function answersOnNonCoded(rows: Row[]): ValidationIssue[] {
  return rows
    .filter((r) => cell(r, 'Answers') !== null && cell(r, 'Data type') !== 'Coded')
    .map((r) => ({
      file: r.file,
      line: r.line,
      field: 'Answers',
      message: `Only Coded concepts have answers; this one is ${cell(r, 'Data type')}`,
    }));
}

/** A file's `_order:N` header; files without one load last, in no defined order (Initializer). */
function fileOrder(row: Row): number {
  const header = [...row.cells.keys()].find((h) => h.startsWith('_order:'));
  const order = header === undefined ? NaN : Number(header.slice('_order:'.length));
  return Number.isFinite(order) ? order : Infinity;
}

/**
 * Initializer retries a file's failing lines, but not across files: an answer or member defined in
 * another file must be in a file of a lower `_order`.
 */
function loadOrder(rows: Row[]): ValidationIssue[] {
  const definedIn = new Map(rows.map((r) => [uuidOf(r).toLowerCase(), r]));
  return rows.flatMap((r) =>
    (['Answers', 'Members'] as const).flatMap((header) =>
      splitList(cell(r, header)).flatMap((uuid) => {
        const target = definedIn.get(uuid.toLowerCase());
        if (!target || target.file === r.file || fileOrder(target) < fileOrder(r)) return [];
        return [
          {
            file: r.file,
            line: r.line,
            field: header,
            message: `${uuid} is defined in ${target.file}, which Initializer does not load before ${r.file}: give the files _order headers`,
          },
        ];
      }),
    ),
  );
}
