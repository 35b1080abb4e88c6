import type { FacilityReport, LineListRow, ReportDefinition } from '../report';
import { dimensionIds } from './cells';

/** RFC 4180: quote fields with separators, quotes or line breaks; double the quotes. */
function field(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// The byte-order mark makes Excel (Portuguese locale included) read the file as UTF-8.
const table = (rows: unknown[][]) => `\ufeff${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;

/** One row per facility × cell: facility, period, indicator, one column per dimension, value. */
export function cellsCsv(report: ReportDefinition, results: readonly FacilityReport[]): string {
  const dimensions = dimensionIds(report);
  const header = [
    'facility_code',
    'facility',
    'database',
    'start_date',
    'end_date',
    'indicator',
    ...dimensions,
    'value',
  ];
  const rows = results.flatMap((r) =>
    r.cells.map((c) => [
      r.facility?.code,
      r.facility?.name,
      r.database,
      r.startDate,
      r.endDate,
      c.indicator,
      ...dimensions.map((d) => c.options[d] ?? ''),
      c.value,
    ]),
  );
  return table([header, ...rows]);
}

export const LINE_LIST_COLUMNS: ReadonlyArray<[keyof LineListRow, string]> = [
  ['nid', 'NID'],
  ['name', 'Nome'],
  ['sex', 'Sexo'],
  ['age', 'Idade'],
  ['artStart', 'Início TARV'],
  ['lastPickup', 'Último levantamento'],
  ['nextPickup', 'Próximo levantamento'],
  ['state', 'Estado'],
];

/** Every line list of every facility: facility, indicator, then the patient's columns. */
export function lineListsCsv(results: readonly FacilityReport[]): string {
  const header = ['facility_code', 'facility', 'indicator', ...LINE_LIST_COLUMNS.map(([, label]) => label)];
  const rows = results.flatMap((r) =>
    Object.entries(r.lineLists ?? {}).flatMap(([indicator, list]) =>
      list.map((p) => [r.facility?.code, r.facility?.name, indicator, ...LINE_LIST_COLUMNS.map(([key]) => p[key])]),
    ),
  );
  return table([header, ...rows]);
}
