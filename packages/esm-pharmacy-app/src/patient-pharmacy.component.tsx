import { useTranslation } from 'react-i18next';
import { InlineLoading, InlineNotification, Tag } from '@carbon/react';
import { age, useConfig } from '@openmrs/esm-framework';
import type { PharmacyConfig } from './config-schema';
import type { PharmacyPatient } from './resources/patient.resource';
import { usePickups } from './resources/pickups.resource';
import DispenseForm from './dispense/dispense-form.component';
import PickupHistory from './history/pickup-history.component';
import TptForm from './dispense/tpt-form.component';
import styles from './pharmacy.scss';

/** One patient: who, the regimen and line of the last pickup, the dispensing form, the pickups. */
export default function PatientPharmacy({ patient }: { patient: PharmacyPatient }) {
  const { t } = useTranslation();
  const { regimens } = useConfig<PharmacyConfig>();
  const { pickups, error, isLoading, mutate } = usePickups(patient.uuid);
  const last = pickups?.find((p) => p.regimenUuid);
  const current = regimens.find((r) => r.conceptUuid === last?.regimenUuid);

  return (
    <section className={styles.patient} aria-label={patient.name}>
      <header className={styles.patientHeader}>
        <h3>{patient.name}</h3>
        <span>
          {patient.nid ?? t('noNid', 'no NID')} · {patient.gender}
          {patient.birthdate ? ` · ${age(patient.birthdate)}` : ''}
        </span>
        {last && (
          <Tag type="blue">
            {t('currentRegimen', 'Regimen {{regimen}}, line {{line}}', {
              regimen: current?.name ?? last.regimenName,
              line: current?.line ?? '?',
              interpolation: { escapeValue: false },
            })}
          </Tag>
        )}
        {last?.nextPickup && (
          <Tag type="gray">{t('nextPickupWas', 'Expected {{date}}', { date: last.nextPickup })}</Tag>
        )}
      </header>
      {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {error && (
        <InlineNotification kind="error" hideCloseButton title={t('pickupsFailed', 'The pickups could not be read.')} />
      )}
      {pickups && (
        <>
          <DispenseForm patientUuid={patient.uuid} currentRegimen={current} onSaved={() => mutate()} />
          <TptForm patientUuid={patient.uuid} />
          <PickupHistory patient={patient} pickups={pickups} onChanged={() => mutate()} />
        </>
      )}
    </section>
  );
}
