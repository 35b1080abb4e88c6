import { openmrsFetch, restBaseUrl } from '@openmrs/esm-framework';
import {
  buildFila,
  filaEdits,
  FILA_METADATA,
  MASTER_CARD_PICKUP_METADATA,
  type Dispensation,
  type FilaEncounter,
  type SavedObs,
} from '@poc-emr/fila';
import useSWR from 'swr';

// A patient's ARV pickups as the reports see them: FILAs (pharmacy, iDART) and Master Card pickups (paper).

export interface Pickup {
  uuid: string;
  kind: 'fila' | 'masterCard';
  datetime: string;
  regimenUuid: string | undefined;
  regimenName: string | undefined;
  nextPickup: string | undefined;
  dispenseModeUuid: string | undefined;
  drugs: Array<{ drugUuid: string; name: string; quantity: number | undefined; posology: string | undefined }>;
}

interface RestValue {
  uuid?: string;
  display?: string;
}
interface RestObs {
  concept: { uuid: string };
  value: RestValue | string | number | null;
  groupMembers?: RestObs[] | null;
}
interface RestEncounter {
  uuid: string;
  encounterDatetime: string;
  obs: RestObs[];
}

const REP = 'custom:(uuid,encounterDatetime,obs:(concept:(uuid),value,groupMembers:(concept:(uuid),value)))';
const C = FILA_METADATA.concepts;

const find = (obs: RestObs[], concept: string) => obs.find((o) => o.concept.uuid === concept)?.value;
const coded = (value: RestObs['value'] | undefined) => (value && typeof value === 'object' ? value : undefined);
const day = (value: RestObs['value'] | undefined) => (typeof value === 'string' ? value.slice(0, 10) : undefined);

function toPickup(e: RestEncounter, kind: Pickup['kind']): Pickup {
  const regimen = coded(find(e.obs, C.regimen));
  return {
    uuid: e.uuid,
    kind,
    datetime: e.encounterDatetime,
    regimenUuid: regimen?.uuid,
    regimenName: regimen?.display,
    nextPickup: day(find(e.obs, C.nextPickup)),
    dispenseModeUuid: coded(find(e.obs, C.dispenseMode))?.uuid,
    drugs: e.obs
      .filter((o) => o.concept.uuid === C.drugGroup)
      .map((g) => {
        const members = g.groupMembers ?? [];
        const formulation = coded(find(members, C.drugFormulation));
        const quantity = find(members, C.quantity);
        const posology = find(members, C.posology);
        return {
          drugUuid: formulation?.uuid ?? '',
          name: formulation?.display ?? '',
          quantity: typeof quantity === 'number' ? quantity : undefined,
          posology: typeof posology === 'string' ? posology : undefined,
        };
      }),
  };
}

const url = (patientUuid: string, encounterType: string) =>
  `${restBaseUrl}/encounter?patient=${patientUuid}&encounterType=${encounterType}&order=desc&v=${REP}`;

/** FILAs and Master Card pickups, newest first. */
export function usePickups(patientUuid: string) {
  const { data, error, isLoading, mutate } = useSWR(['pickups', patientUuid], async () => {
    const [fila, masterCard] = await Promise.all([
      openmrsFetch<{ results: RestEncounter[] }>(url(patientUuid, FILA_METADATA.encounterType)),
      openmrsFetch<{ results: RestEncounter[] }>(url(patientUuid, MASTER_CARD_PICKUP_METADATA.encounterType)),
    ]);
    return [
      ...fila.data.results.map((e) => toPickup(e, 'fila')),
      ...masterCard.data.results.map((e) => toPickup(e, 'masterCard')),
    ].sort((a, b) => b.datetime.localeCompare(a.datetime));
  });
  return { pickups: data, error, isLoading, mutate };
}

/**
 * Posts the FILA. Its uuid is the idempotency key: when the answer is lost (the link dropped after OpenMRS
 * saved it), the retry finds the encounter already there and does not write a second one.
 */
export async function saveFila(fila: FilaEncounter): Promise<void> {
  try {
    await openmrsFetch(`${restBaseUrl}/encounter`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: fila as never,
    });
  } catch (error) {
    const saved = await openmrsFetch(`${restBaseUrl}/encounter/${fila.uuid}?v=custom:(uuid)`).then(
      () => true,
      () => false,
    );
    if (!saved) throw error;
  }
}

/** Voids a pickup with the pharmacist's reason (OpenMRS keeps it, the reports stop counting it). */
export async function voidPickup(uuid: string, reason: string): Promise<void> {
  await openmrsFetch(`${restBaseUrl}/encounter/${uuid}?reason=${encodeURIComponent(reason)}`, { method: 'DELETE' });
}

const SAVED_OBS = 'custom:(uuid,obs:(uuid,concept:(uuid),value,groupMembers:(uuid,concept:(uuid),value)))';

/**
 * Edits a saved FILA in place to say `edited` (same uuid, regimen and drugs): reads it as OpenMRS holds it
 * now and posts each obs whose value differs (OpenMRS voids it and saves a new version). A retry after a
 * failure reads again and posts only what is left. Resolves to the number of obs edited.
 */
export async function editFila(edited: Dispensation): Promise<number> {
  const { data } = await openmrsFetch<{ obs: SavedObs[] }>(`${restBaseUrl}/encounter/${edited.uuid}?v=${SAVED_OBS}`);
  const edits = filaEdits(data.obs, buildFila(edited));
  for (const edit of edits) {
    await openmrsFetch(`${restBaseUrl}/obs/${edit.obsUuid}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: { value: edit.value } as never,
    });
  }
  return edits.length;
}
