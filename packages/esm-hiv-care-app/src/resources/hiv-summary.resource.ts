import { openmrsFetch, useConfig } from '@openmrs/esm-framework';
import useSWR from 'swr';
import type { HivSummary } from '@poc-emr/report-engine';
import type { HivCareConfig } from '../config-schema';

export type { Alert, HivSummary, PatientStatus } from '@poc-emr/report-engine';

/** The summary's SWR key: the same for the card, the banner and the dashboard, so one request serves all. */
export function hivSummaryKey(serviceUrl: string, patientUuid: string): string {
  return `${serviceUrl}/patients/${patientUuid}/hiv-summary`;
}

/**
 * The patient's HIV summary from the report service (the report engine's rules for this patient). The
 * browser revalidates it by ETag: a chart opened again costs a 304 when nothing changed.
 */
export function useHivSummary(patientUuid: string | undefined) {
  const { serviceUrl } = useConfig<HivCareConfig>();
  return useSWR<HivSummary>(
    patientUuid ? hivSummaryKey(serviceUrl, patientUuid) : null,
    (url: string) => openmrsFetch<HivSummary>(url).then((r) => r.data),
    { revalidateOnFocus: false },
  );
}
