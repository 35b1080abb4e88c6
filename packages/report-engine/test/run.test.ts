import { connect } from '@poc-emr/db';
import { REPORTS, runReport, type FacilityReport } from '../src';
import { Timeline } from './timeline';

// Whole reports through runReport: cells, zeros, line lists, and the same results on a database whose
// metadata ids were shuffled.

const timelines: Timeline[] = [];
afterAll(() => Promise.all(timelines.map((t) => t.close())));

/** A small facility: patients of both sexes and several ages, on time, late, dead, new, with viral loads. */
async function facility(shuffleSeed?: number): Promise<Timeline> {
  const t = await Timeline.create(shuffleSeed);
  timelines.push(t);
  const births = ['1990-05-01', '2015-03-10', '2009-01-20', '2020-07-07', '1960-02-02', '2011-11-11'];
  for (const [i, birthdate] of births.entries()) {
    const sex = i % 2 ? 'M' : 'F';
    const onTime = await t.patient({ sex, birthdate });
    await t.fila(onTime, '2022-01-10', '2022-02-10');
    await t.fila(onTime, '2026-09-20', '2026-12-20');
    await t.encounter(onTime, 'encounterType.fsr', '2026-08-01', [
      { concept: 'concept.viralLoad', value: i < 5 ? 100 * (i + 1) : 5000 },
    ]);
    const late = await t.patient({ sex, birthdate });
    await t.fila(late, '2026-07-01', '2026-08-01'); // 28 days late on 2026-08-29
    const started = await t.patient({ sex, birthdate });
    await t.fila(started, '2026-10-0' + (i + 1), '2026-11-0' + (i + 1));
  }
  const died = await t.patient({ sex: 'M', birthdate: '1980-01-01' });
  await t.fila(died, '2026-09-01', '2026-11-01');
  await t.die(died, '2026-10-15');
  return t;
}

const Q4 = { startDate: '2026-08-01', endDate: '2026-10-31' };
const OCTOBER = { startDate: '2026-10-01', endDate: '2026-10-31' };

async function run(t: Timeline, report: string, period: typeof Q4, lineLists = false): Promise<FacilityReport> {
  return runReport(t.conn, t.database, REPORTS[report], period, { lineLists });
}

const total = (r: FacilityReport, indicator: string) =>
  r.cells.find((c) => c.indicator === indicator && Object.keys(c.options).length === 0)?.value;

test('MER: totals, every age/sex cell (zeros included) adding up to the total, line lists as long as the counts', async () => {
  const t = await facility();
  const mer = await run(t, 'mer', Q4, true);
  expect(total(mer, 'TX_CURR')).toBe(12); // on time and started in October
  expect(total(mer, 'TX_NEW')).toBe(7);
  expect(total(mer, 'TX_ML')).toBe(7); // six late (IIT) and one death
  expect(total(mer, 'TX_PVLS_D')).toBe(6);
  expect(total(mer, 'TX_PVLS_N')).toBe(5); // 5,000 copies is not suppressed

  const ageSex = mer.cells.filter((c) => c.indicator === 'TX_CURR' && 'age' in c.options);
  expect(ageSex).toHaveLength(16 * 2);
  expect(ageSex.reduce((sum, c) => sum + c.value, 0)).toBe(12);
  expect(ageSex.find((c) => c.options.age === '10-14' && c.options.sex === 'M')?.value).toBe(4); // born 2015 and 2011
  expect(ageSex.find((c) => c.options.age === '65+' && c.options.sex === 'F')?.value).toBe(2);
  expect(ageSex.find((c) => c.options.age === '60-64' && c.options.sex === 'F')?.value).toBe(0);
  const ml = (outcome: string, age: string, sex: string) =>
    mer.cells.find(
      (c) => c.indicator === 'TX_ML' && c.options.outcome === outcome && c.options.age === age && c.options.sex === sex,
    );
  expect(ml('died', '45-49', 'M')?.value).toBe(1);
  expect(ml('iit<3', '10-14', 'M')?.value).toBe(2);
  expect(mer.cells.find((c) => c.indicator === 'TX_CURR' && c.options.mmd === '3-5')?.value).toBe(6);
  expect(mer.cells.find((c) => c.indicator === 'TX_CURR' && c.options.mmd === 'total')?.value).toBe(12);

  for (const indicator of REPORTS.mer.indicators) {
    expect(mer.lineLists?.[indicator.code]).toHaveLength(total(mer, indicator.code)!);
  }
  const [row] = mer.lineLists!.TX_CURR.filter((r) => r.age === 36);
  expect(row).toMatchObject({ sex: 'F', artStart: '2022-01-10', lastPickup: '2026-09-20', nextPickup: '2026-12-20' });
});

