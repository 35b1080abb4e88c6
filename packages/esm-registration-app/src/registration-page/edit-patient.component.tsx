import { InlineLoading, InlineNotification } from '@carbon/react';
import { useConfig } from '@openmrs/esm-framework';
import { useParams } from 'react-router-dom';
import useSWR from 'swr';
import { useTranslation } from 'react-i18next';
import type { RegistrationConfig } from '../config-schema';
import { valuesOf } from '../domain/patient-payload';
import { RegistrationForm } from '../registration-form/registration-form.component';
import { fetchPatient } from '../resources/patient.resource';

export function EditPatient({ today }: { today: string }) {
  const { t } = useTranslation();
  const { patientUuid } = useParams();
  const config = useConfig<RegistrationConfig>();
  const { data, error } = useSWR(patientUuid ? ['registration-patient', patientUuid] : null, ([, uuid]) =>
    fetchPatient(uuid),
  );
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
  if (!data) return <InlineLoading description={t('loading', 'Loading…')} />;
  const mapping = {
    nidTypeUuid: config.nid.identifierTypeUuid,
    otherIdentifierTypeUuids: config.otherIdentifierTypes,
    attributeTypes: config.personAttributes,
    hivTestEnabled: config.hivTest.enabled,
    locationUuid: '',
    today,
  };
  return (
    <RegistrationForm
      key={data.uuid}
      today={today}
      editing={{ uuid: data.uuid, values: valuesOf(data, mapping), voided: !!data.voided, dead: !!data.person.dead }}
    />
  );
}
