import { openmrsFetch, restBaseUrl } from '@openmrs/esm-framework';
import useSWR from 'swr';
import { looksLikeNid, normaliseNid } from '../domain/nid';

export interface FoundPatient {
  uuid: string;
  identifiers: { identifier: string; identifierType: { uuid: string } }[];
  person: {
    gender: string;
    age?: number | null;
    birthdate?: string | null;
    dead?: boolean;
    personName?: { display: string };
    preferredAddress?: { countyDistrict?: string | null } | null;
  };
}

const SEARCH_REP =
  'custom:(uuid,identifiers:(identifier,identifierType:(uuid)),person:(gender,age,birthdate,dead,personName:(display),preferredAddress:(countyDistrict)))';

/** The text sent as `q`: a NID-like input (scanner output without slashes) normalised, names as typed. */
export function searchText(input: string): string {
  return looksLikeNid(input) ? normaliseNid(input) : input.trim().replace(/\s+/g, ' ');
}

/** Patients whose names start with the words typed, or whose identifiers contain the text (core REST). */
export function usePatientSearch(input: string, page: number, pageSize: number, minCharacters: number) {
  const q = searchText(input);
  const key =
    q.length >= minCharacters
      ? `${restBaseUrl}/patient?q=${encodeURIComponent(q)}&v=${SEARCH_REP}&limit=${pageSize}&startIndex=${(page - 1) * pageSize}&totalCount=true`
      : null;
  const { data, error, isLoading } = useSWR(key, (url: string) =>
    openmrsFetch<{ results: FoundPatient[]; totalCount?: number }>(url),
  );
  return {
    patients: data?.data.results ?? [],
    total: data?.data.totalCount ?? 0,
    error,
    isLoading,
    searched: key !== null,
  };
}
