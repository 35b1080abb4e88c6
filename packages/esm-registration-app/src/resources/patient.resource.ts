import { openmrsFetch, restBaseUrl } from '@openmrs/esm-framework';
import useSWR from 'swr';
import { PATIENT_REPRESENTATION, type Operation, type SavedPatient } from '../domain/patient-payload';

const patientUrl = (uuid: string) => `${restBaseUrl}/patient/${uuid}?v=${PATIENT_REPRESENTATION}`;

export async function fetchPatient(uuid: string): Promise<SavedPatient> {
  return (await openmrsFetch<SavedPatient>(patientUrl(uuid))).data;
}

/** The patient as the edit page shows it (a save reads it afresh with fetchPatient). */
export function usePatient(uuid: string | undefined) {
  const { data, error, isLoading } = useSWR(uuid ? patientUrl(uuid) : null, (url: string) =>
    openmrsFetch<SavedPatient>(url),
  );
  return { patient: data?.data, error, isLoading };
}

/** Whether a patient with this uuid exists: how a retried create learns that its first attempt landed. */
export async function patientExists(uuid: string): Promise<boolean> {
  try {
    await openmrsFetch(`${restBaseUrl}/patient/${uuid}?v=ref`);
    return true;
  } catch (error) {
    if ((error as { response?: Response }).response?.status === 404) return false;
    throw error;
  }
}

/** The facility's next NID from its idgen source (each call uses up a number). */
export async function generateNid(sourceUuid: string): Promise<string> {
  const { data } = await openmrsFetch<{ identifier: string }>(
    `${restBaseUrl}/idgen/identifiersource/${sourceUuid}/identifier`,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: {} },
  );
  return data.identifier;
}

export async function createPatient(payload: { uuid: string }): Promise<void> {
  await openmrsFetch(`${restBaseUrl}/patient`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: payload,
  });
}

export async function applyOperations(operations: Operation[]): Promise<void> {
  for (const op of operations) {
    await openmrsFetch(`${restBaseUrl}${op.path}`, {
      method: op.method,
      headers: op.body ? { 'Content-Type': 'application/json' } : undefined,
      body: op.body,
    });
  }
}
