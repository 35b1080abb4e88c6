import type { HivSummary } from '../resources/hiv-summary.resource';

/** A patient on ART, 40 days late (IIT by PEPFAR, still active by MISAU), viral load overdue. */
export const lateWithOverdueViralLoad: HivSummary = {
  patientUuid: 'patient-1',
  date: '2026-10-31',
  artStart: { date: '2024-01-10', source: 'fila' },
  earliestArtStart: null,
  regimen: { value: 'TDF+3TC+DTG', date: '2026-08-22' },
  therapeuticLine: { value: 'PRIMEIRA LINHA', date: '2024-01-10' },
  dispensationType: { value: 'MENSAL', date: '2026-08-22' },
  pickups: {
    lastPickup: '2026-08-22',
    lastFila: '2026-08-22',
    nextPickup: '2026-09-21',
    lastMasterCardPickup: null,
    scheduled: '2026-09-21',
    daysLate: 40,
  },
  viralLoads: [
    { date: '2025-09-15', copies: 40, result: null, suppressed: true },
    { date: '2025-03-01', copies: null, result: 'INDETECTAVEL', suppressed: true },
  ],
  cd4: { value: 420, date: '2024-01-10', percent: false },
  whoStage: { value: 'ESTADIO II OMS', date: '2024-01-10' },
  tbScreening: { date: '2026-08-22', screened: true, symptoms: false },
  tpt: { started: null, completed: '2024-08-01', eligible: false },
  pregnancy: null,
  programme: {
    uuid: 'enrolment-1',
    enrolled: '2024-01-10',
    completed: null,
    state: { uuid: 's', name: 'ACTIVO NO PROGRAMA', date: '2024-01-10' },
  },
  transfers: { in: null, out: null },
  status: {
    pepfar: { status: 'iit', since: '2026-10-20' },
    misau: { status: 'active', since: '2024-01-10' },
  },
  reports: { quarterStart: '2026-10-01', txCurr: false, mmd: null, b13: true, txMl: 'iit6+' },
  alerts: [
    { code: 'missed-pickup', kind: 'clinical', severity: 'danger', date: '2026-09-21', detail: '29-59' },
    { code: 'viral-load-due', kind: 'clinical', severity: 'warning', date: '2026-09-15', detail: null },
    { code: 'tpt-eligible', kind: 'clinical', severity: 'info', date: null, detail: null },
    { code: 'EC24', kind: 'data-quality', severity: 'info', date: '2024-01-10', detail: null },
  ],
};
