import { ENCOUNTER_ROLES, FILA_METADATA } from './metadata';
import { addDays, dayOf, daysBetween, isDay } from './dates';

// A dispensation of ARVs and the FILA encounter it becomes: what the pharmacy app saves and what the iDART
// bridge posts, built here only, so that both give the reports the same rows.

export type DispenseMode = keyof typeof FILA_METADATA.dispenseModes;

/** Days one dispensation covers by default: a month, three (DT), six (DS). */
export const DISPENSE_MODE_DAYS: Record<DispenseMode, number> = { monthly: 30, quarterly: 90, semiannual: 180 };

/** The longest supply a FILA may schedule: a semi-annual dispensation and a few days' margin. */
export const MAX_SUPPLY_DAYS = 190;

export interface DispensedDrug {
  /** The OpenMRS drug (formulation) uuid. */
  drugUuid: string;
  /** Units handed over (tablets, capsules, bottles): a whole number. */
  quantity: number;
  /** How to take it, e.g. "Tomar 1 comp 1 vez por dia". */
  posology: string;
}

/** Who, where and when of a dispensing encounter (a FILA or a FILT). */
export interface DispensingEncounter {
  /** The encounter's uuid, chosen by the writer: the idempotency key of the save. */
  uuid: string;
  patientUuid: string;
  locationUuid: string;
  /** The dispensing provider; the encounter role defaults to core's Unknown (as iDART writes it). */
  providerUuid?: string;
  encounterRoleUuid?: string;
  /** The visit the encounter belongs to; without it OpenMRS's visit assignment picks or opens one. */
  visitUuid?: string;
  /** yyyy-mm-dd (iDART: the day at midnight) or an ISO date-time with offset (the app). */
  pickupDatetime: string;
}

export interface Dispensation extends DispensingEncounter {
  /** yyyy-mm-dd: the day the patient is expected back (concept 5096). */
  nextPickupDate: string;
  /** The regimen answer concept of 1088. */
  regimenUuid: string;
  dispenseMode: DispenseMode;
  drugs: DispensedDrug[];
  /** Written on every obs (iDART's FILAs carry "IDART"). */
  comment?: string;
}

export type ProblemCode =
  | 'uuid-invalid'
  | 'patient-missing'
  | 'location-missing'
  | 'regimen-missing'
  | 'pickup-date-invalid'
  | 'next-pickup-invalid'
  | 'next-pickup-not-after-pickup'
  | 'next-pickup-too-far'
  | 'dispense-mode-invalid'
  | 'drugs-missing'
  | 'drug-repeated'
  | 'quantity-invalid'
  | 'posology-missing';

export interface Problem {
  /** The field: `nextPickupDate`, `drugs[1].quantity`… */
  field: string;
  code: ProblemCode;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Everything wrong with a dispensation; empty when it can be saved. */
export function dispensationProblems(d: Dispensation): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, code: ProblemCode) => problems.push({ field, code });
  if (!UUID.test(d.uuid ?? '')) add('uuid', 'uuid-invalid');
  if (!UUID.test(d.patientUuid ?? '')) add('patientUuid', 'patient-missing');
  if (!UUID.test(d.locationUuid ?? '')) add('locationUuid', 'location-missing');
  if (!UUID.test(d.regimenUuid ?? '')) add('regimenUuid', 'regimen-missing');
  const pickupValid = DATETIME.test(d.pickupDatetime ?? '') && isDay(dayOf(d.pickupDatetime));
  if (!pickupValid) add('pickupDatetime', 'pickup-date-invalid');
  if (!isDay(d.nextPickupDate)) add('nextPickupDate', 'next-pickup-invalid');
  else if (pickupValid) {
    const days = daysBetween(dayOf(d.pickupDatetime), d.nextPickupDate);
    if (days < 1) add('nextPickupDate', 'next-pickup-not-after-pickup');
    else if (days > MAX_SUPPLY_DAYS) add('nextPickupDate', 'next-pickup-too-far');
  }
  if (!(d.dispenseMode in FILA_METADATA.dispenseModes)) add('dispenseMode', 'dispense-mode-invalid');
  if (!Array.isArray(d.drugs) || d.drugs.length === 0) {
    add('drugs', 'drugs-missing');
    return problems;
  }
  const seen = new Set<string>();
  d.drugs.forEach((drug, i) => {
    if (!UUID.test(drug.drugUuid ?? '')) add(`drugs[${i}].drugUuid`, 'drugs-missing');
    else if (seen.has(drug.drugUuid)) add(`drugs[${i}].drugUuid`, 'drug-repeated');
    seen.add(drug.drugUuid);
    if (!Number.isInteger(drug.quantity) || drug.quantity < 1 || drug.quantity > 10_000)
      add(`drugs[${i}].quantity`, 'quantity-invalid');
    if (typeof drug.posology !== 'string' || drug.posology.trim() === '')
      add(`drugs[${i}].posology`, 'posology-missing');
  });
  return problems;
}

