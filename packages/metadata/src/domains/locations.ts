import { cell, flag, retired, uuidOf, type Row } from '../configuration';
import type { ValidationIssue } from '../issues';
import type { LoadContext } from '../load-context';
import { childUuid } from '../values';
import { LOCATION_ATTRIBUTE_TYPES } from './attributetypes';
import { DESCRIPTION, NAME, bool, OPTIONAL_EPTS_ID, ref, RETIRE, text, UUID, type DomainDef } from './types';

const REGEX_DATATYPE = 'org.openmrs.customdatatype.datatype.RegexValidatedTextDatatype';

/** Initializer's address headers → location columns. */
const ADDRESS: Record<string, string> = {
  'City/Village': 'city_village',
  'County/District': 'county_district',
  'State/Province': 'state_province',
  'Postal Code': 'postal_code',
  Country: 'country',
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`Address ${i + 1}`, `address${i + 1}`])),
};

const TAG = /^Tag\|(.+)$/;
const ATTRIBUTE = /^Attribute\|(.+)$/;

export const locations: DomainDef = {
  folder: 'locations',
  label: 'location',
  table: 'location',
  columns: [
    UUID,
    RETIRE,
    NAME,
    DESCRIPTION,
    { header: 'Parent', cell: ref('locations') },
    ...Object.keys(ADDRESS).map((header) => ({ header, cell: text })),
    OPTIONAL_EPTS_ID,
  ],
  patterns: [
    {
      pattern: TAG,
      cell: bool,
      names: {
        label: 'location tag',
        domain: 'locationtags',
        column: 'Name',
        core: { table: 'location_tag', column: 'name' },
      },
    },
    { pattern: ATTRIBUTE, cell: text, names: LOCATION_ATTRIBUTE_TYPES },
  ],
  check: (rows, ctx) => [...parentCycles(rows), ...attributeFormats(rows, ctx.rows.get('attributetypes') ?? [])],
  async load(ctx, rows) {
    // A parent created by this load has no id yet: such rows get their parent in a second pass.
    const existing = await ctx.idsByUuid('location');
    const parentId = (r: Row) => existing.get(cell(r, 'Parent')?.toLowerCase() ?? '');
    const later = rows.filter((r) => cell(r, 'Parent') !== null && parentId(r) === undefined);
    await ctx.syncMetadata('locations', 'location', parentsFirst(rows), (r) => ({
      name: cell(r, 'Name'),
      description: cell(r, 'Description'),
      ...(later.includes(r) ? {} : { parent_location: parentId(r) ?? null }),
      ...Object.fromEntries(Object.entries(ADDRESS).map(([header, column]) => [column, cell(r, header)])),
      retired: retired(r),
    }));
    const parents = await Promise.all(later.map((r) => ctx.id('location', cell(r, 'Parent')!)));
    await ctx.sync(
      'locations',
      { table: 'location', key: ['uuid'] },
      later.map((r, i) => ({ values: { uuid: uuidOf(r), parent_location: parents[i] } })),
      { quiet: true },
    );
    await loadTags(ctx, rows);
    await loadAttributes(ctx, rows);
  },
};

/** Parents are inserted before their children, otherwise in file order. */
function parentsFirst(rows: Row[]): Row[] {
  const byUuid = new Map(rows.map((r) => [uuidOf(r).toLowerCase(), r]));
  const done = new Set<Row>();
  const ordered: Row[] = [];
  const visit = (row: Row, path: Set<Row>) => {
    if (done.has(row) || path.has(row)) return;
    path.add(row);
    const parent = byUuid.get(cell(row, 'Parent')?.toLowerCase() ?? '');
    if (parent) visit(parent, path);
    done.add(row);
    ordered.push(row);
  };
  for (const row of rows) visit(row, new Set());
  return ordered;
}

