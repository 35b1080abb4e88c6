import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { dropDatabase } from '@poc-emr/db';
import { createTestDatabase } from '@poc-emr/db/src/testing';
import { day, generateFacility } from '@poc-emr/data-generator';
import { REPORTS } from '../src';
import { main } from '../src/cli/main';
import { exampleFile, exampleMapping } from '../src/dhis2/example-mapping';
import { cellKey, expectedCells } from '../src/output/cells';

// The command line on a generated facility (HD Manhiça, 300 patients) and an unreachable one.

let database: string;
let dir: string;
const UNREACHABLE = 'mysql://report:s3cret@127.0.0.1:1/elsewhere';

beforeAll(async () => {
  database = await createTestDatabase('cli');
  await dropDatabase(database);
  await generateFacility({
    database,
    facilityCode: '1100407',
    patients: 300,
    seed: 7,
    asOf: day('2026-10-31'),
    replace: true,
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
}, 120_000);
afterAll(async () => {
  await dropDatabase(database);
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (...parts: string[]) => fs.readFileSync(path.join(dir, ...parts), 'utf8');
const quietly = async (argv: string[]) => {
  const errors: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(String(m)));
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(argv), errors: errors.join('\n') };
  } finally {
    spy.mockRestore();
    jest.restoreAllMocks();
  }
};

/** `run` of `report` for `period` on one database into `out`, then any other options. */
const runArgs = (report: string, period: string, database: string, out: string, ...options: string[]) => [
  'run',
  '--report',
  report,
  '--period',
  period,
  '--database',
  database,
  '--out',
  out,
  ...options,
];

test('a run over two facilities, one unreachable: its failure is in the manifest, the other one is written', async () => {
  const facilities = path.join(dir, 'facilities.txt');
  fs.writeFileSync(facilities, `# district\n${database} HD Manhiça\n${UNREACHABLE} Elsewhere\n`);
  const out = path.join(dir, 'rm');
  const mapping = path.join(dir, 'mapping.json');
  fs.copyFileSync(exampleFile(REPORTS['resumo-mensal']), mapping);
  const { code, errors } = await quietly([
    'run',
    '--report',
    'resumo-mensal',
    '--period',
    '2026-10',
    '--facilities',
    facilities,
    '--out',
    out,
    '--format',
    'csv,xlsx,json,dhis2-json,adx',
    '--mapping',
    mapping,
    '--line-lists',
  ]);
  expect(code).toBe(1);
  expect(errors).toMatch(/Elsewhere: mysql:\/\/report:\*\*\*@127\.0\.0\.1:1\/elsewhere: .*ECONNREFUSED/);
  expect(errors).not.toContain('s3cret');

  const manifest = JSON.parse(read('rm', 'manifest.json'));
  expect(manifest.runs.map((r: { label: string; status: string }) => [r.label, r.status])).toEqual([
    ['HD Manhiça', 'ok'],
    ['Elsewhere', 'failed'],
  ]);
  expect(manifest.runs[0]).toMatchObject({ facility: { code: '1100407', name: 'HD Manhiça' } });
  expect(manifest.runs[0].rowsRead).toBeGreaterThan(1000);
  expect(JSON.stringify(manifest)).not.toContain('s3cret');
  expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);

  // JSON: every cell the definition declares, once; the line lists as long as the counts.
  const json = JSON.parse(read('rm', 'resumo-mensal.json'));
  const [facility] = json.facilities;
  const keys = facility.cells.map((c: { indicator: string; options: Record<string, string> }) =>
    cellKey(c.indicator, c.options),
  );
  expect(keys.sort()).toEqual(
    expectedCells(REPORTS['resumo-mensal'])
      .map((c) => cellKey(c.indicator, c.options))
      .sort(),
  );
  const b13 = facility.cells.find(
    (c: { indicator: string; options: object }) => c.indicator === 'B13' && !Object.keys(c.options).length,
  ).value;
  expect(b13).toBeGreaterThan(50);
  expect(facility.lineLists.B13).toHaveLength(b13);

  // CSV: header, a row per cell, the B13 total.
  const csv = read('rm', 'resumo-mensal.csv');
  expect(csv.startsWith('\ufefffacility_code,facility,database,start_date,end_date,indicator,')).toBe(true);
  expect(csv).toContain(`1100407,HD Manhiça,${database},2026-10-01,2026-10-31,B13,,,,,${b13}\r\n`);
  expect(
    read('rm', 'line-lists.csv')
      .split('\r\n')
      .filter((l) => l.includes(',B13,')),
  ).toHaveLength(b13);

  // XLSX: the facility's sheet has B13 with its total; the line list sheet its patients.
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path.join(dir, 'rm', 'resumo-mensal.xlsx'));
  const sheet = book.getWorksheet('HD Manhiça')!;
  const row = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === 'B13')!;
  expect([row.getCell(2).value, row.getCell(3).value]).toEqual(['Activos em TARV no fim do mês', b13]);
  expect(book.getWorksheet('Lista B13')!.rowCount).toBe(b13 + 1);

  // DHIS2: one value per mapped cell, for the facility's orgUnit and the month.
  const example = exampleMapping(REPORTS['resumo-mensal']);
  const sets = JSON.parse(read('rm', 'resumo-mensal.dataValueSets.json'));
  expect(sets.dataValues).toHaveLength(example.elements.length);
  expect(sets.dataValues[0]).toMatchObject({ period: '202610', orgUnit: example.orgUnits['1100407'] });
  const xml = read('rm', 'resumo-mensal.adx.xml');
  expect(xml).toContain(
    `<group orgUnit="${example.orgUnits['1100407']}" period="2026-10-01/P1M" dataSet="${example.dataSet}">`,
  );
  expect(xml.match(/<dataValue /g)).toHaveLength(example.elements.length);
}, 120_000);