test('the same facility with shuffled metadata ids gives the same cells', async () => {
  const [epts, shuffled] = [await facility(), await facility(20261123)];
  for (const [report, period] of [
    ['mer', Q4],
    ['resumo-mensal', OCTOBER],
  ] as const) {
    const [a, b] = [await run(epts, report, period), await run(shuffled, report, period)];
    expect(b.cells).toEqual(a.cells);
    expect(a.cells.some((c) => c.value > 0)).toBe(true);
  }
});

test('bad periods are refused before anything runs', async () => {
  const t = timelines[0] ?? (await facility());
  await expect(run(t, 'mer', { startDate: '2026-10-31', endDate: '2026-10-01' })).rejects.toThrow(
    /starts .* after it ends/,
  );
  await expect(run(t, 'mer', { startDate: '2026-02-30', endDate: '2026-03-31' })).rejects.toThrow(/Not a date/);
});

test('every statement is one MySQL 5.7 runs: its default SQL mode, a temporary table once per statement, no CTE or window function', async () => {
  const t = await facility();
  const statements: string[] = [];
  // MySQL 5.7 / 8.0's default SQL mode: ONLY_FULL_GROUP_BY refuses a column neither grouped nor aggregated.
  await t.conn.query(
    "SET SESSION sql_mode = 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
  );
  for (const [report, period] of [
    ['mer', Q4],
    ['resumo-mensal', OCTOBER],
  ] as const) {
    for (const lineLists of [true, false]) {
      await runReport(t.conn, t.database, REPORTS[report], period, {
        lineLists,
        onStatement: (s) => {
          statements.push(s);
        },
      });
    }
  }
  expect(statements.length).toBeGreaterThan(50);
  for (const statement of statements) {
    const selected = statement.replace(/^CREATE TEMPORARY TABLE \w+ /, '').replace(/^INSERT INTO \w+ /, '');
    const names: string[] = selected.match(/\bpoc_\w+/g) ?? [];
    expect({ statement, repeated: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({
      statement,
      repeated: [],
    });
    expect(statement).not.toMatch(/\bWITH\s+\w+\s+AS\s*\(|\bOVER\s*\(|\bLATERAL\b|\bRETURNING\b/i);
  }
});

test('a run locks nothing: a clinician saves a FILA and voids an obs while the run reads them', async () => {
  const t = await facility();
  const clinician = await connect({ database: t.database });
  try {
    // Under REPEATABLE READ these writes would wait for the run's share locks, and give up after 1 s.
    await clinician.query('SET SESSION innodb_lock_wait_timeout = 1');
    const [[fila]] = (await clinician.query(
      'SELECT encounter_id, patient_id FROM encounter WHERE encounter_type = ? ORDER BY encounter_id LIMIT 1',
      [t.id('encounterType.fila')],
    )) as unknown as [[{ encounter_id: number; patient_id: number }]];
    const written: string[] = [];
    let statements = 0;
    await runReport(t.conn, t.database, REPORTS.mer, Q4, {
      onStatement: async () => {
        // Halfway through, with everything the run has read so far inside its open transaction.
        if (++statements !== 12) return;
        await clinician.query(
          `INSERT INTO encounter (encounter_type, patient_id, encounter_datetime, creator, date_created, uuid)
           VALUES (?, ?, '2026-10-20', 1, NOW(), UUID())`,
          [t.id('encounterType.fila'), fila.patient_id],
        );
        written.push('fila');
        await clinician.query('UPDATE obs SET voided = 1, voided_by = 1, date_voided = NOW() WHERE encounter_id = ?', [
          fila.encounter_id,
        ]);
        written.push('void');
      },
    });
    expect(statements).toBeGreaterThan(12);
    expect(written).toEqual(['fila', 'void']);
  } finally {
    await clinician.end();
  }
});
