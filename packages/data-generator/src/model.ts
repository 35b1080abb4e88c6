import type { Day } from './dates';

/** Dispensing intervals used in FILA: monthly, quarterly (DT) and semi-annual (DS). */
export type DispenseMode = 'monthly' | 'quarterly' | 'semiannual';

export type ExitKind = 'died' | 'transferredOut' | 'suspended' | 'abandoned';

/** Where an exit was written down: a program state, the Ficha Clínica, Busca Activa or several. */
export interface Exit {
  kind: ExitKind;
  day: Day;
  inProgramState: boolean;
  onFichaClinica: boolean;
  onBuscaActiva?: Day;
}

export type RegimenKey = 'TDF+3TC+EFV' | 'TDF+3TC+DTG' | 'ABC+3TC+LPV/r' | 'ABC+3TC+DTG' | 'AZT+3TC+NVP';

export interface Pickup {
  day: Day;
  nextPickup: Day;
  mode: DispenseMode;
  regimen: RegimenKey;
  /** FILA (pharmacy, encounter 18) or the paper Master Card reception record (encounter 52). */
  source: 'fila' | 'masterCard';
  /** A duplicate FILA typed twice and voided by the clerk: present in the database, void. */
  voidedDuplicate?: boolean;
  /** The next-pickup obs was corrected: the first value is voided and replaced (previous_version). */
  correctedNextPickup?: Day;
  /** Sent by iDART, which records the day only: the FILA is at midnight, not at the pharmacy's hour. */
  atMidnight?: boolean;
}

export interface Consultation {
  day: Day;
  nextVisit: Day;
  weightKg: number;
  heightCm?: number;
  whoStage?: 1 | 2 | 3 | 4;
  tbSymptoms: boolean;
  dispensation: DispenseMode;
  /** ARV plan (concept 1255): start, continue or restart. */
  artPlan?: 'start' | 'continue' | 'restart';
  pregnant?: { weeks: number };
  breastfeeding?: boolean;
  vlRequest?: 'routine' | 'targeted';
  stateOfStay?: 'died' | 'transferredOut' | 'suspended';
  /** TB preventive treatment (isoniazid) started this day. */
  tptStart?: Day;
  /** Active TB: TB treatment started this day. */
  tbTreatmentStart?: Day;
}

/** The qualitative viral-load answers (concept 1305) laboratories send for a suppressed result. */
export const QUALITATIVE_VIRAL_LOADS = [
  'belowDetectable',
  'undetectable',
  'below839',
  'below10',
  'below20',
  'below40',
  'below400',
  'belowValue',
] as const;
export type QualitativeViralLoad = (typeof QUALITATIVE_VIRAL_LOADS)[number];

export interface ViralLoad {
  collected: Day;
  resulted: Day;
  /** Copies/mL, or the qualitative answer a suppressed result was reported with (concept 1305). */
  result: number | QualitativeViralLoad;
  reason: 'routine' | 'targeted';
  /** Since 2019 most results arrive through the FSR form (encounter 51); before, the lab form (13). */
  viaFsr: boolean;
}

export type ProgramKey = 'tarvCare' | 'tarvTreatment' | 'ptv';
export type StateKey =
  | 'care.active'
  | 'care.initiatedArt'
  | 'care.transferredIn'
  | 'tarv.active'
  | 'tarv.transferredIn'
  | 'tarv.transferredOut'
  | 'tarv.suspended'
  | 'tarv.abandoned'
  | 'tarv.died'
  | 'ptv.pregnant'
  | 'ptv.delivered';

export interface Enrolment {
  program: ProgramKey;
  enrolled: Day;
  completed?: Day;
  states: Array<{ state: StateKey; start: Day; end?: Day }>;
}

/** One synthetic patient: what happened (the generator's truth) and how it was recorded. */
export interface PatientHistory {
  index: number;
  uuid: string;
  sex: 'M' | 'F';
  birthdate: Day;
  birthdateEstimated: boolean;
  givenName: string;
  middleName?: string;
  familyName: string;
  phone?: string;
  referencePoint?: string;
  bairro: string;
  nid: string;
  nuic?: string;
  /** Opening of the clinical process (Ficha Resumo, registration). */
  opened: Day;
  hivTestDay: Day;
  transferIn?: { artStartElsewhere: Day };
  /** The real ART start (first pickup, or the start elsewhere for transfers in); undefined if never started. */
  artStart?: Day;
  /** ART start date written on the Ficha Resumo (concept 1190). */
  artStartOnResumo?: Day;
  /** After 2023-12-21: a start recorded on the Ficha Clínica only, never followed by a pickup. */
  clinicalStartWithoutPickup?: Day;
  pickups: Pickup[];
  consultations: Consultation[];
  viralLoads: ViralLoad[];
  cd4?: { day: Day; cells: number };
  delivery?: Day;
  enrolments: Enrolment[];
  exit?: Exit;
  /** A FILA recorded after the death date (the rule: a later pickup cancels the death). */
  pickupAfterDeath?: boolean;
  /** Came back for pickups after a transfer out (moved back): the exit stays on record, undone by the FILAs. */
  returnedAfterTransfer?: Day;
  deathDay?: Day;
  /** The whole record was voided (a duplicate registration). */
  voided: boolean;
}