test('bad input: a clear message, exit code 2, nothing written', async () => {
  const out = path.join(dir, 'never');
  const cases: Array<[string[], RegExp]> = [
    [runArgs('tx_magic', '2026-10', database, out), /Unknown report "tx_magic"/],
    [runArgs('mer', '2026-13', database, out), /Not a period/],
    [runArgs('mer', '2026Q4', database, out, '--format', 'adx'), /need --mapping/],
    [
      runArgs(
        'resumo-mensal',
        '2026Q4',
        database,
        out,
        '--format',
        'adx',
        '--mapping',
        exampleFile(REPORTS['resumo-mensal']),
      ),
      /for a whole month/,
    ],
    [runArgs('mer', '2026Q4', 'Bad-Name', out), /Invalid database name/],
    [runArgs('mer', '0000-01', database, out), /starts before 2000/],
    [runArgs('mer', '2999Q1', database, out), /has not started yet/],
    [runArgs('mer', '2026-10', database, '/proc/x'), /Cannot write/],
    [runArgs('mer', '2026-10', database, out, '--concurrency', '0'), /positive/],
    [['frobnicate'], /Usage/],
  ];
  for (const [argv, message] of cases) {
    const { code, errors } = await quietly(argv);
    expect({ argv, code, message: message.test(errors) }).toEqual({ argv, code: 2, message: true });
  }
  const invalid = path.join(dir, 'invalid.json');
  fs.writeFileSync(invalid, JSON.stringify({ ...exampleMapping(REPORTS.mer), dataSet: 'nope' }));
  const { code, errors } = await quietly(
    runArgs('mer', '2026Q4', database, out, '--format', 'dhis2-json', '--mapping', invalid),
  );
  expect([code, errors]).toEqual([2, expect.stringContaining('dataSet: not a DHIS2 uid')]);
  expect(fs.existsSync(out)).toBe(false);
  expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
});

test('a password is never shown, an @ in it included', async () => {
  const out = path.join(dir, 'masked');
  const url = 'mysql://report:p@ssw0rd@127.0.0.1:1/elsewhere';
  const { code, errors } = await quietly(runArgs('mer', '2026Q3', url, out));
  expect(code).toBe(1);
  const manifest = read('masked', 'manifest.json');
  for (const text of [errors, manifest]) {
    expect(text).toContain('mysql://report:***@127.0.0.1:1/elsewhere');
    expect(text).not.toMatch(/p@ss|ssw0rd/);
  }
});

test('interrupted (SIGINT, SIGTERM) while it runs: no partial output is left behind', async () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const out = path.join(dir, `interrupted-${signal}`);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(__dirname, '../src/cli/main.ts'),
        ...runArgs('mer', '2026Q3', database, out, '--line-lists'),
      ],
      { stdio: 'ignore' },
    );
    // Wait until the staging directory exists, then interrupt.
    for (let i = 0; i < 200 && !fs.readdirSync(dir).some((f) => f.startsWith(`.interrupted-${signal}`)); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect({ signal, code }).toEqual({ signal, code: signal === 'SIGINT' ? 130 : 143 });
    expect(fs.readdirSync(dir).filter((f) => f.includes(`interrupted-${signal}`))).toEqual([]);
  }
}, 60_000);

test('a facility database without the distro metadata fails naming the uuid and the database', async () => {
  const bare = await createTestDatabase('bare');
  try {
    const out = path.join(dir, 'bare');
    const { code, errors } = await quietly(runArgs('mer', '2026Q3', bare, out));
    expect(code).toBe(1);
    expect(errors).toMatch(new RegExp(`${bare}.*[0-9a-f]{8}-[0-9a-f]{4}|[0-9a-f]{8}-[0-9a-f]{4}.*${bare}`));
    expect(JSON.parse(read('bare', 'manifest.json')).runs[0].status).toBe('failed');
    expect(fs.readdirSync(path.join(dir, 'bare'))).toEqual(['manifest.json']);
  } finally {
    await dropDatabase(bare);
  }
});

test('--balance prints the patient-flow check and writes it beside the report', async () => {
  const out = path.join(dir, 'balance');
  const printed: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((m: string) => void printed.push(String(m)));
  try {
    const { code } = await quietly(runArgs('mer', '2026Q3', database, out, '--format', 'csv', '--balance'));
    expect(code).toBe(0);
  } finally {
    log.mockRestore();
  }
  const [{ label, balance }] = JSON.parse(read('balance', 'balance.json'));
  expect(label).toBe(database);
  const count = (code: string) => balance.counts.find((c: { code: string }) => c.code === code).patients;
  expect(balance.expected).toBe(
    count('TX_CURR-1') + count('TX_NEW') + count('TX_RTT') + count('TRF_IN') - count('TX_ML'),
  );
  const cells = read('balance', 'mer.csv');
  expect(cells).toMatch(new RegExp(`,TX_CURR,{8}${count('TX_CURR')}\\r?\\n`));
  expect(printed.join('\n')).toMatch(
    new RegExp(`TX_CURR\\s+${count('TX_CURR')}\\s+Actualmente em TARV no fim do período`),
  );
  expect(printed.join('\n')).toContain('2026-07-01 – 2026-09-30');
});