export interface RestObs {
  concept: string;
  value?: string | number;
  groupMembers?: RestObs[];
  comment?: string;
}

/** The body of POST /ws/rest/v1/encounter. */
export interface FilaEncounter {
  uuid: string;
  patient: string;
  encounterType: string;
  form: string;
  location: string;
  encounterDatetime: string;
  visit?: string;
  encounterProviders: Array<{ provider: string; encounterRole: string }>;
  obs: RestObs[];
}

/**
 * The FILA of a dispensation, with the obs EPTS reads: 1088 regimen, 1715 quantity and 1711 posology (of
 * the regimen's first drug, as the one-drug FILAs of iDART carry them), 5096 next pickup, 165174 dispense
 * mode, and one 5ad593a4 group per drug (formulation = the drug, its quantity, 1711 and a46a603e
 * posology), as iDMED posts it. Throws on a dispensation with problems: check them first.
 */
export function buildFila(d: Dispensation): FilaEncounter {
  const problems = dispensationProblems(d);
  if (problems.length > 0)
    throw new Error(`Not a valid dispensation: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
  const c = FILA_METADATA.concepts;
  const obs = (concept: string, value: string | number): RestObs => ({
    concept,
    value,
    ...(d.comment ? { comment: d.comment } : {}),
  });
  const [first] = d.drugs;
  return {
    uuid: d.uuid,
    patient: d.patientUuid,
    encounterType: FILA_METADATA.encounterType,
    form: FILA_METADATA.form,
    location: d.locationUuid,
    encounterDatetime: d.pickupDatetime,
    ...(d.visitUuid ? { visit: d.visitUuid } : {}),
    encounterProviders: d.providerUuid
      ? [{ provider: d.providerUuid, encounterRole: d.encounterRoleUuid ?? ENCOUNTER_ROLES.unknown }]
      : [],
    obs: [
      obs(c.regimen, d.regimenUuid),
      obs(c.quantity, first.quantity),
      obs(c.posology, first.posology.trim()),
      obs(c.nextPickup, d.nextPickupDate),
      obs(c.dispenseMode, FILA_METADATA.dispenseModes[d.dispenseMode]),
      ...d.drugs.map((drug) => ({
        concept: c.drugGroup,
        ...(d.comment ? { comment: d.comment } : {}),
        groupMembers: [
          obs(c.drugFormulation, drug.drugUuid),
          obs(c.quantity, drug.quantity),
          obs(c.posology, drug.posology.trim()),
          obs(c.drugPosology, drug.posology.trim()),
        ],
      })),
    ],
  };
}

/** The next pickup of a supply of `days` from the pickup day. */
export function nextPickupFor(pickupDay: string, days: number): string {
  return addDays(pickupDay, days);
}

/**
 * The dispense mode the reports will see for a supply of `days` (TX_CURR's MMD bands: under 83 days
 * monthly, 83–173 quarterly, more semi-annual), so that the mode written agrees with the next pickup.
 */
export function dispenseModeForDays(days: number): DispenseMode {
  return days < 83 ? 'monthly' : days <= 173 ? 'quarterly' : 'semiannual';
}

/** iDART's posology text from its amount per time and times per day: "Tomar 1 comp 2 vezes por dia". */
export function posologyText(amountPerTime: number, timesPerDay: number): string {
  const amount = Number.isInteger(amountPerTime) ? String(amountPerTime) : String(amountPerTime).replace('.', ',');
  return `Tomar ${amount} comp ${timesPerDay} ${timesPerDay === 1 ? 'vez' : 'vezes'} por dia`;
}