function parentCycles(rows: Row[]): ValidationIssue[] {
  const byUuid = new Map(rows.map((r) => [uuidOf(r)?.toLowerCase(), r]));
  return rows.flatMap((row) => {
    const seen = new Set<Row>([row]);
    for (
      let p = byUuid.get(cell(row, 'Parent')?.toLowerCase() ?? '');
      p;
      p = byUuid.get(cell(p, 'Parent')?.toLowerCase() ?? '')
    ) {
      if (p === row)
        return [{ file: row.file, line: row.line, field: 'Parent', message: 'The location is its own ancestor' }];
      if (seen.has(p)) break;
      seen.add(p);
    }
    return [];
  });
}

/** Values of regex-validated attributes must match, as OpenMRS would insist on saving them. */
function attributeFormats(rows: Row[], types: Row[]): ValidationIssue[] {
  const headers = new Set(rows.flatMap((r) => [...r.cells.keys()]).filter((h) => ATTRIBUTE.test(h)));
  return [...headers].flatMap((header) => {
    const name = ATTRIBUTE.exec(header)![1];
    const type = types.find(
      (t) => cell(t, 'Entity name') === 'Location' && (cell(t, 'Name') === name || cell(t, 'Uuid') === name),
    );
    const config = type && cell(type, 'Datatype classname') === REGEX_DATATYPE ? cell(type, 'Datatype config') : null;
    if (config === null) return [];
    let regex: RegExp;
    try {
      regex = new RegExp(`^(?:${config})$`);
    } catch {
      return [
        {
          file: type!.file,
          line: type!.line,
          field: 'Datatype config',
          message: `Not a valid regular expression: ${config}`,
        },
      ];
    }
    const bad = rows.filter((r) => cell(r, header) !== null && !regex.test(cell(r, header)!));
    if (bad.length === 0) return [];
    const more = bad.length > 1 ? ` (and ${bad.length - 1} more rows)` : '';
    const message = `"${cell(bad[0], header)}" does not match ${config}, the format of ${name}${more}`;
    return [{ file: bad[0].file, line: bad[0].line, field: header, message }];
  });
}

/** The configuration owns the tags of its locations: a `Tag|X` column says whether tag X is set. */
async function loadTags(ctx: LoadContext, rows: Row[]): Promise<void> {
  const tagIds = await ctx.idsByName('location_tag');
  const locationIds = await Promise.all(rows.map((r) => ctx.id('location', uuidOf(r))));
  await ctx.sync(
    'locations',
    {
      table: 'location_tag_map',
      key: ['location_id', 'location_tag_id'],
      stale: { column: 'location_id', values: locationIds, action: 'delete' },
    },
    rows.flatMap((r, i) =>
      [...r.cells.keys()].flatMap((header) => {
        const tag = TAG.exec(header)?.[1];
        return tag && flag(r, header)
          ? [{ values: { location_id: locationIds[i], location_tag_id: tagIds.get(tag)! } }]
          : [];
      }),
    ),
  );
}

/** One attribute per `Attribute|<type name or uuid>` cell; an empty cell voids it. */
async function loadAttributes(ctx: LoadContext, rows: Row[]): Promise<void> {
  const typeIds = await ctx.idsByName('location_attribute_type');
  const locationIds = await Promise.all(rows.map((r) => ctx.id('location', uuidOf(r))));
  await ctx.sync(
    'locations',
    {
      table: 'location_attribute',
      key: ['uuid'],
      stale: { column: 'location_id', values: locationIds, action: 'void' },
    },
    rows.flatMap((r, i) =>
      [...r.cells.entries()].flatMap(([header, value]) => {
        const type = ATTRIBUTE.exec(header)?.[1];
        if (!type || value === null) return [];
        const typeId = typeIds.get(type) ?? ctx.summary.ids.get(type.toLowerCase())!;
        return [
          {
            values: {
              uuid: childUuid(uuidOf(r), header),
              location_id: locationIds[i],
              attribute_type_id: typeId,
              value_reference: value,
              voided: false,
            },
          },
        ];
      }),
    ),
  );
}
