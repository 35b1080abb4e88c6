import { Tile } from '@carbon/react';
import { ConfigurableLink, useConfig, useSession, UserHasAccess } from '@openmrs/esm-framework';
import { type RegistrationConfig } from '../config-schema';
import { PatientSearch } from '../patient-search/patient-search.component';
import { useTranslation, WidgetBoundary } from '@poc-emr/esm-commons-lib';
import styles from './registration-dashboard.scss';

/** Privilege the registration form needs to save a patient: without it the action would only fail later. */
export const ADD_PATIENTS = 'Add Patients';

export default function RegistrationDashboard() {
  const { t } = useTranslation();
  const { links } = useConfig<RegistrationConfig>();
  const { sessionLocation } = useSession();

  return (
    <section className={styles.dashboard}>
      <h2 className={styles.heading}>{t('patientRegistration', 'Patient registration')}</h2>
      {sessionLocation && <p className={styles.facility}>{sessionLocation.display}</p>}
      <Tile className={styles.actions}>
        <UserHasAccess privilege={ADD_PATIENTS}>
          <ConfigurableLink className="cds--btn cds--btn--primary" to={links.registerPatient}>
            {t('registerNewPatient', 'Register a new patient')}
          </ConfigurableLink>
        </UserHasAccess>
      </Tile>
      <WidgetBoundary name={t('searchPatient', 'Search patient')}>
        <PatientSearch />
      </WidgetBoundary>
    </section>
  );
}
