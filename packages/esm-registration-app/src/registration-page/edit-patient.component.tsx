import { InlineLoading, InlineNotification } from '@carbon/react';
import { useParams } from 'react-router-dom';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import { valuesOf } from '../domain/patient-payload';
import { RegistrationForm } from '../registration-form/registration-form.component';
import { usePatientMapping } from '../registration-form/use-patient-mapping';
import { usePatient } from '../resources/patient.resource';

export function EditPatient({ today }: { today: string }) {
  const { t } = useTranslation();
  const { patientUuid } = useParams();
  const mapping = usePatientMapping(today);
  const { patient, error } = usePatient(patientUuid);
  if (error)
    return (
      <InlineNotification
        kind="error"
        lowContrast
        hideCloseButton
        title={t('patientNotLoaded', 'The patient could not be loaded')}
        subtitle={String(error.message ?? error)}
      />
    );
  if (!patient) return <InlineLoading description={t('loading', 'Loading…')} />;
  return (
    <RegistrationForm
      key={patient.uuid}
      today={today}
      editing={{
        uuid: patient.uuid,
        values: valuesOf(patient, mapping),
        voided: !!patient.voided,
        dead: !!patient.person.dead,
      }}
    />
  );
}
