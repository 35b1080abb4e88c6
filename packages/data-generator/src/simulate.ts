import { addMonths, day, type Day, year, yearsBetween } from './dates';
import {
  QUALITATIVE_VIRAL_LOADS,
  type Consultation,
  type DispenseMode,
  type Enrolment,
  type Exit,
  type PatientHistory,
  type Pickup,
  type RegimenKey,
  type ViralLoad,
} from './model';
import { BAIRRO_NAMES, BAIRRO_SUFFIXES, FAMILY, FEMALE_GIVEN, LANDMARKS, MALE_GIVEN } from './names';
import { Random } from './random';

/** The national rule change: from this day only real pickups count as ART initiation. */
export const ART_START_CUTOVER = day('2023-12-21');
const TEST_AND_START = day('2016-08-01');
const DT_AVAILABLE = day('2018-01-01');
const DS_AVAILABLE = day('2020-06-01');
const DTG_TRANSITION = day('2019-06-01');
const FSR_AVAILABLE = day('2019-01-01');

export interface FacilityPlan {
  seed: number | string;
  patients: number;
  /** 7-digit health facility code: the NID prefix is "0" + code + service "01". */
  facilityCode: string;
  /** The last day with data; patients are followed up to here. */
  asOf: Day;
  /** When the facility started ART care: the earliest registration. */
  opened?: Day;
}

const INTERVAL_DAYS: Record<DispenseMode, readonly number[]> = {
  monthly: [28, 30, 30, 30, 31],
  quarterly: [84, 90, 90, 91],
  semiannual: [168, 180, 180, 182],
};

/**
 * Simulates one facility, patient by patient. Each patient draws from its own stream (seed + index),
 * so patient i is the same whatever the size of the facility.
 */
