import type { RowDataPacket } from 'mysql2/promise';
import { patientHivSummary, type Alert } from '../src';
import { Timeline, type Obs } from './timeline';

// The chart's alerts at 2026-10-31, each rule with hand-built timelines: who is alerted, on which date,
// and who is not. The follow-up lists' own rules are tested in lists.test.ts; here, what the chart adds.

const DATE = '2026-10-31';
let t: Timeline;

beforeAll(async () => {
  t = await Timeline.create();
});
afterAll(() => t?.close());

async function alerts(patientId: number): Promise<Map<string, Alert>> {
  const [[row]] = await t.conn.query<RowDataPacket[]>('SELECT uuid FROM person WHERE person_id = ?', [patientId]);
  const summary = await patientHivSummary(t.conn, t.database, row.uuid, DATE);
  return new Map(summary!.alerts.map((a) => [a.code, a]));
}

const consultation = (p: number, date: string, obs: Obs[] = []) =>
  t.encounter(p, 'encounterType.fichaClinicaAdult', date, obs);
const screened: Obs[] = [{ concept: 'concept.tbSymptoms', value: 'concept.no' }];

/** A man on ART since `start` with every record a tidy chart has, on time at the date. */
async function onArt(start = '2024-01-10', sex: 'F' | 'M' = 'M'): Promise<number> {
  const p = await t.patient({ sex, birthdate: '1985-03-01' });
  await t.encounter(p, 'encounterType.fichaResumo', start);
  await t.enrol(p, 'program.tarvTreatment', start, { states: [['programWorkflowState.tarv.active', start]] });
  await t.fila(p, start, '2024-02-10');
  await t.fila(p, '2026-10-15', '2026-11-15');
  await consultation(p, start, [{ concept: 'concept.cd4', value: 600 }, ...screened]);
  await consultation(p, '2026-10-15', screened);
  return p;
}

test('a tidy patient on ART with a recent suppressed viral load and a completed TPT has no alert', async () => {
  const p = await onArt();
  await t.encounter(p, 'encounterType.laboratory', '2026-05-02', [{ concept: 'concept.viralLoad', value: 40 }]);
  await consultation(p, '2025-02-01', [{ concept: 'concept.isoniazidEndDate', value: '2025-02-01' }]);
  expect([...(await alerts(p)).keys()]).toEqual([]);
});

test('viral load due since 12 months after a suppressed result; awaiting a result once requested', async () => {
  const due = await onArt();
  await t.encounter(due, 'encounterType.laboratory', '2025-09-15', [{ concept: 'concept.viralLoad', value: 40 }]);
  expect((await alerts(due)).get('viral-load-due')).toMatchObject({ date: '2026-09-15', detail: null });

  const requested = await onArt();
  await t.encounter(requested, 'encounterType.laboratory', '2025-09-15', [{ concept: 'concept.viralLoad', value: 40 }]);
  await consultation(requested, '2026-10-20', [{ concept: 'concept.labRequest', value: 'concept.viralLoad' }]);
  expect((await alerts(requested)).get('viral-load-due')).toMatchObject({ date: '2026-09-15', detail: '2026-10-20' });

  // A request before the last result is not pending.
  const old = await onArt();
  await consultation(old, '2025-09-01', [{ concept: 'concept.labRequest', value: 'concept.viralLoad' }]);
  await t.encounter(old, 'encounterType.laboratory', '2025-09-15', [{ concept: 'concept.viralLoad', value: 40 }]);
  expect((await alerts(old)).get('viral-load-due')).toMatchObject({ detail: null });
});

test('high viral load: the repeat 3 months after; CD4 due once two results in a row are high', async () => {
  const once = await onArt();
  await t.encounter(once, 'encounterType.laboratory', '2026-08-01', [{ concept: 'concept.viralLoad', value: 25000 }]);
  const a = await alerts(once);
  expect(a.get('high-viral-load')).toMatchObject({ severity: 'danger', date: '2026-11-01' });
  expect(a.has('cd4-due')).toBe(false);

  const twice = await onArt();
  await t.encounter(twice, 'encounterType.laboratory', '2026-04-01', [{ concept: 'concept.viralLoad', value: 9000 }]);
  await t.encounter(twice, 'encounterType.fsr', '2026-08-01', [{ concept: 'concept.viralLoad', value: 12000 }]);
  expect((await alerts(twice)).get('cd4-due')).toMatchObject({ date: '2026-08-01', detail: 'high-viral-load' });

  const measured = await onArt();
  await t.encounter(measured, 'encounterType.laboratory', '2026-04-01', [
    { concept: 'concept.viralLoad', value: 9000 },
  ]);
  await t.encounter(measured, 'encounterType.fsr', '2026-08-01', [{ concept: 'concept.viralLoad', value: 12000 }]);
  await t.encounter(measured, 'encounterType.laboratory', '2026-08-20', [{ concept: 'concept.cd4', value: 300 }]);
  expect((await alerts(measured)).has('cd4-due')).toBe(false);
});

