import { REPORTS, sql, txCurr, txPvlsDenominator, txPvlsNumerator } from '../src';
import type { Obs } from './timeline';
import { Timeline } from './timeline';

// TX_PVLS at 2026-09-30 and the MMD bands of TX_CURR (docs/indicators.md).

let t: Timeline;

beforeAll(async () => {
  t = await Timeline.create();
});
afterAll(() => t?.close());

const ctx = () => ({ terms: t.terms, startDate: '2026-07-01', endDate: '2026-09-30' });

async function onArtSince(day: string): Promise<number> {
  const p = await t.patient();
  await t.fila(p, day, '2026-12-01');
  return p;
}

const copies = (n: number, reason?: string): Obs[] => [
  { concept: 'concept.viralLoad', value: n },
  ...(reason ? [{ concept: 'concept.vlRequestReason', value: reason }] : []),
];

test('the last viral load of the 12 months, at least 90 days into ART, decides; < 1000 copies is suppressed', async () => {
  const suppressed = await onArtSince('2024-01-10');
  await t.encounter(suppressed, 'encounterType.fsr', '2026-03-01', copies(150));
  const lastHigh = await onArtSince('2024-01-10');
  await t.encounter(lastHigh, 'encounterType.laboratory', '2026-01-01', copies(40));
  await t.encounter(lastHigh, 'encounterType.fsr', '2026-06-01', copies(12000, 'concept.vlRequestReason.targeted'));
  const undetectable = await onArtSince('2024-01-10');
  await t.encounter(undetectable, 'encounterType.fichaClinicaAdult', '2026-09-30', [
    { concept: 'concept.viralLoadQualitative', value: 'concept.viralLoad.undetectable' },
  ]);
  const tooSoon = await onArtSince('2026-05-01');
  await t.encounter(tooSoon, 'encounterType.fsr', '2026-07-20', copies(10)); // 80 days into ART
  const tooOld = await onArtSince('2023-01-10');
  await t.encounter(tooOld, 'encounterType.fsr', '2025-09-30', copies(10)); // 12 months before the end: out
  const afterEnd = await onArtSince('2024-01-10');
  await t.encounter(afterEnd, 'encounterType.fsr', '2026-10-01', copies(10));

  const all = [suppressed, lastHigh, undetectable, tooSoon, tooOld, afterEnd];
  expect(await t.members(txPvlsDenominator(ctx()), all)).toEqual([suppressed, lastHigh, undetectable]);
  expect(await t.members(txPvlsNumerator(ctx()), all)).toEqual([suppressed, undetectable]);
  const indications = await t.rows(
    sql`SELECT d.patient_id, d.indication FROM (${txPvlsDenominator(ctx())}) d WHERE d.patient_id IN (${all}) ORDER BY d.patient_id`,
  );
  expect(indications.map((r) => r.indication)).toEqual(['routine', 'targeted', 'routine']);
});

