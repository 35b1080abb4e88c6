import { day } from '../src/dates';
import { QUALITATIVE_VIRAL_LOADS } from '../src/model';
import { ART_START_CUTOVER, simulateFacility } from '../src/simulate';

const plan = { seed: 'unit', patients: 800, facilityCode: '1100407', asOf: day('2026-06-30') };

describe('simulateFacility', () => {
  const patients = [...simulateFacility(plan)];

  it('is deterministic for a seed', () => {
    expect(JSON.stringify([...simulateFacility(plan)])).toBe(JSON.stringify(patients));
    expect(JSON.stringify([...simulateFacility({ ...plan, seed: 'other' })])).not.toBe(JSON.stringify(patients));
  });

  it('gives patient i the same clinical history whatever the facility size', () => {
    const small = [...simulateFacility({ ...plan, patients: 50 })];
    const strip = (p: (typeof patients)[number]) => ({ ...p, nid: undefined });
    expect(small.map(strip)).toEqual(patients.slice(0, 50).map(strip));
  });

  it('numbers NIDs in the national format, unique, per year of registration', () => {
    const nids = patients.map((p) => p.nid);
    expect(new Set(nids).size).toBe(nids.length);
    for (const p of patients) {
      expect(p.nid).toMatch(/^[0-9]{10}\/[0-9]{4}\/[0-9]{5}$/);
      expect(p.nid.startsWith('0110040701/')).toBe(true);
    }
  });

  it('covers the edge cases the reports must handle', () => {
    const big = [...simulateFacility({ ...plan, patients: 6000 })];
    expect(big.some((p) => p.pickupAfterDeath)).toBe(true);
    expect(big.some((p) => p.exit?.kind === 'transferredOut' && p.pickups.at(-1)!.nextPickup > p.exit.day)).toBe(true);
    expect(big.some((p) => p.exit?.kind === 'suspended')).toBe(true);
    expect(big.some((p) => p.exit?.kind === 'abandoned')).toBe(true);
    expect(big.some((p) => p.transferIn)).toBe(true);
    expect(big.some((p) => p.artStart !== undefined && p.artStart < ART_START_CUTOVER)).toBe(true);
    expect(big.some((p) => p.artStart !== undefined && p.artStart >= ART_START_CUTOVER)).toBe(true);
    expect(big.some((p) => p.clinicalStartWithoutPickup !== undefined)).toBe(true);
    expect(big.some((p) => p.voided)).toBe(true);
    expect(big.some((p) => p.pickups.some((x) => x.voidedDuplicate))).toBe(true);
    expect(big.some((p) => p.pickups.some((x) => x.source === 'masterCard'))).toBe(true);
    expect(big.some((p) => p.pickups.some((x) => x.mode === 'quarterly'))).toBe(true);
    expect(big.some((p) => p.pickups.some((x) => x.mode === 'semiannual'))).toBe(true);
    expect(big.some((p) => p.viralLoads.some((v) => v.reason === 'targeted'))).toBe(true);
    expect(big.some((p) => p.consultations.some((c) => c.pregnant))).toBe(true);
    // The cases the EPTS rules treat apart (docs/indicators.md).
    expect(big.some((p) => p.returnedAfterTransfer !== undefined)).toBe(true);
    expect(big.some((p) => p.exit?.onBuscaActiva !== undefined && p.exit.kind === 'died')).toBe(true);
    expect(big.some((p) => p.exit?.onBuscaActiva !== undefined && p.exit.kind === 'transferredOut')).toBe(true);
    expect(big.some((p) => p.pickups.some((x) => x.atMidnight))).toBe(true);
    expect(big.some((p) => p.pickups.some((x) => x.source === 'fila' && !x.atMidnight))).toBe(true);
    const qualitative = new Set(
      big.flatMap((p) => p.viralLoads.map((v) => v.result)).filter((r) => typeof r === 'string'),
    );
    expect([...qualitative].sort()).toEqual([...QUALITATIVE_VIRAL_LOADS].sort());
    expect(big.some((p) => p.consultations.some((c) => c.tptStart !== undefined))).toBe(true);
    expect(big.some((p) => p.consultations.some((c) => c.tbTreatmentStart !== undefined))).toBe(true);
    // Transfers in arrive up to the last month, so each month's Resumo Mensal has its B2.
    expect(big.some((p) => p.transferIn && p.opened > plan.asOf - 30)).toBe(true);
  });

  it('keeps every event within the follow-up window and in order', () => {
    for (const p of patients) {
      for (const x of p.pickups) expect(x.day).toBeLessThanOrEqual(plan.asOf);
      for (const v of p.viralLoads) expect(v.resulted).toBeLessThanOrEqual(plan.asOf);
      const days = p.pickups.map((x) => x.day);
      expect([...days].sort((a, b) => a - b)).toEqual(days);
      if (p.artStart !== undefined) expect(p.artStart).toBeLessThanOrEqual(plan.asOf);
    }
  });
});
