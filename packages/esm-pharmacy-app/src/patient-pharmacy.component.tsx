import { InlineLoading, InlineNotification, Tag } from '@carbon/react';
import { age, useConfig } from '@openmrs/esm-framework';
import { displayDate, useSexLabel, useTranslation } from '@poc-emr/esm-commons-lib';
import type { PharmacyConfig } from './config-schema';
import type { PharmacyPatient } from './resources/patient.resource';
import { usePickups } from './resources/pickups.resource';
import { usePatientPrescriptions } from './resources/prescriptions.resource';
import { useTptPickups } from './resources/tpt-pickups.resource';
import TptHistory from './history/tpt-history.component';
import { prescribedDispensation } from './dispense/prescribed';
import DispenseForm from './dispense/dispense-form.component';
import PickupHistory from './history/pickup-history.component';
import TptForm from './dispense/tpt-form.component';
import styles from './pharmacy.scss';

/** One patient: who, the regimen and line of the last pickup, the dispensing form, the pickups. */
export default function PatientPharmacy({ patient }: { patient: PharmacyPatient }) {
  const { t } = useTranslation();
  const sexLabel = useSexLabel();
  const { regimens } = useConfig<PharmacyConfig>();
  const { pickups, error, isLoading, mutate } = usePickups(patient.uuid);
  const waiting = usePatientPrescriptions(patient.uuid);
  const tpt = useTptPickups(patient.uuid);
  // Without an answer about prescriptions (none, or the search failed) the form starts from the last FILA.
  const prescriptionsKnown = waiting.prescriptions !== undefined || waiting.error !== undefined;
  const prescribed = waiting.prescriptions && prescribedDispensation(regimens, waiting.prescriptions);
  const last = pickups?.find((p) => p.regimenUuid);
  const current = regimens.find((r) => r.conceptUuid === last?.regimenUuid);

  return (
    <section className={styles.patient} aria-label={patient.name}>
      <header className={styles.patientHeader}>
        <h3>{patient.name}</h3>
        <span>
          {patient.nid ?? t('noNid', 'no NID')} · {sexLabel(patient.gender)}
          {patient.birthdate ? ` · ${age(patient.birthdate)}` : ''}
        </span>
        {last && (
          <Tag type="blue">
            {t('currentRegimen', 'Regimen {{regimen}}, line {{line}}', {
              regimen: current?.name ?? last.regimenName,
              line: current?.line ?? '?',
            })}
          </Tag>
        )}
        {last?.nextPickup && (
          <Tag type="gray">
            {t('nextPickupWas', 'Expected {{date}}', {
              date: displayDate(last.nextPickup),
            })}
          </Tag>
        )}
      </header>
      {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {error && (
        <InlineNotification kind="error" hideCloseButton title={t('pickupsFailed', 'The pickups could not be read.')} />
      )}
      {pickups && prescriptionsKnown && (
        <>
          <DispenseForm
            // A new set of prescriptions starts the form again from them.
            key={prescribed?.orders.map((o) => o.uuid).join() ?? 'none'}
            patientUuid={patient.uuid}
            currentRegimen={current}
            prescribed={prescribed}
            onSaved={() => {
              void mutate();
              void waiting.mutate();
            }}
          />
          <TptForm patientUuid={patient.uuid} onSaved={() => void tpt.mutate()} />
          <div className={styles.histories}>
            <PickupHistory patient={patient} pickups={pickups} onChanged={() => mutate()} />
            <TptHistory tptPickups={tpt.tptPickups} error={tpt.error} isLoading={tpt.isLoading} />
          </div>
        </>
      )}
    </section>
  );
}
