import { openmrsFetch, restBaseUrl } from '@openmrs/esm-framework';
import { FILA_METADATA, FILT_METADATA, type DispenseMode, type TptPatientType, type TptRegimen } from '@poc-emr/fila';
import useSWR from 'swr';

// A patient's TPT pickups: the FILTs (encounter type 60), as the TPT lists and the reports read them.

export interface TptPickup {
  uuid: string;
  datetime: string;
  regimen: TptRegimen | undefined;
  dispensationType: DispenseMode | undefined;
  patientType: TptPatientType | undefined;
  nextDate: string | undefined;
}

interface RestEncounter {
  uuid: string;
  encounterDatetime: string;
  obs: Array<{ concept: { uuid: string }; value: { uuid: string } | string | number | null }>;
}

const REP = 'custom:(uuid,encounterDatetime,obs:(concept:(uuid),value))';
const C = FILT_METADATA.concepts;

/** The key of `answers` whose uuid the obs of `concept` holds. */
function answer<K extends string>(e: RestEncounter, concept: string, answers: Record<K, string>): K | undefined {
  const value = e.obs.find((o) => o.concept.uuid === concept)?.value;
  const uuid = value && typeof value === 'object' ? value.uuid : undefined;
  return (Object.keys(answers) as K[]).find((k) => answers[k] === uuid);
}

function toTptPickup(e: RestEncounter): TptPickup {
  const next = e.obs.find((o) => o.concept.uuid === C.nextDate)?.value;
  return {
    uuid: e.uuid,
    datetime: e.encounterDatetime,
    regimen: answer(e, C.regimen, FILT_METADATA.regimens),
    dispensationType: answer(e, C.dispensationType, FILA_METADATA.dispenseModes),
    patientType: answer(e, C.patientType, FILT_METADATA.patientTypes),
    nextDate: typeof next === 'string' ? next.slice(0, 10) : undefined,
  };
}

/** FILTs, newest first. */
export function useTptPickups(patientUuid: string) {
  const { data, error, isLoading, mutate } = useSWR(
    `${restBaseUrl}/encounter?patient=${patientUuid}&encounterType=${FILT_METADATA.encounterType}&order=desc&v=${REP}`,
    (url: string) =>
      openmrsFetch<{ results: RestEncounter[] }>(url).then((r) =>
        r.data.results.map(toTptPickup).sort((a, b) => b.datetime.localeCompare(a.datetime)),
      ),
  );
  return { tptPickups: data, error, isLoading, mutate };
}