test('CD4 due: new on ART, restarted, WHO stage 3 or 4, low CD4 six months ago', async () => {
  const start = '2026-03-01';
  const fresh = await t.patient({ sex: 'M', birthdate: '1990-01-01' });
  await t.encounter(fresh, 'encounterType.fichaResumo', start);
  await t.enrol(fresh, 'program.tarvTreatment', start);
  await t.fila(fresh, start, '2026-03-31');
  await t.fila(fresh, '2026-10-20', '2026-11-20');
  expect((await alerts(fresh)).get('cd4-due')).toMatchObject({ date: start, detail: 'new' });

  const restarted = await onArt();
  await consultation(restarted, '2026-06-01', [
    { concept: 'concept.stateOfStayArt', value: 'concept.artPlan.restart' },
  ]);
  expect((await alerts(restarted)).get('cd4-due')).toMatchObject({ date: '2026-06-01', detail: 'restart' });

  const stage4 = await onArt();
  await consultation(stage4, '2026-07-07', [{ concept: 'concept.whoStage', value: 'concept.whoStage.4' }]);
  expect((await alerts(stage4)).get('cd4-due')).toMatchObject({ date: '2026-07-07', detail: 'who-stage' });

  const low = await onArt();
  await t.encounter(low, 'encounterType.laboratory', '2026-03-15', [{ concept: 'concept.cd4', value: 210 }]);
  expect((await alerts(low)).get('cd4-due')).toMatchObject({ date: '2026-09-15', detail: 'low-cd4' });
  const lowRecently = await onArt();
  await t.encounter(lowRecently, 'encounterType.laboratory', '2026-06-15', [{ concept: 'concept.cd4', value: 210 }]);
  expect((await alerts(lowRecently)).has('cd4-due')).toBe(false);
});

test('missed pickup, TPT eligibility and no TB screening at the last consultation', async () => {
  const late = await onArt();
  await t.fila(late, '2026-10-20', '2026-10-25');
  expect((await alerts(late)).get('missed-pickup')).toMatchObject({ date: '2026-10-25', detail: '1-7' });

  const noTpt = await onArt();
  expect((await alerts(noTpt)).get('tpt-eligible')).toMatchObject({ severity: 'info', date: null });

  const unscreened = await onArt();
  await consultation(unscreened, '2026-10-28');
  expect((await alerts(unscreened)).get('no-tb-screening')).toMatchObject({ date: '2026-10-28' });
});

test('data quality: the EPTS checks and contradictions between one patient’s records', async () => {
  const pregnantMan = await onArt();
  await consultation(pregnantMan, '2026-05-05', [{ concept: 'concept.pregnant', value: 'concept.yes' }]);
  expect((await alerts(pregnantMan)).get('EC1')).toMatchObject({ kind: 'data-quality', date: '2026-05-05' });

  const pickedUpDead = await onArt();
  await t.die(pickedUpDead, '2026-09-01');
  expect((await alerts(pickedUpDead)).get('EC3')).toMatchObject({ date: '2026-10-15', detail: '2026-09-01' });

  const transferred = await onArt();
  await consultation(transferred, '2026-08-01', [
    { concept: 'concept.stateOfStayArt', value: 'concept.transferredOut' },
  ]);
  const x = await alerts(transferred);
  expect(x.get('EC6')).toMatchObject({ date: '2026-10-15', detail: '2026-08-01' });
  expect(x.get('EC7')).toMatchObject({ date: '2026-10-15', detail: '2026-08-01' });

  const abandoned = await onArt();
  await t.enrol(abandoned, 'program.tarvTreatment', '2024-01-10', {
    states: [['programWorkflowState.tarv.abandoned', '2026-03-01']],
  });
  expect((await alerts(abandoned)).get('EC9')).toMatchObject({ date: '2026-10-15', detail: '2026-03-01' });

  const ancient = await t.patient({ birthdate: '1911-01-01' });
  const unborn = await t.patient({ birthdate: '2027-01-01' });
  const undated = await t.patient();
  expect((await alerts(ancient)).has('EC12')).toBe(true);
  expect((await alerts(unborn)).has('EC13')).toBe(true);
  expect((await alerts(undated)).has('EC22')).toBe(true);

  const bornLate = await t.patient({ sex: 'M', birthdate: '2025-06-01' });
  await t.fila(bornLate, '2024-01-10', '2024-02-10');
  const b = await alerts(bornLate);
  expect(b.get('EC15')).toMatchObject({ date: '2024-01-10', detail: '2025-06-01' });
  expect(b.get('birth-after-art-start')).toMatchObject({ date: '2024-01-10' });
  expect(b.get('EC20')).toMatchObject({ date: '2024-01-10' });
  expect(b.get('EC24')).toMatchObject({ date: '2024-01-10' });

  const written = await onArt('2025-01-10');
  await t.encounter(written, 'encounterType.fichaResumo', '2025-02-01', [
    { concept: 'concept.artStartDate', value: '2025-02-01' },
  ]);
  expect((await alerts(written)).get('art-start-after-first-pickup')).toMatchObject({
    date: '2025-01-10',
    detail: '2025-02-01',
  });

  const both = await onArt();
  await t.encounter(both, 'encounterType.fsr', '2026-06-01', [
    { concept: 'concept.viralLoad', value: 50 },
    { concept: 'concept.viralLoadQualitative', value: 'concept.viralLoad.undetectable' },
  ]);
  expect((await alerts(both)).get('EC25')).toMatchObject({ date: '2026-06-01' });
});
