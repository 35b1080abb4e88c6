import { openmrsFetch, restBaseUrl } from '@openmrs/esm-framework';
import { NID_IDENTIFIER_TYPE } from '@poc-emr/fila';
import useSWR from 'swr';

export interface PharmacyPatient {
  uuid: string;
  name: string;
  nid: string | undefined;
  gender: string;
  birthdate: string | null;
}

interface RestPatient {
  uuid: string;
  identifiers: Array<{ identifier: string; identifierType: { uuid: string } }>;
  person: { display: string; gender: string; birthdate: string | null };
}

const REP = 'custom:(uuid,identifiers:(identifier,identifierType:(uuid)),person:(display,gender,birthdate))';

const toPatient = (p: RestPatient): PharmacyPatient => ({
  uuid: p.uuid,
  name: p.person.display,
  nid: p.identifiers.find((i) => i.identifierType.uuid === NID_IDENTIFIER_TYPE)?.identifier,
  gender: p.person.gender,
  birthdate: p.person.birthdate,
});

/** The patients whose identifier is exactly `nid` (what a scanner or a careful hand types). */
export function usePatientsByNid(nid: string | undefined) {
  const { data, error, isLoading } = useSWR(
    nid ? `${restBaseUrl}/patient?identifier=${encodeURIComponent(nid)}&v=${REP}` : null,
    (url: string) => openmrsFetch<{ results: RestPatient[] }>(url),
  );
  return { patients: data?.data.results.map(toPatient), error, isLoading };
}

/** One patient by uuid (a row of a pickup list opened). */
export function usePatient(uuid: string | undefined) {
  const { data, error, isLoading } = useSWR(uuid ? `${restBaseUrl}/patient/${uuid}?v=${REP}` : null, (url: string) =>
    openmrsFetch<RestPatient>(url),
  );
  return { patient: data && toPatient(data.data), error, isLoading };
}
