import type { Session } from '@openmrs/esm-framework';
import { ENCOUNTER_ROLES, type DispensingEncounter } from '@poc-emr/fila';
import { localDatetime } from './clock';

/** The pharmacist's dispensing encounter (FILA or FILT) at `at`, at the session's location. */
export function pharmacistEncounter(
  uuid: string,
  patientUuid: string,
  session: Session,
  at: Date,
): DispensingEncounter {
  return {
    uuid,
    patientUuid,
    locationUuid: session.sessionLocation?.uuid ?? '',
    providerUuid: session.currentProvider?.uuid,
    encounterRoleUuid: ENCOUNTER_ROLES.pharmacist,
    pickupDatetime: localDatetime(at),
  };
}
