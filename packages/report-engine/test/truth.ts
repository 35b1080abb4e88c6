import type { Day, PatientHistory, Pickup } from '@poc-emr/data-generator';
import { yearsBetween } from '@poc-emr/data-generator/src/dates';
import { ART_START_CUTOVER } from '../src';

// The EPTS "on ART" rules — TX_CURR (28 days, every exit record) and the Resumo Mensal's B12/B13 (59
// days, no Busca Activa) — applied in TypeScript to the generator's patients as their records show them:
// the executable spec the SQL is checked against (docs/indicators.md). Times are minutes since the
// epoch, with each form's time of day as the generator writes it.

const MINUTES_PER_DAY = 1440;
const at = (day: Day, hour: number, minute = 0) => day * MINUTES_PER_DAY + hour * 60 + minute;
const TIME = {
  state: [0, 0],
  death: [7, 0],
  masterCard: [7, 20],
  fila: [7, 25],
  consultation: [8, 0],
  buscaActiva: [9, 0],
} as const;
const when = (day: Day, form: keyof typeof TIME) => at(day, TIME[form][0], TIME[form][1]);
/** A FILA's time: the pharmacy's hour, or midnight for those iDART sends. */
const filaTime = (k: Pickup) => (k.atMidnight ? at(k.day, 0) : when(k.day, 'fila'));
const cutover = Math.round(Date.parse(`${ART_START_CUTOVER}T00:00:00Z`) / 86_400_000);

type ExitKind = 'suspended' | 'died' | 'transferred';

/**
 * Whether `p` is on ART at the end of `day`, allowing `graceDays` after the scheduled pickup; `traced`:
 * whether what Busca Activa found counts as an exit (TX_CURR) or not (B12/B13).
 */
export function onArt(p: PatientHistory, day: Day, graceDays: number, traced = graceDays === 28): boolean {
  if (p.voided) return false;
  const end = at(day + 1, 0); // events before this moment count
  const filas = p.pickups.filter((k) => k.source === 'fila' && filaTime(k) < end);
  const receptions = p.pickups.filter((k) => k.source === 'masterCard' && k.day <= day);
  const artEnrolments = p.enrolments.filter((e) => e.program === 'tarvTreatment');

  // ART start: the earliest of the five sources; from the cut-over only a pickup starts ART.
  const clinical = [
    ...p.consultations.filter((c) => c.artPlan === 'start' && c.day <= day).map((c) => c.day),
    ...(p.artStartOnResumo !== undefined && p.artStartOnResumo <= day ? [p.artStartOnResumo] : []),
    ...artEnrolments.filter((e) => e.enrolled <= day).map((e) => e.enrolled),
  ];
  const pickupDays = [...filas.map((k) => k.day), ...receptions.map((k) => k.day)];
  const earliest = Math.min(...clinical, ...pickupDays);
  const started = earliest < cutover || pickupDays.length > 0;
  if (!Number.isFinite(earliest) || !started) return false;

  // The day the drugs run out: the next pickup of the latest FILA, or the latest reception + 30 days.
  if (filas.length === 0 && receptions.length === 0) return false;
  const lastFila = filas.length ? Math.max(...filas.map((k) => filaTime(k))) : undefined;
  const nextPickup =
    lastFila === undefined
      ? undefined
      : Math.max(...filas.filter((k) => filaTime(k) === lastFila).map((k) => k.nextPickup));
  const lastReception = receptions.length ? Math.max(...receptions.map((k) => k.day)) : undefined;
  const scheduled = Math.max(nextPickup ?? -Infinity, lastReception === undefined ? -Infinity : lastReception + 30);
  if (scheduled + graceDays < day) return false;

  // Exits recorded by the end of the day, and whether each holds.
  const events: Array<{ kind: ExitKind; at: number }> = [];
  const states = artEnrolments.flatMap((e) => e.states).filter((s) => s.start <= day);
  const latestStart = Math.max(...states.map((s) => s.start));
  const exitState: Partial<Record<string, ExitKind>> = {
    'tarv.suspended': 'suspended',
    'tarv.died': 'died',
    'tarv.transferredOut': 'transferred',
  };
  for (const s of states.filter((s) => s.start === latestStart)) {
    const kind = exitState[s.state];
    if (kind) events.push({ kind, at: when(s.start, 'state') });
  }
  const stay: Record<string, ExitKind> = { suspended: 'suspended', died: 'died', transferredOut: 'transferred' };
  for (const c of p.consultations) {
    // Only the adult Ficha Clínica carries a state of stay the rule reads (a child's form is another type).
    if (c.stateOfStay && c.day <= day && yearsBetween(p.birthdate, c.day) >= 15)
      events.push({ kind: stay[c.stateOfStay], at: when(c.day, 'consultation') });
  }
  if (p.deathDay !== undefined && p.deathDay <= day) events.push({ kind: 'died', at: when(p.deathDay, 'death') });
  const tracedOn = p.exit?.onBuscaActiva;
  if (traced && tracedOn !== undefined && tracedOn <= day) {
    events.push({ kind: p.exit!.kind === 'died' ? 'died' : 'transferred', at: when(tracedOn, 'buscaActiva') });
  }
  const seen = [
    ...filas.map((k) => filaTime(k)),
    ...p.consultations.filter((c) => c.day <= day).map((c) => when(c.day, 'consultation')),
  ];
  const drugsLast = Math.max(
    nextPickup === undefined ? -Infinity : nextPickup + 1,
    lastReception === undefined ? -Infinity : lastReception + 31,
  );
  const holding = events.filter((x) => {
    if (x.kind === 'died') return !seen.some((t) => t > x.at);
    if (x.kind === 'transferred') return (Number.isFinite(drugsLast) ? at(drugsLast, 0) : x.at) < end;
    return true;
  });
  if (holding.length === 0) return true;
  const exited = Math.max(...holding.map((x) => x.at));
  return lastFila !== undefined && lastFila > exited; // a FILA after the exit brings the patient back
}
