import type { Row } from '../../database';
import { localDateTime, now } from '../../dates';
import { apiException, RestError, type FieldError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change } from '../resource';
import { validateDrugOrder } from './drugorder';
import { drafts, type Draft, type OrderKind } from './orderdraft';

// What OrderValidator checks (400 with field errors) and what OrderServiceImpl.saveOrder then does:
// default the activation date and the order type, stop the order a REVISE or DISCONTINUE replaces,
// refuse a second active drug order for the same drug. Its failures are APIExceptions, which
// webservices.rest answers with 500.

const DRUG_ORDER_TYPE = '131168f4-15f5-102d-96e4-000c29c2a5d7';
const TEST_ORDER_TYPE = '52a447d3-a64a-11e3-9aeb-50e549534c5e';
const JAVA_CLASSES: Record<OrderKind, string> = {
  drugorder: 'org.openmrs.DrugOrder',
  testorder: 'org.openmrs.TestOrder',
};

const blank = (value: unknown) => value === null || value === undefined || value === '';

/** ORD- and the value of order.nextOrderNumberSeed, which is incremented under a row lock until commit. */
export async function nextOrderNumber(ctx: RequestContext): Promise<string> {
  const property = 'order.nextOrderNumberSeed';
  const [row] = await ctx.sql.rows<{ property_value: string | null }>(
    'SELECT property_value FROM global_property WHERE property = ? FOR UPDATE',
    [property],
  );
  if (!row) throw apiException(`Missing global property named: ${property}`);
  const seed = Number(row.property_value?.trim());
  if (!row.property_value?.trim() || !Number.isSafeInteger(seed)) {
    throw apiException(`Invalid value for global property named: ${property}`);
  }
  await ctx.sql.execute('UPDATE global_property SET property_value = ? WHERE property = ?', [
    String(seed + 1),
    property,
  ]);
  return `ORD-${seed}`;
}

/** BaseDelegatingResource.newDelegate for a resource with subclasses and no `type`. */
export const typeRequired = () =>
  new RestError(
    500,
    '',
    "OrderResource2_2 requires a 'type' property to create a new object",
    'IllegalArgumentException',
  );

export async function validateOrder(change: Change, ctx: RequestContext): Promise<Record<string, FieldError[]>> {
  const draft = drafts.get(change);
  if (!draft) throw typeRequired();
  const order = change.columns;
  const errors =
    draft.kind === 'drugorder' ? await validateDrugOrder(order, draft, ctx) : ({} as Record<string, FieldError[]>);
  const reject = (field: string, code: string, message: string) => {
    (errors[field] ??= []).push({ code, message });
  };
  if (draft.kind !== 'drugorder' && blank(order.concept_id))
    reject('concept', 'Concept.noConceptSelected', 'No Concepts found - Invalid Concept Id');
  const encounter = await ctx.row('encounter', order.encounter_id);
  if (encounter && !blank(order.patient_id) && encounter.patient_id !== order.patient_id) {
    reject(
      'encounter',
      'Order.error.encounterPatientMismatch',
      'Encounter for this order must belong to Patient for this order ',
    );
  }
  const orderType = await ctx.row('ordertype', order.order_type_id);
  if (
    orderType &&
    orderType.java_class_name !== JAVA_CLASSES[draft.kind] &&
    orderType.java_class_name !== 'org.openmrs.Order'
  ) {
    reject(
      'orderType',
      'Order.error.orderTypeClassMismatchesOrderClass',
      'The java type of an order must match that set on associated order type',
    );
  }
  validateDates(order, encounter, reject);
  if (Object.keys(errors).length > 0 || blank(order.patient_id) || blank(order.care_setting) || blank(order.orderer)) {
    return errors;
  }
  await save(order, draft, ctx);
  return {};
}

function validateDates(order: Row, encounter: Row | undefined, reject: (f: string, c: string, m: string) => void) {
  const activated = order.date_activated as string | null | undefined;
  if (activated) {
    if (activated > now()) {
      reject('dateActivated', 'Order.error.dateActivatedInFuture', 'Date activated cannot be in the future');
    } else {
      if (order.auto_expire_date && activated > String(order.auto_expire_date)) {
        const message = 'Date activated must be before auto-expire date';
        reject('dateActivated', 'Order.error.dateActivatedAfterAutoExpireDate', message);
        reject('autoExpireDate', 'Order.error.dateActivatedAfterAutoExpireDate', message);
      }
      if (encounter && String(encounter.encounter_datetime) > activated) {
        reject(
          'dateActivated',
          'Order.error.encounterDatetimeAfterDateActivated',
          'Date activated cannot be before that of the associated encounter',
        );
      }
    }
  }
  const scheduled = order.urgency === 'ON_SCHEDULED_DATE';
  if (order.scheduled_date && !scheduled) {
    reject(
      'urgency',
      'Order.error.urgencyNotOnScheduledDate',
      'Scheduled date should not be set when urgency is not set to on scheduled date',
    );
  }
  if (scheduled && !order.scheduled_date) {
    reject(
      'scheduledDate',
      'Order.error.scheduledDateNullForOnScheduledDateUrgency',
      'Scheduled date is required when urgency is set to on scheduled date',
    );
  }
}

