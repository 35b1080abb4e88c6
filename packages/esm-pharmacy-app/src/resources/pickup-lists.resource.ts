import { openmrsFetch, useConfig } from '@openmrs/esm-framework';
import type { PatientListRow } from '@poc-emr/report-engine';
import useSWR from 'swr';
import type { PharmacyConfig } from '../config-schema';

// The report engine's follow-up lists the pharmacy works from, as the report service serves them at
// /lists/:id (today, the session location's facility): who is expected today, who is late.

export type PickupListId = 'expected-for-pickup' | 'late-for-pickup';

/** The columns of the engine's list row the pharmacy shows (the service sends them all). */
export type PickupListRow = Pick<
  PatientListRow,
  'patientUuid' | 'nid' | 'name' | 'sex' | 'age' | 'phone' | 'lastPickup' | 'nextPickup' | 'daysLate' | 'band'
>;

export interface PickupListPage {
  list: { id: string; label: string; bands?: Array<{ code: string; label: string }> };
  date: string;
  /** Patients per band over the whole list (a band filter leaves these as they are). */
  bands: Record<string, number>;
  rows: PickupListRow[];
  total: number;
  page: number;
  pageSize: number;
}

export function usePickupList(id: PickupListId, params: { band?: string; page: number; pageSize: number }) {
  const { reportServiceUrl } = useConfig<PharmacyConfig>();
  const query = new URLSearchParams({
    page: String(params.page),
    pageSize: String(params.pageSize),
    ...(params.band ? { band: params.band } : {}),
  });
  return useSWR(
    `${reportServiceUrl}/lists/${id}?${query}`,
    (url: string) => openmrsFetch<PickupListPage>(url).then((r) => r.data),
    { keepPreviousData: true },
  );
}
