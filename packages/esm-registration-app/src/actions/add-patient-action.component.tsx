import { HeaderGlobalAction } from '@carbon/react';
import { UserFollow } from '@carbon/react/icons';
import { navigate, useConfig, UserHasAccess } from '@openmrs/esm-framework';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { RegistrationConfig } from '../config-schema';
import { ADD_PATIENTS } from '../registration-dashboard/registration-dashboard.component';

/** The navigation bar's "register a patient" button, for users who may add patients. */
export default function AddPatientAction() {
  const { t } = useTranslation();
  const { links } = useConfig<RegistrationConfig>();
  return (
    <UserHasAccess privilege={ADD_PATIENTS}>
      <HeaderGlobalAction
        aria-label={t('registerNewPatient', 'Register a new patient')}
        data-testid="registerPatientAction"
        onClick={() => navigate({ to: links.registerPatient })}
      >
        <UserFollow size={20} />
      </HeaderGlobalAction>
    </UserHasAccess>
  );
}
