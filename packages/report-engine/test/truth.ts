import type { Day, PatientHistory, Pickup } from '@poc-emr/data-generator';
import { yearsBetween } from '@poc-emr/data-generator/src/dates';
import { ART_START_CUTOVER } from '../src';

// The EPTS rules of docs/indicators.md applied in TypeScript to the generator's patients as their records
// show them: the executable spec the SQL is checked against, patient by patient. Times are minutes since
// the epoch, with each form's time of day as the generator writes it.

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

/** What the records of `p` say at the end of `day`. */
interface Facts {
  /** ART start with the 2023-12-21 cut-over; undefined: not started. */
  artStart?: Day;
  lastFila?: number;
  /** The scheduled pickup (next pickup of the latest FILA, or the reception + 30 days). */
  scheduled?: Day;
  /** The first day without drugs. */
  runsOut?: Day;
  /** The latest exit record of each kind that holds (no FILA after it; a death: no consultation either). */
  exits: Partial<Record<ExitKind, number>>;
}

/** `traced`: whether what Busca Activa found counts (PEPFAR) or not (the Resumo Mensal). */
function facts(p: PatientHistory, day: Day, traced: boolean): Facts {
  const end = at(day + 1, 0); // events before this moment count
  const filas = p.pickups.filter((k) => k.source === 'fila' && filaTime(k) < end);
  const receptions = p.pickups.filter((k) => k.source === 'masterCard' && k.day <= day);
  const artEnrolments = p.enrolments.filter((e) => e.program === 'tarvTreatment');

  const clinical = [
    ...p.consultations.filter((c) => c.artPlan === 'start' && c.day <= day).map((c) => c.day),
    ...(p.artStartOnResumo !== undefined && p.artStartOnResumo <= day ? [p.artStartOnResumo] : []),
    ...artEnrolments.filter((e) => e.enrolled <= day).map((e) => e.enrolled),
  ];
  const pickupDays = [...filas.map((k) => k.day), ...receptions.map((k) => k.day)];
  const earliest = Math.min(...clinical, ...pickupDays);
  const artStart = earliest < cutover ? earliest : pickupDays.length ? Math.min(...pickupDays) : undefined;

  const lastFila = filas.length ? Math.max(...filas.map(filaTime)) : undefined;
  const nextPickup =
    lastFila === undefined
      ? undefined
      : Math.max(...filas.filter((k) => filaTime(k) === lastFila).map((k) => k.nextPickup));
  const lastReception = receptions.length ? Math.max(...receptions.map((k) => k.day)) : undefined;
  const scheduled =
    nextPickup === undefined && lastReception === undefined
      ? undefined
      : Math.max(nextPickup ?? -Infinity, lastReception === undefined ? -Infinity : lastReception + 30);

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
    ...filas.map(filaTime),
    ...p.consultations.filter((c) => c.day <= day).map((c) => when(c.day, 'consultation')),
  ];
  const exits: Facts['exits'] = {};
  for (const x of events) {
    const holds = (lastFila === undefined || lastFila <= x.at) && (x.kind !== 'died' || !seen.some((t) => t > x.at));
    if (holds) exits[x.kind] = Math.max(exits[x.kind] ?? -Infinity, x.at);
  }
  return { artStart, lastFila, scheduled, runsOut: scheduled === undefined ? undefined : scheduled + 1, exits };
}

/** Out of care at the end of `day`: a death or suspension, or a transfer once the drugs have run out. */
function outOfCare(f: Facts, day: Day): boolean {
  const { died, suspended, transferred } = f.exits;
  return (
    died !== undefined ||
    suspended !== undefined ||
    (transferred !== undefined && f.runsOut !== undefined && f.runsOut <= day)
  );
}

/** When `f` left care (`outOfCare`): the latest of its death, suspension and ended transfer. */
function exitTime(f: Facts, day: Day): number {
  const { died, suspended, transferred } = f.exits;
  const ended = transferred !== undefined && f.runsOut !== undefined && f.runsOut <= day ? transferred : -Infinity;
  return Math.max(died ?? -Infinity, suspended ?? -Infinity, ended);
}

/**
 * Whether `p` is on ART at the end of `day`, allowing `graceDays` after the scheduled pickup: TX_CURR with
 * 28 days and every exit record, B12/B13 with 59 and no Busca Activa.
 */
export function onArt(p: PatientHistory, day: Day, graceDays: number, traced = graceDays === 28): boolean {
  if (p.voided) return false;
  const f = facts(p, day, traced);
  return f.artStart !== undefined && f.scheduled !== undefined && f.scheduled + graceDays >= day && !outOfCare(f, day);
}

/** TX_ML's outcome for `p` in the period `[start, end]`, or undefined when not counted. */
export function txMlOutcome(p: PatientHistory, start: Day, end: Day): string | undefined {
  if (p.voided) return undefined;
  const f = facts(p, end, true);
  if (f.artStart === undefined) return undefined;
  const before = facts(p, start - 1, true);
  const leftBefore = outOfCare(before, start - 1);
  const { died, transferred, suspended } = f.exits;
  if (died !== undefined && !leftBefore) return 'died';
  if (transferred !== undefined && died === undefined && f.runsOut! >= start && f.runsOut! <= end) return 'transferred';
  if (suspended !== undefined && !leftBefore) return 'stopped';
  const back = !leftBefore || (f.lastFila !== undefined && f.lastFila > exitTime(before, start - 1));
  if (!back || f.scheduled === undefined) return undefined;
  const lateFrom = f.scheduled + 28;
  if (lateFrom < start - 1 || lateFrom >= end) return undefined;
  const onTreatment = f.scheduled - f.artStart;
  return onTreatment < 90 ? 'iit<3' : onTreatment < 180 ? 'iit3-5' : 'iit6+';
}

/** Whether `p` is in TX_RTT for the period `[start, end]`. */
export function inTxRtt(p: PatientHistory, start: Day, end: Day): boolean {
  if (!onArt(p, end, 28)) return false;
  const before = facts(p, start - 1, true);
  const late = before.scheduled === undefined ? before.lastFila !== undefined : before.scheduled + 28 < start - 1;
  const pickedUp = p.pickups.some((k) => k.day >= start && k.day <= end);
  return late && before.exits.transferred === undefined && pickedUp && !transferredInDuring(p, start, end);
}

/** EPTS's TRF_IN for the period: arrived by transfer (or back after one), with a pickup, not on ART before. */
function transferredInDuring(p: PatientHistory, start: Day, end: Day): boolean {
  const arrived =
    (p.transferIn !== undefined && p.opened >= start && p.opened <= end) ||
    p.enrolments.some((e) =>
      e.states.some((s) => s.state === 'tarv.transferredIn' && s.start >= start && s.start <= end),
    );
  const before = facts(p, start - 1, true);
  const backAfterTransfer =
    before.exits.transferred !== undefined && before.lastFila !== undefined && before.runsOut! < start;
  const pickedUp = p.pickups.some((k) => k.day >= start && k.day <= end);
  return (arrived || backAfterTransfer) && pickedUp && !onArt(p, start - 1, 28);
}
