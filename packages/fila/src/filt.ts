import { ENCOUNTER_ROLES, FILA_METADATA, FILT_METADATA } from './metadata';
import { dayOf, daysBetween, isDay } from './dates';
import type { DispensingEncounter, FilaEncounter, RestObs } from './fila';

// A TPT dispensation and the FILT (encounter type 60) it becomes: 23985 regimen, 23986 dispensation type,
// 23987 where the patient is in the treatment (start, continue, restart, end) and 23988 next TPT date.

export type TptRegimen = keyof typeof FILT_METADATA.regimens;
export type TptPatientType = keyof typeof FILT_METADATA.patientTypes;

export interface TptDispensation extends DispensingEncounter {
  regimen: TptRegimen;
  /** TPT is dispensed monthly or quarterly. */
  dispensationType: 'monthly' | 'quarterly';
  patientType: TptPatientType;
  /** yyyy-mm-dd; none when the treatment ends. */
  nextDate?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtProblems(d: TptDispensation): Array<{ field: string; code: string }> {
  const problems: Array<{ field: string; code: string }> = [];
  const add = (field: string, code: string) => problems.push({ field, code });
  for (const field of ['uuid', 'patientUuid', 'locationUuid'] as const)
    if (!UUID.test(d[field] ?? '')) add(field, 'uuid-invalid');
  if (!isDay(dayOf(d.pickupDatetime ?? ''))) add('pickupDatetime', 'pickup-date-invalid');
  if (!(d.regimen in FILT_METADATA.regimens)) add('regimen', 'regimen-missing');
  if (d.dispensationType !== 'monthly' && d.dispensationType !== 'quarterly')
    add('dispensationType', 'dispense-mode-invalid');
  if (!(d.patientType in FILT_METADATA.patientTypes)) add('patientType', 'patient-type-invalid');
  if (d.patientType !== 'end') {
    if (!isDay(d.nextDate)) add('nextDate', 'next-pickup-invalid');
    else if (isDay(dayOf(d.pickupDatetime ?? '')) && daysBetween(dayOf(d.pickupDatetime), d.nextDate) < 1)
      add('nextDate', 'next-pickup-not-after-pickup');
  }
  return problems;
}

export function buildFilt(d: TptDispensation): FilaEncounter {
  const problems = filtProblems(d);
  if (problems.length > 0)
    throw new Error(`Not a valid TPT dispensation: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
  const c = FILT_METADATA.concepts;
  const obs: RestObs[] = [
    { concept: c.regimen, value: FILT_METADATA.regimens[d.regimen] },
    { concept: c.dispensationType, value: FILA_METADATA.dispenseModes[d.dispensationType] },
    { concept: c.patientType, value: FILT_METADATA.patientTypes[d.patientType] },
  ];
  if (d.patientType !== 'end' && d.nextDate) obs.push({ concept: c.nextDate, value: d.nextDate });
  return {
    uuid: d.uuid,
    patient: d.patientUuid,
    encounterType: FILT_METADATA.encounterType,
    form: FILT_METADATA.form,
    location: d.locationUuid,
    encounterDatetime: d.pickupDatetime,
    ...(d.visitUuid ? { visit: d.visitUuid } : {}),
    encounterProviders: d.providerUuid
      ? [{ provider: d.providerUuid, encounterRole: d.encounterRoleUuid ?? ENCOUNTER_ROLES.unknown }]
      : [],
    obs,
  };
}
