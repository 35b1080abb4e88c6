import { openmrsFetch, restBaseUrl, useConfig } from '@openmrs/esm-framework';
import useSWR from 'swr';
import type { PharmacyConfig } from '../config-schema';

// Prescriptions waiting at the pharmacy: the active drug orders the chart signed (the O3 medications app
// writes them as `drugorder`s) that no fulfiller has taken up — OpenMRS's order search by criteria, across
// patients or for one. Dispensing marks each COMPLETED through its fulfillerdetails.

export interface Prescription {
  uuid: string;
  orderNumber: string;
  dateActivated: string;
  patientUuid: string;
  /** OpenMRS's patient display: "NID - name". */
  patientDisplay: string;
  drugUuid: string | undefined;
  drugName: string;
  quantity: number | null;
  dosingInstructions: string | null;
  prescriber: string | undefined;
}

interface RestOrder {
  uuid: string;
  orderNumber: string;
  dateActivated: string;
  patient: { uuid: string; display: string };
  drug: { uuid: string; display: string } | null;
  concept: { display: string };
  quantity: number | null;
  dosingInstructions: string | null;
  orderer: { display: string } | null;
}

const REP =
  'custom:(uuid,orderNumber,dateActivated,patient:(uuid,display),drug:(uuid,display),concept:(display),quantity,dosingInstructions,orderer:(display))';

const toPrescription = (o: RestOrder): Prescription => ({
  uuid: o.uuid,
  orderNumber: o.orderNumber,
  dateActivated: o.dateActivated,
  patientUuid: o.patient.uuid,
  patientDisplay: o.patient.display,
  drugUuid: o.drug?.uuid,
  drugName: o.drug?.display ?? o.concept.display,
  quantity: o.quantity,
  dosingInstructions: o.dosingInstructions,
  prescriber: o.orderer?.display,
});

/** Waiting: active, not discontinued, and no fulfiller status yet or only RECEIVED. */
function waitingUrl(drugOrderType: string, patientUuid?: string): string {
  const query = new URLSearchParams({
    orderTypes: drugOrderType,
    excludeCanceledAndExpired: 'true',
    excludeDiscontinueOrders: 'true',
    fulfillerStatus: 'RECEIVED',
    includeNullFulfillerStatus: 'true',
    ...(patientUuid ? { patient: patientUuid } : {}),
  });
  return `${restBaseUrl}/order?${query}&v=${REP}`;
}

function useWaiting(patientUuid?: string) {
  const { drugOrderTypeUuid } = useConfig<PharmacyConfig>();
  const { data, error, isLoading, mutate } = useSWR(waitingUrl(drugOrderTypeUuid, patientUuid), (url: string) =>
    openmrsFetch<{ results: RestOrder[] }>(url).then((r) => r.data.results.map(toPrescription)),
  );
  return { prescriptions: data, error, isLoading, mutate };
}

/** Every patient's prescriptions waiting, newest first. */
export const usePrescriptionQueue = () => useWaiting();

/** One patient's prescriptions waiting. */
export const usePatientPrescriptions = (patientUuid: string) => useWaiting(patientUuid);

/**
 * Marks an order dispensed (fulfiller status COMPLETED, the FILA named in the comment), as OpenMRS 2.7
 * records a fulfilment; sending it again changes nothing.
 */
export async function markDispensed(orderUuid: string, filaUuid: string): Promise<void> {
  await openmrsFetch(`${restBaseUrl}/order/${orderUuid}/fulfillerdetails`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: { fulfillerStatus: 'COMPLETED', fulfillerComment: `FILA ${filaUuid}` } as never,
  });
}