/** The part of OrderServiceImpl.saveOrder that runs after validation. */
async function save(order: Row, draft: Draft, ctx: RequestContext): Promise<void> {
  order.date_activated ??= now();
  const activated = String(order.date_activated);
  // Activated before today: stops and overlaps are judged at the activation date.
  const retrospective = activated.slice(0, 10) < now().slice(0, 10);
  if (blank(order.concept_id) && draft.kind === 'drugorder') {
    order.concept_id = (await ctx.row('drug', draft.sub.drug_inventory_id))?.concept_id;
  }
  if (blank(order.order_type_id)) order.order_type_id = await defaultOrderType(order, draft, ctx);
  const orderType = await ctx.row('ordertype', order.order_type_id);
  if (
    orderType &&
    orderType.java_class_name !== JAVA_CLASSES[draft.kind] &&
    orderType.java_class_name !== 'org.openmrs.Order'
  ) {
    throw apiException(
      `The java class specified on the Order type (class ${String(orderType.java_class_name)}) does not match that of the order instance (${JAVA_CLASSES[draft.kind]})`,
    );
  }
  const stopAt = localDateTime(new Date(Date.parse(`${activated.replace(' ', 'T')}+02:00`) - 1000));
  const asOf = retrospective ? activated : now();
  let previous = order.previous_order_id ? await orderRow(order.previous_order_id, ctx) : undefined;
  if (order.order_action === 'REVISE') {
    if (!previous) throw apiException('Previous Order is required for a revised order');
    await stop(previous, stopAt, retrospective, ctx);
  } else if (order.order_action === 'DISCONTINUE') {
    previous ??= await orderToDiscontinue(order, draft, asOf, ctx);
    if (previous) {
      order.previous_order_id = previous.order_id;
      await stop(previous, stopAt, retrospective, ctx);
    }
  }
  if (previous) await matchPrevious(order, draft, previous, ctx);
  if (order.order_action !== 'DISCONTINUE') await refuseParallel(order, draft, previous, asOf, ctx);
  if (order.order_action === 'DISCONTINUE') order.auto_expire_date = activated;
  else if (typeof order.auto_expire_date === 'string' && order.auto_expire_date.endsWith(' 00:00:00')) {
    order.auto_expire_date = `${order.auto_expire_date.slice(0, 10)} 23:59:59`;
  }
}

/** The type mapped to the concept's class, else the core Drug Order or Test Order type. */
async function defaultOrderType(order: Row, draft: Draft, ctx: RequestContext): Promise<unknown> {
  const [mapped] = await ctx.sql.rows(
    `SELECT m.order_type_id FROM order_type_class_map m JOIN concept c ON c.class_id = m.concept_class_id
     JOIN order_type t ON t.order_type_id = m.order_type_id WHERE c.concept_id = ? AND t.retired = 0 LIMIT 1`,
    [order.concept_id],
  );
  const [type] = mapped
    ? [mapped]
    : await ctx.sql.rows('SELECT order_type_id FROM order_type WHERE uuid = ?', [
        draft.kind === 'drugorder' ? DRUG_ORDER_TYPE : TEST_ORDER_TYPE,
      ]);
  if (!type) {
    throw apiException(
      "Cannot determine the order type of the order, make sure the concept's class is mapped to an order type",
    );
  }
  return type.order_type_id;
}

/** An orders row with its drug_order columns, if it has any. */
async function orderRow(orderId: unknown, ctx: RequestContext): Promise<Row | undefined> {
  const [row] = await ctx.sql.rows(
    'SELECT o.*, d.order_id AS drug_order_id, d.drug_inventory_id, d.drug_non_coded FROM orders o LEFT JOIN drug_order d USING (order_id) WHERE o.order_id = ?',
    [orderId],
  );
  return row;
}

/** Order.isActive at `at`: activated, not voided, not a discontinuation, neither stopped nor expired. */
function isActive(order: Row, at: string): boolean {
  if (Number(order.voided) === 1 || order.order_action === 'DISCONTINUE') return false;
  const activated = order.date_activated ? String(order.date_activated) : undefined;
  if (!activated || activated > at) return false;
  if (order.date_stopped) return !(at > String(order.date_stopped));
  return !(order.auto_expire_date && at > String(order.auto_expire_date));
}

/** OrderServiceImpl.stopOrder: sets date_stopped on an active order, in this transaction. */
async function stop(previous: Row, at: string, retrospective: boolean, ctx: RequestContext): Promise<void> {
  if (at > now()) throw new RestError(500, '', 'Discontinue date cannot be in the future', 'IllegalArgumentException');
  if (previous.order_action === 'DISCONTINUE') throw apiException('Cannot discontinue a discontinuation order');
  const active = retrospective ? !previous.date_stopped && isActive(previous, at) : isActive(previous, now());
  if (!active) throw apiException('Cannot stop an order that is already stopped, expired or voided');
  await ctx.sql.execute('UPDATE orders SET date_stopped = ? WHERE order_id = ?', [at, previous.order_id]);
}

