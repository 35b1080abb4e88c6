import { artStart, sql, type ReportContext } from '../src';
import { Timeline } from './timeline';

// The ART start date (docs/indicators.md): the earliest of five sources up to the end date, and
// since 2023-12-21 only a drug pickup starts ART. Each case is one hand-built patient.

// The same cases on EPTS integer ids and on shuffled ones: ids are resolved from uuids at run time.
describe.each([
  ['EPTS ids', undefined],
  ['shuffled ids', 7],
])('with %s', (_ids, shuffleSeed) => {
  let t: Timeline;

  beforeAll(async () => {
    t = await Timeline.create(shuffleSeed);
  });
  afterAll(() => t?.close());

  async function startOf(patientId: number, endDate = '2026-06-30'): Promise<string | undefined> {
    const ctx: ReportContext = { terms: t.terms, endDate };
    const rows = await t.rows(sql`SELECT a.art_start FROM ${artStart(ctx)} a WHERE a.patient_id = ${patientId}`);
    expect(rows.length).toBeLessThanOrEqual(1);
    return rows[0]?.art_start as string | undefined;
  }

  test('each of the five sources starts ART on its own', async () => {
    const plan = await t.patient();
    await t.encounter(plan, 'encounterType.fichaClinicaAdult', '2020-02-03 09:00:00', [
      { concept: 'concept.artPlan', value: 'concept.artPlan.start' },
    ]);
    const written = await t.patient();
    await t.encounter(written, 'encounterType.fichaResumo', '2021-05-01', [
      { concept: 'concept.artStartDate', value: '2019-11-20' },
    ]);
    const enrolled = await t.patient();
    await t.enrol(enrolled, 'program.tarvTreatment', '2018-07-09');
    const fila = await t.patient();
    await t.encounter(fila, 'encounterType.fila', '2022-03-15 10:30:00');
    const masterCard = await t.patient();
    await t.encounter(masterCard, 'encounterType.masterCardPickup', '2022-09-01', [
      { concept: 'concept.pickupDate', value: '2022-08-30' },
    ]);

    expect(await startOf(plan)).toBe('2020-02-03');
    expect(await startOf(written)).toBe('2019-11-20');
    expect(await startOf(enrolled)).toBe('2018-07-09');
    expect(await startOf(fila)).toBe('2022-03-15');
    expect(await startOf(masterCard)).toBe('2022-08-30');
  });

  test('the earliest source wins; events after the end date, voided rows and other questions do not count', async () => {
    const patient = await t.patient();
    await t.encounter(patient, 'encounterType.fila', '2021-04-10');
    await t.enrol(patient, 'program.tarvTreatment', '2021-03-01', { voided: true });
    await t.encounter(
      patient,
      'encounterType.fichaResumo',
      '2021-04-12',
      [{ concept: 'concept.artStartDate', value: '2021-02-01' }],
      { voided: true },
    );
    await t.encounter(patient, 'encounterType.fichaClinicaAdult', '2021-01-05', [
      { concept: 'concept.artPlan', value: 'concept.artPlan.start' },
    ]);
    expect(await startOf(patient)).toBe('2021-01-05');
    // On the end day itself the start counts whatever its time; the day before, it has not happened yet.
    expect(await startOf(patient, '2021-01-05')).toBe('2021-01-05');
    expect(await startOf(patient, '2021-01-04')).toBeUndefined();

    const other = await t.patient();
    await t.encounter(other, 'encounterType.fichaClinicaAdult', '2021-01-05', [
      { concept: 'concept.artPlan', value: 'concept.artPlan.continue' },
    ]);
    await t.encounter(other, 'encounterType.masterCardPickup', '2021-01-06', [
      { concept: 'concept.artStartDate', value: '2021-01-06' },
    ]);
    expect(await startOf(other)).toBeUndefined();

    const voidedPatient = await t.patient({ voided: true });
    await t.encounter(voidedPatient, 'encounterType.fila', '2021-04-10');
    expect(await startOf(voidedPatient)).toBeUndefined();
  });

  test('from 2023-12-21 a clinical start alone does not start ART; the first pickup does', async () => {
    const clinicalOnly = await t.patient();
    await t.encounter(clinicalOnly, 'encounterType.fichaClinicaAdult', '2024-01-10', [
      { concept: 'concept.artPlan', value: 'concept.artPlan.start' },
    ]);
    expect(await startOf(clinicalOnly)).toBeUndefined();

    const thenPickup = await t.patient();
    await t.enrol(thenPickup, 'program.tarvTreatment', '2024-01-10');
    await t.encounter(thenPickup, 'encounterType.fila', '2024-01-24');
    expect(await startOf(thenPickup)).toBe('2024-01-24');
    expect(await startOf(thenPickup, '2024-01-23')).toBeUndefined();

    // Before the cut-over the clinical start still counts, even when the pickup came later.
    const before = await t.patient();
    await t.encounter(before, 'encounterType.fichaClinicaAdult', '2023-12-20', [
      { concept: 'concept.artPlan', value: 'concept.artPlan.start' },
    ]);
    await t.encounter(before, 'encounterType.fila', '2024-01-03');
    expect(await startOf(before)).toBe('2023-12-20');

    const onCutover = await t.patient();
    await t.encounter(onCutover, 'encounterType.fichaResumo', '2024-02-01', [
      { concept: 'concept.artStartDate', value: '2023-12-21' },
    ]);
    expect(await startOf(onCutover)).toBeUndefined();
  });
});