export function* simulateFacility(plan: FacilityPlan): Generator<PatientHistory> {
  if (!/^\d{7}$/.test(plan.facilityCode)) throw new Error(`Facility code must have 7 digits: "${plan.facilityCode}"`);
  const opened = plan.opened ?? addMonths(plan.asOf, -12 * 14);
  const nidSequence = new Map<number, number>();
  // Registration days are drawn first so that NIDs can be numbered in order of registration per year.
  const openings: Day[] = [];
  const order = new Random(`${plan.seed}:openings`);
  for (let i = 0; i < plan.patients; i++) {
    // More registrations in recent years, as the programme grew.
    openings.push(opened + Math.floor(order.next() ** 0.8 * (plan.asOf - opened)));
  }
  const byDay = openings.map((d, i) => [d, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const nids = new Array<string>(plan.patients);
  for (const [d, i] of byDay) {
    const y = year(d);
    const next = (nidSequence.get(y) ?? 0) + 1;
    nidSequence.set(y, next);
    nids[i] = `0${plan.facilityCode}01/${y}/${String(next).padStart(5, '0')}`;
  }
  for (let i = 0; i < plan.patients; i++) {
    yield simulatePatient(new Random(`${plan.seed}:patient:${i}`), i, openings[i], nids[i], plan);
  }
}

function simulatePatient(rng: Random, index: number, opened: Day, nid: string, plan: FacilityPlan): PatientHistory {
  const { asOf } = plan;
  const ageGroup = rng.weighted({ under5: 2, '5-9': 2, '10-14': 2.5, '15-19': 5, adult: 88.5 });
  const age =
    ageGroup === 'under5'
      ? rng.int(0, 4)
      : ageGroup === '5-9'
        ? rng.int(5, 9)
        : ageGroup === '10-14'
          ? rng.int(10, 14)
          : ageGroup === '15-19'
            ? rng.int(15, 19)
            : Math.round(Math.min(75, Math.max(20, rng.normal(35, 10))));
  const femaleShare = age < 15 ? 0.5 : age < 20 ? 0.7 : 0.62;
  const sex = rng.chance(femaleShare) ? 'F' : 'M';
  const birthdate = opened - Math.floor(age * 365.25) - rng.int(0, 364);
  const given = sex === 'F' ? FEMALE_GIVEN : MALE_GIVEN;

  const patient: PatientHistory = {
    index,
    uuid: rng.uuid(),
    sex,
    birthdate,
    birthdateEstimated: age >= 15 && rng.chance(0.15),
    givenName: rng.pick(given),
    middleName: rng.chance(0.4) ? rng.pick(given) : undefined,
    familyName: rng.pick(FAMILY),
    phone: rng.chance(0.7)
      ? `+258 8${rng.pick(['2', '3', '4', '5', '6', '7'])}${rng.int(1000000, 9999999)}`
      : undefined,
    referencePoint: rng.chance(0.5) ? rng.pick(LANDMARKS) : undefined,
    bairro: `${rng.pick(BAIRRO_NAMES)} ${rng.pick(BAIRRO_SUFFIXES)}`,
    nid,
    nuic: rng.chance(0.1) ? String(rng.int(1e12, 9.999e12)) : undefined,
    opened,
    hivTestDay: opened - (rng.chance(0.6) ? 0 : rng.int(1, 30)),
    pickups: [],
    consultations: [],
    viralLoads: [],
    enrolments: [],
    voided: rng.chance(0.004),
  };

  const transferIn = rng.chance(0.08);
  let artStart: Day | undefined;
  if (transferIn) {
    artStart = opened - rng.int(90, 2000);
    patient.transferIn = { artStartElsewhere: artStart };
  } else if (opened >= TEST_AND_START) {
    artStart = rng.chance(0.03) ? undefined : opened + (rng.chance(0.7) ? 0 : rng.int(1, 14));
  } else {
    artStart = rng.chance(0.2) ? undefined : opened + rng.int(14, 540);
  }
  if (artStart !== undefined && artStart > asOf) artStart = undefined;

  if (patient.opened < asOf - 30 && rng.chance(0.6) && (artStart === undefined || artStart > opened)) {
    patient.cd4 = { day: opened, cells: Math.round(Math.min(1500, Math.max(5, rng.normal(350, 200)))) };
  }
  enrolInCare(patient, artStart, transferIn);
  if (artStart === undefined) return patient;

  // After the cut-over some starts were written on the Ficha Clínica but the patient never came to the pharmacy.
  if (!transferIn && artStart >= ART_START_CUTOVER && rng.chance(0.03)) {
    patient.clinicalStartWithoutPickup = artStart;
    patient.consultations.push(consultation(rng, patient, artStart, 'monthly', 'start'));
    return patient;
  }
  patient.artStart = artStart;
  patient.artStartOnResumo = transferIn || rng.chance(0.9) ? artStart : artStart - rng.int(1, 10);
  followOnArt(rng, patient, transferIn ? opened : artStart, asOf);
  return patient;
}

function enrolInCare(patient: PatientHistory, artStart: Day | undefined, transferIn: boolean): void {
  if (transferIn) return;
  const care: Enrolment = {
    program: 'tarvCare',
    enrolled: patient.opened,
    states: [{ state: 'care.active', start: patient.opened }],
  };
  if (artStart !== undefined) {
    care.states[0].end = artStart;
    care.states.push({ state: 'care.initiatedArt', start: artStart });
    care.completed = artStart;
  }
  patient.enrolments.push(care);
}

function regimenFor(patient: PatientHistory, on: Day): RegimenKey {
  const age = yearsBetween(patient.birthdate, on);
  if (age < 10) return on >= DTG_TRANSITION + 700 ? 'ABC+3TC+DTG' : 'ABC+3TC+LPV/r';
  if (on < DTG_TRANSITION) return patient.index % 17 === 0 ? 'AZT+3TC+NVP' : 'TDF+3TC+EFV';
  return 'TDF+3TC+DTG';
}

/** Pickups, consultations, viral loads and exits from the first pickup until asOf or an exit. */
function followOnArt(rng: Random, patient: PatientHistory, firstPickup: Day, asOf: Day): void {
  const artStart = patient.artStart!;
  const treatment: Enrolment = {
    program: 'tarvTreatment',
    enrolled: patient.transferIn ? patient.opened : artStart,
    states: [
      {
        state: patient.transferIn ? 'tarv.transferredIn' : 'tarv.active',
        start: patient.transferIn ? patient.opened : artStart,
      },
    ],
  };
  const recordsEnrolment = rng.chance(0.85);
  if (recordsEnrolment) patient.enrolments.push(treatment);

  const paperPatient = rng.chance(0.06);
  // Some pharmacies dispense in iDART, whose FILAs reach OpenMRS dated at midnight.
  const viaIdart = rng.chance(0.25);
  const stable = rng.chance(0.7);
  let mode: DispenseMode = 'monthly';
  let visit = firstPickup;
  let lastConsult = -Infinity;
  let nextVl = addMonths(artStart, 6);
  let suppressed = rng.chance(0.88);
  let lastSuppressed = true;
  let pregnancyEnd: Day | undefined;
  let breastfeedingUntil: Day | undefined;
  let returning = false;

  while (visit <= asOf) {
    const monthsOnArt = (visit - artStart) / 30.4;
    const age = yearsBetween(patient.birthdate, visit);
    if (stable && monthsOnArt >= 6 && age >= 2 && mode === 'monthly' && visit >= DT_AVAILABLE && rng.chance(0.5))
      mode = 'quarterly';
    if (stable && monthsOnArt >= 12 && mode === 'quarterly' && visit >= DS_AVAILABLE && rng.chance(0.3))
      mode = 'semiannual';
    if (returning) mode = 'monthly';
    const interval = rng.pick(INTERVAL_DAYS[mode]);
    const pickup: Pickup = {
      day: visit,
      nextPickup: visit + interval,
      mode,
      regimen: regimenFor(patient, visit),
      source: paperPatient && rng.chance(0.3) ? 'masterCard' : 'fila',
      voidedDuplicate: rng.chance(0.01) || undefined,
      atMidnight: viaIdart || undefined,
    };
    if (rng.chance(0.005)) pickup.correctedNextPickup = pickup.nextPickup + rng.pick([-30, 30, 365]);
    patient.pickups.push(pickup);

    // Clinical follow-up on the same day: every 3 months in the first year, every 6 after.
    const consultEvery = monthsOnArt < 12 ? 85 : 170;
    if (visit - lastConsult >= consultEvery || returning) {
      const plan =
        visit === firstPickup ? (patient.transferIn ? 'continue' : 'start') : returning ? 'restart' : undefined;
      const c = consultation(rng, patient, visit, mode, plan);
      if (plan === 'start') {
        // At the first consultation: TB preventive treatment for many, TB treatment for a few with active TB.
        if (rng.chance(0.05)) c.tbTreatmentStart = visit;
        else if (rng.chance(0.3)) c.tptStart = visit;
      }
      if (patient.sex === 'F' && age >= 15 && age <= 45) {
        if (pregnancyEnd !== undefined && visit < pregnancyEnd)
          c.pregnant = { weeks: Math.max(4, 40 - Math.round((pregnancyEnd - visit) / 7)) };
        else if (breastfeedingUntil !== undefined && visit <= breastfeedingUntil) c.breastfeeding = true;
        else if (rng.chance(0.05)) {
          const weeks = rng.int(6, 30);
          pregnancyEnd = visit + (40 - weeks) * 7;
          c.pregnant = { weeks };
          patient.delivery = pregnancyEnd;
          breastfeedingUntil = pregnancyEnd + 540;
          patient.enrolments.push({
            program: 'ptv',
            enrolled: visit,
            states: [
              { state: 'ptv.pregnant', start: visit, end: pregnancyEnd },
              { state: 'ptv.delivered', start: pregnancyEnd },
            ],
            completed: pregnancyEnd,
          });
        }
      }
      if (visit >= nextVl) {
        // A repeat after a high viral load (and adherence counselling) is targeted; it is often suppressed.
        c.vlRequest = lastSuppressed ? 'routine' : 'targeted';
        const vl = viralLoad(rng, visit, suppressed, c.vlRequest);
        if (vl.resulted <= asOf) patient.viralLoads.push(vl);
        nextVl = suppressed ? addMonths(visit, 12) : addMonths(visit, 3);
        lastSuppressed = suppressed;
        suppressed = rng.chance(suppressed ? 0.95 : 0.6);
      }
      patient.consultations.push(c);
      lastConsult = visit;
    }
    returning = false;

    const exit = patient.exit ? undefined : drawExit(rng, visit, interval, artStart);
    if (exit) {
      recordExit(rng, patient, treatment, exit, pickup, asOf);
      // Some transferred out come back (moved back, or never arrived): the transfer stays on record.
      const back = exit.day + rng.int(60, 400);
      if (patient.exit?.kind !== 'transferredOut' || !rng.chance(0.12) || back > asOf) return;
      patient.returnedAfterTransfer = back;
      visit = back;
      returning = true;
      continue;
    }

    // When does the patient come back? Mostly on time; sometimes late; sometimes an interruption.
    const r = rng.next();
    const delay = r < 0.75 ? rng.int(-4, 0) : r < 0.9 ? rng.int(1, 10) : r < 0.96 ? rng.int(11, 27) : rng.int(29, 720);
    if (delay > 28) {
      const lateSince = pickup.nextPickup + 28;
      const returns = rng.chance(0.5);
      if (!returns || pickup.nextPickup + delay > asOf) {
        if (!patient.exit && lateSince + 60 <= asOf && rng.chance(0.3)) abandon(patient, treatment, lateSince + 60);
        return;
      }
      returning = true;
    }
    visit = pickup.nextPickup + delay;
  }
}

function consultation(
  rng: Random,
  patient: PatientHistory,
  on: Day,
  mode: DispenseMode,
  artPlan: Consultation['artPlan'],
): Consultation {
  const age = yearsBetween(patient.birthdate, on);
  const first = patient.consultations.length === 0;
  const weightKg =
    age < 15
      ? Math.round((3.5 + age * 2.6 + rng.normal(0, 1.5)) * 10) / 10
      : Math.round(rng.normal(patient.sex === 'F' ? 58 : 62, 9) * 10) / 10;
  return {
    day: on,
    nextVisit: on + (mode === 'monthly' ? 30 : mode === 'quarterly' ? 90 : 180),
    weightKg: Math.max(2.5, weightKg),
    heightCm: first
      ? age < 15
        ? Math.round(50 + age * 6.5)
        : rng.int(patient.sex === 'F' ? 148 : 158, patient.sex === 'F' ? 175 : 188)
      : undefined,
    whoStage: first
      ? rng.weighted({ 1: 40, 2: 30, 3: 20, 4: 10 }) === '1'
        ? 1
        : (rng.int(2, 4) as 2 | 3 | 4)
      : undefined,
    tbSymptoms: rng.chance(0.05),
    dispensation: mode,
    artPlan,
  };
}

function viralLoad(rng: Random, requested: Day, suppressed: boolean, reason: 'routine' | 'targeted'): ViralLoad {
  const resulted = requested + rng.int(10, 45);
  let result: ViralLoad['result'];
  if (!suppressed) result = Math.round(10 ** rng.normal(4.3, 0.7) + 1000);
  else if (rng.chance(0.45)) {
    // Mostly "below the detectable level"; laboratories also answer with a copies band.
    result = rng.chance(0.5) ? 'belowDetectable' : rng.pick(QUALITATIVE_VIRAL_LOADS);
  } else result = rng.chance(0.7) ? rng.int(20, 150) : rng.int(151, 999);
  return { collected: requested, resulted, result, reason, viaFsr: requested >= FSR_AVAILABLE && rng.chance(0.7) };
}

function drawExit(
  rng: Random,
  visit: Day,
  interval: number,
  artStart: Day,
): { kind: Exit['kind']; day: Day } | undefined {
  const years = interval / 365;
  const firstYear = visit - artStart < 365;
  const rates = { died: firstYear ? 0.04 : 0.012, transferredOut: 0.025, suspended: 0.002 } as const;
  for (const kind of ['died', 'transferredOut', 'suspended'] as const) {
    if (rng.chance(1 - Math.exp(-rates[kind] * years))) return { kind, day: visit + rng.int(1, interval - 1) };
  }
  return undefined;
}

function recordExit(
  rng: Random,
  patient: PatientHistory,
  treatment: Enrolment,
  drawn: { kind: Exit['kind']; day: Day },
  lastPickup: Pickup,
  asOf: Day,
): void {
  if (drawn.day > asOf) return;
  const exit: Exit = {
    kind: drawn.kind,
    day: drawn.day,
    inProgramState: rng.chance(drawn.kind === 'died' ? 0.7 : 0.8),
    onFichaClinica: rng.chance(0.5),
  };
  if (!exit.inProgramState && !exit.onFichaClinica && drawn.kind !== 'died') exit.onFichaClinica = true;
  if (drawn.kind !== 'suspended' && rng.chance(0.15)) {
    const tracing = lastPickup.nextPickup + rng.int(20, 60);
    if (tracing <= asOf) exit.onBuscaActiva = tracing;
  }
  patient.exit = exit;
  if (exit.kind === 'died') {
    patient.deathDay = exit.day;
    // A pickup typed after the recorded death: the reports must let it cancel the death.
    if (rng.chance(0.03) && exit.day + 60 <= asOf) {
      patient.pickupAfterDeath = true;
      const d = exit.day + rng.int(5, 60);
      patient.pickups.push({
        day: d,
        nextPickup: d + 30,
        mode: 'monthly',
        regimen: lastPickup.regimen,
        source: 'fila',
      });
    }
  }
  if (exit.onFichaClinica) {
    const c = consultation(rng, patient, exit.day, lastPickup.mode, undefined);
    c.stateOfStay = exit.kind === 'abandoned' ? undefined : exit.kind;
    patient.consultations.push(c);
  }
  if (exit.inProgramState && patient.enrolments.includes(treatment)) {
    const state = {
      died: 'tarv.died',
      transferredOut: 'tarv.transferredOut',
      suspended: 'tarv.suspended',
      abandoned: 'tarv.abandoned',
    } as const;
    treatment.states[treatment.states.length - 1].end = exit.day;
    treatment.states.push({ state: state[exit.kind], start: exit.day });
    if (exit.kind === 'died' || exit.kind === 'transferredOut') treatment.completed = exit.day;
  }
}

function abandon(patient: PatientHistory, treatment: Enrolment, on: Day): void {
  patient.exit = { kind: 'abandoned', day: on, inProgramState: true, onFichaClinica: false };
  if (patient.enrolments.includes(treatment)) {
    treatment.states[treatment.states.length - 1].end = on;
    treatment.states.push({ state: 'tarv.abandoned', start: on });
  }
}