/** Order.hasSameOrderableAs: the same concept, and for drug orders the same drug (or non-coded drug). */
function sameOrderable(order: Row, draft: Draft, other: Row): boolean {
  if (order.concept_id !== other.concept_id) return false;
  if (draft.kind !== 'drugorder') return true;
  if (other.drug_order_id === null || other.drug_order_id === undefined) return false;
  const nonCoded = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.toLowerCase() : undefined);
  if (nonCoded(draft.sub.drug_non_coded) || nonCoded(other.drug_non_coded)) {
    return nonCoded(draft.sub.drug_non_coded) === nonCoded(other.drug_non_coded);
  }
  return (draft.sub.drug_inventory_id ?? null) === (other.drug_inventory_id ?? null);
}

/** A DISCONTINUE without previousOrder stops the one active order of the same orderable, if there is one. */
async function orderToDiscontinue(
  order: Row,
  draft: Draft,
  asOf: string,
  ctx: RequestContext,
): Promise<Row | undefined> {
  const candidates = (await activeOrders(order, asOf, ctx)).filter(
    (o) => o.order_type_id === order.order_type_id && (o.drug_order_id != null) === (draft.kind === 'drugorder'),
  );
  const withDrug =
    draft.kind === 'drugorder' && (!blank(draft.sub.drug_inventory_id) || !blank(draft.sub.drug_non_coded));
  const matches = candidates.filter((o) =>
    withDrug ? sameOrderable(order, draft, o) : o.concept_id === order.concept_id,
  );
  if (matches.length > 1) throw apiException('Order.discontinuing.ambiguous.orders');
  return matches[0];
}

async function activeOrders(order: Row, asOf: string, ctx: RequestContext): Promise<Row[]> {
  return ctx.sql.rows(
    `SELECT o.*, d.order_id AS drug_order_id, d.drug_inventory_id, d.drug_non_coded FROM orders o
     LEFT JOIN drug_order d USING (order_id)
     WHERE o.patient_id = ? AND o.care_setting = ? AND o.voided = 0 AND o.order_action <> 'DISCONTINUE'
       AND o.date_activated <= ?
       AND ((o.date_stopped IS NULL AND (o.auto_expire_date IS NULL OR o.auto_expire_date >= ?)) OR o.date_stopped >= ?)
     ORDER BY o.order_id`,
    [order.patient_id, order.care_setting, asOf, asOf, asOf],
  );
}

async function matchPrevious(order: Row, draft: Draft, previous: Row, ctx: RequestContext): Promise<void> {
  if (order.order_action !== 'NEW' && !sameOrderable(order, draft, previous)) {
    throw apiException("The orderable of the previous order and the new one order don't match");
  }
  if (order.order_type_id !== previous.order_type_id)
    throw apiException('The order type does not match that of the previous order');
  if (order.care_setting !== previous.care_setting) {
    throw apiException('The care setting does not match that of the previous order');
  }
  const previousKind =
    previous.drug_order_id != null
      ? 'drugorder'
      : (await ctx.loader.load('test_order', 'order_id', previous.order_id))
        ? 'testorder'
        : undefined;
  if (previousKind !== draft.kind) throw apiException('The class does not match that of the previous order');
}

/** Only one active drug order per drug and care setting over overlapping schedules (OrderUtil.checkScheduleOverlap). */
async function refuseParallel(order: Row, draft: Draft, previous: Row | undefined, asOf: string, ctx: RequestContext) {
  const [drugType] = await ctx.sql.rows('SELECT order_type_id FROM order_type WHERE uuid = ?', [DRUG_ORDER_TYPE]);
  if (!drugType || order.order_type_id !== drugType.order_type_id) return;
  for (const active of await activeOrders(order, asOf, ctx)) {
    if (active.order_id === previous?.order_id || !sameOrderable(order, draft, active)) continue;
    if (overlaps(order, active)) {
      throw apiException('Cannot have more than one active order for the same orderable and care setting at same time');
    }
  }
}

function overlaps(first: Row, second: Row): boolean {
  const start = (o: Row) =>
    String(o.urgency === 'ON_SCHEDULED_DATE' && o.scheduled_date ? o.scheduled_date : o.date_activated);
  const end = (o: Row) => (o.date_stopped ?? o.auto_expire_date ?? null) as string | null;
  const [s1, e1, s2, e2] = [start(first), end(first), start(second), end(second)];
  if (e1 === null && e2 === null) return true;
  if (e2 === null) return e1! >= s2;
  if (e1 === null) return s1 >= s2 && s1 <= e2;
  return s1 <= e2 && e1 >= s2;
}
