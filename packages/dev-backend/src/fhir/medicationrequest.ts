import type { Row } from '../database';
import { fhirInstant, now } from '../dates';
import type { RequestContext } from '../rest/context';
import { codeableConcept } from './observation';
import { encounterReference, patientReference } from './references';
import { idOf, prune, SearchFilter, type FhirType, type SearchSql } from './types';

// fhir2 2.8's MedicationRequestTranslator over drug orders (read and search only): the drug as a
// Medication reference, status from the fulfiller status and whether the order is active, the dosage
// and the dispense request.

const FULFILLER_STATUS = 'http://fhir.openmrs.org/ext/medicationrequest/fulfillerstatus';
/** Order.isActive now: not voided, not a discontinuation, activated, neither stopped nor expired. */
const ACTIVE = `(t.voided = 0 AND t.order_action <> 'DISCONTINUE' AND t.date_activated <= ? AND t.date_stopped IS NULL
  AND (t.auto_expire_date IS NULL OR t.auto_expire_date > ?))`;

function status(order: Row): string {
  const at = now();
  if (order.fulfiller_status === 'COMPLETED') return 'completed';
  const stopped = order.date_stopped !== null && String(order.date_stopped) <= at;
  const expired = order.auto_expire_date !== null && String(order.auto_expire_date) <= at;
  if (
    Number(order.voided) === 0 &&
    order.order_action !== 'DISCONTINUE' &&
    !stopped &&
    !expired &&
    String(order.date_activated) <= at
  ) {
    return 'active';
  }
  if (Number(order.voided) === 1 || stopped) return 'cancelled';
  if (expired) return 'stopped';
  return 'unknown';
}

async function quantity(value: unknown, unitsConcept: unknown, ctx: RequestContext): Promise<Row | undefined> {
  if (value === null || value === undefined) return undefined;
  const concept = await ctx.row('concept', unitsConcept);
  return prune({
    value: Number(value),
    unit: concept ? (await codeableConcept(unitsConcept, ctx)).text : undefined,
    code: concept?.uuid,
  });
}

async function toFhir(order: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const drugOrder = (await ctx.loader.load('drug_order', 'order_id', order.order_id)) ?? {};
  const drug = await ctx.row('drug', drugOrder.drug_inventory_id);
  const previous = await ctx.row('order', order.previous_order_id);
  const orderer = await ctx.row('provider', order.orderer);
  const frequency = await ctx.row('orderfrequency', drugOrder.frequency);
  const previousReference = previous && {
    reference: `MedicationRequest/${String(previous.uuid)}`,
    type: 'MedicationRequest',
  };
  return prune({
    resourceType: 'MedicationRequest',
    id: order.uuid,
    meta: { lastUpdated: fhirInstant(order.date_changed ?? order.date_created) },
    extension: order.fulfiller_status ? [{ url: FULFILLER_STATUS, valueCode: order.fulfiller_status }] : [],
    status: status(order),
    intent: 'order',
    priority: order.urgency === 'STAT' ? 'stat' : 'routine',
    medicationReference: drug && {
      reference: `Medication/${String(drug.uuid)}`,
      type: 'Medication',
      display: drug.name,
    },
    medicationCodeableConcept: drug
      ? undefined
      : {
          ...(await codeableConcept(order.concept_id, ctx)),
          ...(drugOrder.drug_non_coded ? { text: drugOrder.drug_non_coded } : {}),
        },
    subject: await patientReference(order.patient_id, ctx),
    encounter: await encounterReference(order.encounter_id, ctx),
    authoredOn: fhirInstant(order.date_created),
    requester: orderer && {
      reference: `Practitioner/${String(orderer.uuid)}`,
      type: 'Practitioner',
      display: await ctx.resource('provider').display(orderer, ctx),
      identifier: orderer.identifier ? { value: orderer.identifier } : undefined,
    },
    reasonCode: order.order_reason === null ? [] : [await codeableConcept(order.order_reason, ctx)],
    note: order.comment_to_fulfiller ? [{ text: order.comment_to_fulfiller }] : [],
    dosageInstruction: [
      prune({
        text: drugOrder.dosing_instructions,
        additionalInstruction: order.instructions ? [{ text: order.instructions }] : [],
        timing: prune({
          event: order.scheduled_date ? [fhirInstant(order.scheduled_date)] : [],
          repeat: prune({ duration: drugOrder.duration === null ? undefined : Number(drugOrder.duration) }),
          code: frequency ? await codeableConcept(frequency.concept_id, ctx) : undefined,
        }),
        asNeededBoolean: Number(drugOrder.as_needed) === 1,
        route:
          drugOrder.route === null || drugOrder.route === undefined
            ? undefined
            : await codeableConcept(drugOrder.route, ctx),
        doseAndRate:
          drugOrder.dose === null || drugOrder.dose === undefined
            ? []
            : [{ doseQuantity: await quantity(drugOrder.dose, drugOrder.dose_units, ctx) }],
      }),
    ],
    dispenseRequest: prune({
      validityPeriod: order.date_activated ? { start: fhirInstant(order.date_activated) } : undefined,
      numberOfRepeatsAllowed: drugOrder.num_refills === null ? undefined : drugOrder.num_refills,
      quantity: await quantity(drugOrder.quantity, drugOrder.quantity_units, ctx),
    }),
    priorPrescription: ['DISCONTINUE', 'REVISE'].includes(String(order.order_action)) ? previousReference : undefined,
    basedOn: order.order_action === 'RENEW' && previousReference ? [previousReference] : [],
  });
}

const DRUG_ORDERS = 'EXISTS (SELECT 1 FROM drug_order d WHERE d.order_id = t.order_id)';

/**
 * status=active keeps the orders active now; fhir2 ignores the other statuses. Discontinuation orders
 * are never found (FM2-532).
 */
function search(params: URLSearchParams): SearchSql {
  const active = params.getAll('status').some((s) => s.split(',').includes('active'));
  const at = now();
  const filter = new SearchFilter(params, 't.voided = 0', DRUG_ORDERS, "t.order_action <> 'DISCONTINUE'");
  if (active) filter.anyOf('status', ACTIVE, () => at);
  return filter
    .anyOf('_id', 't.uuid = ?')
    .patient('t.patient_id')
    .anyOf('encounter', 't.encounter_id = (SELECT e.encounter_id FROM encounter e WHERE e.uuid = ?)', idOf)
    .anyOf('code', 't.concept_id = (SELECT c.concept_id FROM concept c WHERE c.uuid = ?)', (c) =>
      c.replace(/^.*\|/, ''),
    )
    .anyOf('fulfillerStatus', 't.fulfiller_status = ?', (s) => s.toUpperCase())
    .sql('t.order_id');
}

export const MedicationRequest: FhirType = {
  table: 'orders',
  scope: DRUG_ORDERS,
  privilege: 'Get Orders',
  toFhir,
  search,
};
