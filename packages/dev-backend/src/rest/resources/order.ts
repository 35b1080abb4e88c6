import type { Row } from '../../database';
import { conversionFailed, RestError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { ComputedProperty, Property, Resource } from '../resource';
import { objectList, create, referenceKey } from '../writes';
import { conceptDisplay } from './concept';
import { DRUG_ORDER_DEFAULT, DRUG_ORDER_FULL, drugOrderDisplay, drugOrderProperties } from './drugorder';
import { drafts, kindOf, SUBCLASS_TABLES, type Draft, type OrderKind } from './orderdraft';
import { nextOrderNumber, validateOrder } from './orderentry';
import { orderSearch } from './ordersearch';
import { TEST_ORDER_DEFAULT, TEST_ORDER_FULL, testOrderProperties } from './testorder';

// OrderResource 2.2 (resourceVersion 1.10) with its subclass handlers drugorder and testorder: a
// create names its `type`, and each order is shown with its subclass's properties and `type`.
// Orders are never edited (a change is a REVISE order); DELETE voids, purge also deletes the
// subclass row.

function enumColumn(name: string, column: string, values: string[]): ComputedProperty {
  return {
    get: (row) => row[column] ?? null,
    set: (value, change) => {
      if (typeof value !== 'string' || !values.includes(value)) {
        throw conversionFailed(`Cannot convert ${JSON.stringify(value)} to ${name}: one of ${values.join(', ')}`);
      }
      change.columns[column] = value;
    },
  };
}

/** A reference left undefined when not posted, so that OrderServiceImpl's defaults can apply. */
function defaultedReference(column: string, resource: string): ComputedProperty {
  return {
    resource,
    get: (row, ctx) => ctx.row(resource, row[column]),
    set: async (value, change, ctx) => {
      change.columns[column] = await referenceKey(resource, value, ctx);
    },
  };
}

/**
 * The body's `type` picks the subclass. It is applied first, so the order number is drawn here: the
 * seed's row lock then lasts until the write commits or rolls back, as in OpenMRS.
 */
const type: ComputedProperty = {
  get: async (row, ctx) => (await kindOf(row, ctx.loader.load.bind(ctx.loader))) ?? 'order',
  set: async (value, change, ctx) => {
    if (value !== 'drugorder' && value !== 'testorder') {
      throw new RestError(
        500,
        '',
        `type=${String(value)} is not handled by this resource (class org.openmrs.module.webservices.rest.web.v1_0.resource.openmrs2_2.OrderResource2_2) or any subclass`,
        'IllegalArgumentException',
      );
    }
    const draft: Draft = { kind: value, sub: {} };
    drafts.set(change, draft);
    // Written once the orders row has its key, with the subclass columns set by then.
    change.afterSave.push(async (key, sql) => {
      await sql.execute(`INSERT INTO ${SUBCLASS_TABLES[value]} SET ?`, [{ ...draft.sub, order_id: key }]);
    });
    change.columns.order_number = await nextOrderNumber(ctx);
    change.columns.order_action = 'NEW'; // Order.action's initial value
  },
};

/**
 * OrderResource.save: a REVISE or DISCONTINUE takes the previous order's patient and care setting,
 * a DISCONTINUE also its concept and drug. Applied last, so these win over posted values.
 */
const previousOrder: ComputedProperty = {
  resource: 'order',
  get: (row, ctx) => ctx.row('order', row.previous_order_id),
  set: async (value, change, ctx) => {
    const key = await referenceKey('order', value, ctx);
    change.columns.previous_order_id = key;
    const action = change.columns.order_action;
    if (key === null || (action !== 'REVISE' && action !== 'DISCONTINUE')) return;
    const [previous] = await ctx.sql.rows('SELECT * FROM orders WHERE order_id = ?', [key]);
    change.columns.patient_id = previous.patient_id;
    change.columns.care_setting = previous.care_setting;
    if (action !== 'DISCONTINUE') return;
    change.columns.concept_id = previous.concept_id;
    const draft = drafts.get(change);
    if (draft?.kind === 'drugorder') {
      const [sub] = await ctx.sql.rows('SELECT drug_inventory_id FROM drug_order WHERE order_id = ?', [key]);
      draft.sub.drug_inventory_id = sub?.drug_inventory_id ?? null;
    }
  },
};

const baseProperties: Record<string, Property> = {
  type,
  orderNumber: { column: 'order_number' },
  accessionNumber: { column: 'accession_number' },
  patient: { column: 'patient_id', resource: 'patient' },
  concept: defaultedReference('concept_id', 'concept'),
  action: enumColumn('action', 'order_action', ['NEW', 'REVISE', 'DISCONTINUE', 'RENEW']),
  careSetting: { column: 'care_setting', resource: 'caresetting' },
  previousOrder,
  dateActivated: { column: 'date_activated', type: 'date' },
  scheduledDate: { column: 'scheduled_date', type: 'date' },
  dateStopped: { column: 'date_stopped', type: 'date' },
  autoExpireDate: { column: 'auto_expire_date', type: 'date' },
  encounter: { column: 'encounter_id', resource: 'encounter' },
  orderer: { column: 'orderer', resource: 'provider' },
  orderReason: { column: 'order_reason', resource: 'concept' },
  orderReasonNonCoded: { column: 'order_reason_non_coded' },
  orderType: defaultedReference('order_type_id', 'ordertype'),
  urgency: enumColumn('urgency', 'urgency', ['ROUTINE', 'STAT', 'ON_SCHEDULED_DATE']),
  instructions: { column: 'instructions' },
  commentToFulfiller: { column: 'comment_to_fulfiller' },
  fulfillerStatus: { column: 'fulfiller_status' },
  fulfillerComment: { column: 'fulfiller_comment' },
};

const FIELDS = (careSetting: string) =>
  `uuid,orderNumber,accessionNumber,patient:ref,concept:ref,action,careSetting${careSetting},previousOrder:ref,dateActivated,scheduledDate,dateStopped,autoExpireDate,encounter:ref,orderer:ref,orderReason:ref,orderReasonNonCoded,orderType,urgency,instructions,commentToFulfiller,display`;
const DEFAULT = FIELDS(':ref');
const FULL = `${FIELDS('')},auditInfo,fulfillerStatus,fulfillerComment`;

const orderDisplay = (row: Row, ctx: RequestContext) => conceptDisplay(row.concept_id, ctx);

/** A subclass handler: the properties of every order and its own, shown under its name. */
function subclassResource(
  name: OrderKind,
  properties: Resource['properties'],
  fields: [string, string],
  display: Resource['display'],
): Resource {
  return {
    ...order,
    name,
    properties: { ...baseProperties, ...properties },
    representations: { default: `${DEFAULT},${fields[0]}`, full: `${FULL},${fields[1]}` },
    display,
  };
}

export const order: Resource = {
  name: 'order',
  version: '1.10',
  kind: 'data',
  table: { name: 'orders', key: 'order_id' },
  properties: { ...baseProperties, ...testOrderProperties, ...drugOrderProperties },
  representations: { default: DEFAULT, full: FULL },
  display: orderDisplay,
  // An order is never edited: it is revised or discontinued by a new order.
  privileges: {
    get: 'Get Orders',
    list: 'Get Patients; Get Orders',
    create: 'Edit Orders | Add Orders',
    delete: 'Delete Orders',
    undelete: 'Delete Orders',
    purge: 'Purge Orders',
  },
  // getByUniqueId: the uuid, else the order number.
  find: async (id, ctx) =>
    (
      await ctx.sql.rows('SELECT * FROM orders WHERE uuid = ? OR order_number = ? ORDER BY uuid = ? DESC LIMIT 1', [
        id,
        id,
        id,
      ])
    )[0],
  subclass: async (row, ctx) => {
    const kind = await kindOf(row, ctx.loader.load.bind(ctx.loader));
    return kind ? SUBCLASSES[kind] : order;
  },
  search: orderSearch,
  creatable: [
    'type',
    'encounter',
    'action',
    'patient',
    'careSetting',
    'concept',
    'orderer',
    'orderType',
    'accessionNumber',
    'dateActivated',
    'scheduledDate',
    'autoExpireDate',
    'urgency',
    'orderReason',
    'orderReasonNonCoded',
    'instructions',
    'commentToFulfiller',
    ...Object.keys(drugOrderProperties),
    ...Object.keys(testOrderProperties).filter((p) => !(p in drugOrderProperties)),
    'previousOrder',
  ],
  required: ['encounter'],
  updatable: [],
  validate: validateOrder,
  beforePurge: async (row, ctx) => {
    for (const table of Object.values(SUBCLASS_TABLES))
      await ctx.sql.execute(`DELETE FROM ${table} WHERE order_id = ?`, [row.order_id]);
  },
};

const SUBCLASSES: Record<OrderKind, Resource> = {
  drugorder: subclassResource(
    'drugorder',
    drugOrderProperties,
    [DRUG_ORDER_DEFAULT, DRUG_ORDER_FULL],
    drugOrderDisplay,
  ),
  testorder: subclassResource('testorder', testOrderProperties, [TEST_ORDER_DEFAULT, TEST_ORDER_FULL], orderDisplay),
};

/** An encounter's `orders`: shown unvoided, and posted with a new encounter, each created in it. */
export const encounterOrders: ComputedProperty = {
  resource: 'order',
  get: (row, ctx) =>
    ctx.sql.rows('SELECT * FROM orders WHERE encounter_id = ? AND voided = 0 ORDER BY order_id', [row.encounter_id]),
  set: (value, change, ctx) => {
    objectList(value, 'orders');
    change.afterSave.push(async (key) => {
      const [encounter] = await ctx.sql.rows(
        'SELECT e.uuid, p.uuid AS patient FROM encounter e JOIN person p ON p.person_id = e.patient_id WHERE e.encounter_id = ?',
        [key],
      );
      for (const item of value as Row[]) {
        await create(order, { patient: encounter.patient, ...item, encounter: encounter.uuid }, ctx);
      }
    });
  },
};
