import fs from 'node:fs';
import { REPORTS } from '../src';
import { parsePeriod } from '../src/cli/period';
import { exampleFile, exampleMapping, exampleText } from '../src/dhis2/example-mapping';
import { mappingProblems } from '../src/dhis2/mapping';
import { cellKey, expectedCells } from '../src/output/cells';

test('periods: a month, a calendar quarter, a range of days; DHIS2 names only whole months and quarters', () => {
  expect(parsePeriod('2026-10')).toEqual({
    startDate: '2026-10-01',
    endDate: '2026-10-31',
    dhis2: { type: 'Monthly', id: '202610', adx: '2026-10-01/P1M' },
  });
  expect(parsePeriod('2024Q1')).toMatchObject({
    startDate: '2024-01-01',
    endDate: '2024-03-31',
    dhis2: { id: '2024Q1', adx: '2024-01-01/P3M' },
  });
  expect(parsePeriod('2026-02')).toMatchObject({ endDate: '2026-02-28' });
  expect(parsePeriod('2026-07-01..2026-09-30').dhis2?.id).toBe('2026Q3');
  expect(parsePeriod('2026-09-21..2026-10-20')).toEqual({ startDate: '2026-09-21', endDate: '2026-10-20' });
  for (const bad of ['2026-13', '2026Q5', '26-10', '2026-10-31..2026-10-01', '2026-02-30..2026-03-01', '']) {
    expect(() => parsePeriod(bad)).toThrow(/period|date/i);
  }
});

test('the example mappings are complete and current: every cell of every report, well-formed, regenerated', () => {
  for (const report of Object.values(REPORTS)) {
    const example = JSON.parse(fs.readFileSync(exampleFile(report), 'utf8'));
    expect(fs.readFileSync(exampleFile(report), 'utf8')).toBe(exampleText(report));
    expect(mappingProblems(example, report)).toEqual([]);
    const mapped = new Set(
      example.elements.map((e: { indicator: string; options: Record<string, string> }) =>
        cellKey(e.indicator, e.options),
      ),
    );
    expect(expectedCells(report).filter((c) => !mapped.has(cellKey(c.indicator, c.options)))).toEqual([]);
  }
});

test('an invalid mapping lists every problem with its path', () => {
  const report = REPORTS['resumo-mensal'];
  const mapping = exampleMapping(report) as unknown as Record<string, unknown> & {
    elements: Array<Record<string, unknown>>;
  };
  const [first, second] = mapping.elements;
  const broken = {
    ...mapping,
    extra: true,
    dataSet: 'short',
    orgUnits: { '110040': 'Abcdefghij1' },
    elements: [
      { ...first, colour: 'red' },
      { ...second, dataElement: first.dataElement, categoryOptionCombo: first.categoryOptionCombo },
      { ...first },
      { indicator: 'TX_NOPE', options: {}, dataElement: 'Abcdefghij2', categoryOptionCombo: 'Abcdefghij3' },
      {
        indicator: 'B13',
        options: { children: '95+' },
        dataElement: 'Abcdefghij4',
        categoryOptionCombo: 'Abcdefghij5',
      },
      { indicator: 'B13', dataElement: '1bcdefghij6', categoryOptionCombo: 'Abcdefghij7' },
    ],
  };
  expect(mappingProblems(broken, report)).toEqual([
    'extra: unknown key',
    'dataSet: not a DHIS2 uid (11 letters/digits, a letter first)',
    'orgUnits.110040: not a 7-digit Health Facility Code',
    'elements[0].colour: unknown key',
    'elements[1]: the same dataElement and categoryOptionCombo as elements[0]',
    'elements[2]: the same cell as elements[0]',
    'elements[2]: the same dataElement and categoryOptionCombo as elements[0]',
    'elements[3].indicator: "TX_NOPE" is not an indicator of resumo-mensal',
    'elements[4].options: {"children":"95+"} is not a cell of B13',
    'elements[5].dataElement: not a DHIS2 uid (11 letters/digits, a letter first)',
    'elements[5].options: missing ({} for the total)',
  ]);
  expect(mappingProblems({ ...mapping, report: 'mer' }, report)[0]).toBe('report: "mer" is not "resumo-mensal"');
  expect(mappingProblems([], report)).toEqual(['the file is not a JSON object']);
});
