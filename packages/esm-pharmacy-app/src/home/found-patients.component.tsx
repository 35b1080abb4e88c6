import { useTranslation } from '@poc-emr/esm-commons-lib';
import { InlineLoading, InlineNotification, Tile } from '@carbon/react';
import { usePatient, usePatientsByNid } from '../resources/patient.resource';
import PatientPharmacy from '../patient-pharmacy.component';

function Loading({ isLoading, error }: { isLoading: boolean; error: unknown }) {
  const { t } = useTranslation();
  return (
    <>
      {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {Boolean(error) && (
        <InlineNotification kind="error" hideCloseButton title={t('searchFailed', 'The search failed: try again.')} />
      )}
    </>
  );
}

/** The patients whose NID was scanned or typed (usually one), each with their dispensing. */
export function PatientsByNid({ nid }: { nid: string }) {
  const { t } = useTranslation();
  const { patients, error, isLoading } = usePatientsByNid(nid);
  return (
    <>
      <Loading isLoading={isLoading} error={error} />
      {patients?.length === 0 && <Tile>{t('noPatient', 'No patient has the NID {{nid}}.', { nid })}</Tile>}
      {patients?.map((p) => (
        <PatientPharmacy key={p.uuid} patient={p} />
      ))}
    </>
  );
}

/** A patient opened from one of the home's lists. */
export function OpenedPatient({ uuid }: { uuid: string }) {
  const { patient, error, isLoading } = usePatient(uuid);
  return (
    <>
      <Loading isLoading={isLoading} error={error} />
      {patient && <PatientPharmacy patient={patient} />}
    </>
  );
}
