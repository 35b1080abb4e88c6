import { openmrsFetch } from '@openmrs/esm-framework';
import useSWR from 'swr';

// The iDART bridge's error queue (packages/idart-bridge), where the facility runs it: dispensations made in
// iDART that cannot become a FILA until someone acts, each with its reason.

export interface IdartError {
  packageId: number;
  nid: string;
  patientName: string;
  pickup: string;
  regimen: string | null;
  reasonCode: string;
  reason: string;
}

/** The queue; undefined where no bridge answers (the facility does not use iDART). */
export function useIdartErrors(bridgeUrl: string) {
  const { data, mutate } = useSWR(
    bridgeUrl ? `${bridgeUrl}/errors` : null,
    (url: string) => openmrsFetch<{ results: IdartError[] }>(url).then((r) => r.data.results),
    { shouldRetryOnError: false },
  );
  return { errors: data, mutate };
}

export async function retryIdartError(bridgeUrl: string, packageId: number): Promise<void> {
  await openmrsFetch(`${bridgeUrl}/errors/${packageId}/retry`, { method: 'POST' });
}
