import { OverflowMenuItem } from '@carbon/react';
import { navigate, useConfig, UserHasAccess } from '@openmrs/esm-framework';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { RegistrationConfig } from '../config-schema';

/** "Edit patient details" in the patient banner's and the search results' action menus. */
export default function EditPatientAction({ patientUuid }: { patientUuid: string }) {
  const { t } = useTranslation();
  const { links } = useConfig<RegistrationConfig>();
  return (
    <UserHasAccess privilege="Edit Patients">
      <OverflowMenuItem
        className="cds--overflow-menu-options__btn"
        itemText={t('editPatientDetails', 'Edit patient details')}
        onClick={() => navigate({ to: links.editPatient, templateParams: { patientUuid } })}
      />
    </UserHasAccess>
  );
}
