import { useConfig, useSession } from '@openmrs/esm-framework';
import { useMemo } from 'react';
import type { RegistrationConfig } from '../config-schema';
import type { PatientMapping } from '../domain/patient-payload';

/** How form values map to the REST patient here: the configured types and the session location. */
export function usePatientMapping(today: string): PatientMapping {
  const config = useConfig<RegistrationConfig>();
  const { sessionLocation } = useSession();
  return useMemo(
    () => ({
      nidTypeUuid: config.nid.identifierTypeUuid,
      otherIdentifierTypeUuids: config.otherIdentifierTypes,
      attributeTypes: config.personAttributes,
      hivTestEnabled: config.hivTest.enabled,
      locationUuid: sessionLocation?.uuid ?? '',
      today,
    }),
    [config, sessionLocation, today],
  );
}