test('MMD: days from the last FILA to its next pickup, or the later Ficha Clínica dispensation type', async () => {
  const monthly = await t.patient();
  await t.fila(monthly, '2026-09-01', '2026-10-01');
  const quarterly = await t.patient();
  await t.fila(quarterly, '2026-09-01', '2026-11-30'); // 90 days
  const semiannual = await t.patient();
  await t.fila(semiannual, '2026-08-01', '2027-02-01'); // 184 days
  const changedAtConsultation = await t.patient();
  await t.fila(changedAtConsultation, '2026-09-01', '2026-10-01');
  await t.encounter(changedAtConsultation, 'encounterType.fichaClinicaAdult', '2026-09-10', [
    { concept: 'concept.dispensationType', value: 'concept.dispenseMode.semiannual' },
  ]);
  const receptionOnly = await t.patient();
  await t.receptionPickup(receptionOnly, '2026-09-15');
  const semiannual6 = { concept: 'concept.dispensationType', value: 'concept.dispenseMode.semiannual' };
  const consultationBeforeFila = await t.patient();
  await t.encounter(consultationBeforeFila, 'encounterType.fichaClinicaAdult', '2026-08-20', [semiannual6]);
  await t.fila(consultationBeforeFila, '2026-09-01', '2026-10-01');
  const sameDay = await t.patient(); // the FILA decides a tie
  await t.fila(sameDay, '2026-09-01', '2026-10-01');
  await t.encounter(sameDay, 'encounterType.fichaClinicaAdult', '2026-09-01', [semiannual6]);
  const latestConsultationWins = await t.patient();
  await t.fila(latestConsultationWins, '2026-09-01', '2026-10-01');
  await t.encounter(latestConsultationWins, 'encounterType.fichaClinicaAdult', '2026-09-05', [semiannual6]);
  await t.encounter(latestConsultationWins, 'encounterType.fichaClinicaAdult', '2026-09-25', [
    { concept: 'concept.dispensationType', value: 'concept.dispenseMode.quarterly' },
  ]);
  const receptionAndConsultation = await t.patient();
  await t.receptionPickup(receptionAndConsultation, '2026-09-15');
  await t.encounter(receptionAndConsultation, 'encounterType.fichaClinicaAdult', '2026-09-15', [semiannual6]);

  const all = [
    monthly,
    quarterly,
    semiannual,
    changedAtConsultation,
    receptionOnly,
    consultationBeforeFila,
    sameDay,
    latestConsultationWins,
    receptionAndConsultation,
  ];
  const rows = await t.rows(
    sql`SELECT c.patient_id, c.mmd FROM (${txCurr(ctx())}) c WHERE c.patient_id IN (${all}) ORDER BY c.patient_id`,
  );
  expect(rows.map((r) => r.mmd)).toEqual(['<3', '3-5', '6+', '6+', '<3', '<3', '<3', '3-5', '6+']);
});

test('pregnant or breastfeeding at the viral load: evidence within 9 / 18 months, the more recent wins', async () => {
  const status = REPORTS.mer.indicators.find((i) => i.code === 'TX_PVLS_D')!.disaggregations[1][0];
  const withLoad = async (sex: 'F' | 'M', evidence: Array<[string, Obs[]]>) => {
    const p = await t.patient({ sex });
    await t.fila(p, '2024-01-10', '2026-12-01');
    for (const [day, obs] of evidence) await t.encounter(p, 'encounterType.fichaClinicaAdult', day, obs);
    await t.encounter(p, 'encounterType.fsr', '2026-09-01', copies(100));
    return p;
  };
  const pregnantYes: Obs[] = [{ concept: 'concept.pregnant', value: 'concept.yes' }];
  const breastfeedingYes: Obs[] = [{ concept: 'concept.breastfeeding', value: 'concept.yes' }];
  const pregnant = await withLoad('F', [['2026-04-01', pregnantYes]]);
  const pregnantLongAgo = await withLoad('F', [['2025-11-01', pregnantYes]]); // 10 months before
  const breastfeeding = await withLoad('F', [
    ['2025-06-01', pregnantYes],
    ['2025-12-01', [{ concept: 'concept.priorDeliveryDate', value: '2025-11-20' }]],
  ]);
  const thenPregnantAgain = await withLoad('F', [
    ['2025-12-01', breastfeedingYes],
    ['2026-08-01', [{ concept: 'concept.weeksPregnant', value: 8 }]],
  ]);
  const man = await withLoad('M', [['2026-04-01', pregnantYes]]);

  const all = [pregnant, pregnantLongAgo, breastfeeding, thenPregnantAgain, man];
  const rows = await t.rows(
    sql`SELECT c.patient_id, ${status.value(ctx())} AS status
        FROM (${txPvlsDenominator(ctx())}) c JOIN person p ON p.person_id = c.patient_id
        WHERE c.patient_id IN (${all}) ORDER BY c.patient_id`,
  );
  expect(rows.map((r) => r.status)).toEqual(['pregnant', null, 'breastfeeding', 'pregnant', null]);
});
