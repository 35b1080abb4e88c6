import type { Row } from '../../database';
import { conversionFailed, notSupported } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Resource } from '../resource';

// FulfillerDetailsResource2_3 (order/<uuid>/fulfillerdetails): how a pharmacy or a lab says where an
// order stands. A POST sets the order's fulfiller status, comment and accession number (each only when
// given) through OrderService.updateOrderFulfillerStatus (Edit Orders), after the properties are read;
// save returns nothing, so the answer is 201 without a body. It cannot be read, listed or deleted.

const FULFILLER_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'EXCEPTION', 'ON_HOLD', 'DECLINED', 'COMPLETED'];
const PROPERTIES = {
  fulfillerStatus: 'fulfiller_status',
  fulfillerComment: 'fulfiller_comment',
  accessionNumber: 'accession_number',
};
const DELEGATE = 'class org.openmrs.module.webservices.rest.web.v1_0.resource.openmrs2_3.FulfillerDetails2_3';

async function saveToParent(order: Row, body: Row, ctx: RequestContext): Promise<void> {
  const given = Object.keys(body).filter((p) => p !== 'display' && p !== 'links' && p !== 'resourceVersion');
  const notAllowed = given.filter((p) => !(p in PROPERTIES));
  const columns: Row = {};
  for (const [property, column] of Object.entries(PROPERTIES)) {
    const value = body[property];
    if (value === undefined || value === null) continue;
    const valid =
      property === 'fulfillerStatus' ? FULFILLER_STATUSES.includes(value as string) : typeof value === 'string';
    if (!valid) throw conversionFailed(`${property} on ${DELEGATE}`);
    columns[column] = value;
  }
  if (notAllowed.length > 0)
    throw conversionFailed(`Some properties are not allowed to be set: ${notAllowed.join(', ')}`);
  ctx.require('Edit Orders');
  if (Object.keys(columns).length === 0) return;
  await ctx.sql.execute('UPDATE orders SET ? WHERE order_id = ?', [columns, order.order_id]);
}

export const fulfillerdetails: Resource = {
  name: 'fulfillerdetails',
  version: '1.8',
  kind: 'data',
  table: { name: 'orders', key: 'order_id' },
  parent: { resource: 'order', path: 'fulfillerdetails', column: 'order_id' },
  properties: {},
  representations: { ref: 'uuid', default: 'uuid', full: 'uuid' },
  display: () => null,
  privileges: { get: '', create: 'Edit Orders' },
  find: () => Promise.reject(notSupported()),
  childListing: () => Promise.reject(notSupported()),
  saveToParent,
};
