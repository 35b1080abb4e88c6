import { now, parseRestDate } from '../../dates';
import { conversionFailed, objectNotFound, RestError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Listing } from '../resource';
import { SUBCLASS_TABLES } from './orderdraft';

// Which search answers follows RestServiceImpl.getSearchHandler: when every parameter (`t`
// included) is one of OrderSearchHandler2_3's, that handler answers with the orders matching the
// criteria, newest first; anything else (`status`, `orderType`, `asOfDate`, `t`, …) goes to
// OrderResource.doSearch, which needs `patient` and by default lists the active orders.

const HANDLER_PARAMETERS = [
  'patient',
  'careSetting',
  'concepts',
  'orderTypes',
  'orderNumber',
  'accessionNumber',
  'activatedOnOrBeforeDate',
  'activatedOnOrAfterDate',
  'isStopped',
  'autoExpireOnOrBeforeDate',
  'canceledOrExpiredOnOrBeforeDate',
  'action',
  'fulfillerStatus',
  'includeNullFulfillerStatus',
  'excludeCanceledAndExpired',
  'excludeDiscontinueOrders',
  'includeVoided',
];
const SPECIAL = new Set(['v', 'limit', 'startIndex', 'includeAll', 'jsessionid', 's', 'totalCount']);
/** The order types the subclass handlers look up by name. */
const TYPE_NAMES = { drugorder: 'Drug order', testorder: 'Test order' };

class Filter {
  readonly where: string[] = [];
  readonly params: unknown[] = [];
  add(clause: string, ...params: unknown[]): void {
    this.where.push(clause);
    this.params.push(...params);
  }
}

export async function orderSearch(ctx: RequestContext): Promise<Listing> {
  const given = [...ctx.params.keys()].filter((p) => !SPECIAL.has(p));
  return given.every((p) => HANDLER_PARAMETERS.includes(p)) ? criteriaSearch(ctx) : doSearch(ctx);
}

async function idOf(table: string, key: string, uuid: string, ctx: RequestContext, byName = false): Promise<unknown> {
  const [row] = await ctx.sql.rows(
    `SELECT \`${key}\` AS id FROM \`${table}\` WHERE uuid = ?${byName ? ' OR name = ?' : ''} ORDER BY uuid = ? DESC LIMIT 1`,
    byName ? [uuid, uuid, uuid] : [uuid, uuid],
  );
  return row?.id;
}

async function required(table: string, key: string, uuid: string, ctx: RequestContext, byName = false) {
  const id = await idOf(table, key, uuid, ctx, byName);
  if (id === undefined) throw objectNotFound();
  return id;
}

function date(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.param(name);
  if (value === undefined) return undefined;
  const parsed = parseRestDate(value);
  if (parsed === undefined) throw conversionFailed(`Cannot convert '${value}' to a date for ${name}`);
  return parsed;
}

/** A list of uuids of which at least one must exist (OrderSearchHandler2_3's concepts and orderTypes). */
async function someOf(table: string, key: string, list: string, ctx: RequestContext): Promise<unknown[]> {
  const uuids = list
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const rows = uuids.length
    ? await ctx.sql.rows(`SELECT \`${key}\` AS id FROM \`${table}\` WHERE uuid IN (?)`, [uuids])
    : [];
  if (rows.length === 0) throw objectNotFound();
  return rows.map((r) => r.id);
}

const flag = (ctx: RequestContext, name: string) => ctx.param(name)?.toLowerCase() === 'true';

async function criteriaSearch(ctx: RequestContext): Promise<Listing> {
  const f = new Filter();
  const patient = ctx.param('patient');
  if (patient !== undefined) f.add('t.patient_id = ?', await required('person', 'person_id', patient, ctx));
  const careSetting = ctx.param('careSetting');
  if (careSetting !== undefined)
    f.add('t.care_setting = ?', await required('care_setting', 'care_setting_id', careSetting, ctx));
  const concepts = ctx.param('concepts');
  if (concepts !== undefined) f.add('t.concept_id IN (?)', await someOf('concept', 'concept_id', concepts, ctx));
  const orderTypes = ctx.param('orderTypes');
  if (orderTypes !== undefined)
    f.add('t.order_type_id IN (?)', await someOf('order_type', 'order_type_id', orderTypes, ctx));
  const orderNumber = ctx.param('orderNumber');
  if (orderNumber !== undefined) f.add('LOWER(t.order_number) = ?', orderNumber.toLowerCase());
  const accessionNumber = ctx.param('accessionNumber');
  if (accessionNumber !== undefined) f.add('LOWER(t.accession_number) = ?', accessionNumber.toLowerCase());
  const endOfDay = (d: string) => `${d.slice(0, 10)} 23:59:59`;
  const before = date(ctx, 'activatedOnOrBeforeDate');
  if (before) f.add('t.date_activated <= ?', endOfDay(before));
  const after = date(ctx, 'activatedOnOrAfterDate');
  if (after) f.add('t.date_activated >= ?', `${after.slice(0, 10)} 00:00:00`);
  if (flag(ctx, 'isStopped')) f.add('t.date_stopped IS NOT NULL');
  const expireBefore = date(ctx, 'autoExpireOnOrBeforeDate');
  if (expireBefore) f.add('t.auto_expire_date <= ?', endOfDay(expireBefore));
  const action = ctx.param('action');
  if (action !== undefined) {
    if (!['NEW', 'REVISE', 'DISCONTINUE', 'RENEW'].includes(action)) {
      throw new RestError(500, '', `No enum constant org.openmrs.Order.Action.${action}`, 'IllegalArgumentException');
    }
    f.add('t.order_action = ?', action);
  }
  if (flag(ctx, 'excludeDiscontinueOrders')) f.add("(t.order_action <> 'DISCONTINUE' OR t.order_action IS NULL)");
  const status = ctx.param('fulfillerStatus');
  const includeNull = ctx.param('includeNullFulfillerStatus');
  const nullClause =
    includeNull === undefined
      ? undefined
      : flag(ctx, 'includeNullFulfillerStatus')
        ? 't.fulfiller_status IS NULL'
        : 't.fulfiller_status IS NOT NULL';
  if (status !== undefined && nullClause) f.add(`(t.fulfiller_status = ? OR ${nullClause})`, status);
  else if (status !== undefined) f.add('t.fulfiller_status = ?', status);
  else if (nullClause) f.add(nullClause);
  if (flag(ctx, 'excludeCanceledAndExpired')) {
    f.add('(t.auto_expire_date IS NULL OR t.auto_expire_date > NOW())');
    f.add('(t.date_stopped IS NULL OR t.date_stopped > NOW())');
  }
  const ended = date(ctx, 'canceledOrExpiredOnOrBeforeDate');
  if (ended) {
    f.add(
      '((t.date_stopped IS NOT NULL AND t.date_stopped <= ?) OR (t.auto_expire_date IS NOT NULL AND t.auto_expire_date <= ?))',
      endOfDay(ended),
      endOfDay(ended),
    );
  }
  if (!flag(ctx, 'includeVoided')) f.add('t.voided = 0');
  return {
    where: f.where.join(' AND ') || undefined,
    params: f.params,
    orderBy: 't.date_activated DESC, t.order_id DESC',
  };
}

/** OrderResource1_10.doSearch with OrderUtil.getOrders. */
async function doSearch(ctx: RequestContext): Promise<Listing> {
  const patient = ctx.params.get('patient');
  if (patient === null) {
    throw new RestError(
      400,
      'The search with the given parameters is not valid',
      'Please provide patientUuid in the patient parameter',
      'InvalidSearchException',
    );
  }
  const f = new Filter();
  f.add('t.patient_id = ?', await required('person', 'person_id', patient, ctx));
  const t = ctx.param('t');
  const subclass = t === 'drugorder' || t === 'testorder' ? t : undefined;
  const careSettingUuid = ctx.param('careSetting');
  // The subclass handlers ignore a care setting they cannot find; the resource answers 404.
  const careSetting =
    careSettingUuid === undefined
      ? undefined
      : subclass
        ? await idOf('care_setting', 'care_setting_id', careSettingUuid, ctx, true)
        : await required('care_setting', 'care_setting_id', careSettingUuid, ctx, true);
  if (careSetting !== undefined) f.add('t.care_setting = ?', careSetting);
  const orderTypeUuid = ctx.param('orderType');
  const orderType = subclass
    ? (await ctx.sql.rows('SELECT order_type_id AS id FROM order_type WHERE name = ?', [TYPE_NAMES[subclass]]))[0]?.id
    : orderTypeUuid === undefined
      ? undefined
      : await required('order_type', 'order_type_id', orderTypeUuid, ctx, true);
  if (orderType !== undefined) {
    f.add(
      't.order_type_id IN (SELECT order_type_id FROM order_type WHERE order_type_id = ? OR parent = ?)',
      orderType,
      orderType,
    );
  }
  // A `t` no subclass handles filters the orders by type, which leaves none of another type.
  if (t !== undefined) {
    if (!subclass) return { rows: [] };
    f.add(`EXISTS (SELECT 1 FROM ${SUBCLASS_TABLES[subclass]} s WHERE s.order_id = t.order_id)`);
  }
  const asOf = date(ctx, 'asOfDate') ?? now();
  const status = ctx.params.get('status');
  if (status === 'inactive' || status === 'any') {
    if (careSetting === undefined) throw new RestError(500, '', 'CareSetting is required', 'IllegalArgumentException');
    f.add("t.order_action <> 'DISCONTINUE'");
    if (status === 'inactive' || !ctx.includeAll) f.add('t.voided = 0');
    if (status === 'inactive') {
      // Order.isDiscontinued or Order.isExpired at asOfDate.
      f.add(
        `t.date_activated <= ? AND ((t.date_stopped IS NOT NULL AND ? > t.date_stopped)
          OR (t.date_stopped IS NULL AND t.auto_expire_date IS NOT NULL AND ? > t.auto_expire_date))`,
        asOf,
        asOf,
        asOf,
      );
    }
  } else {
    f.add(
      `t.voided = 0 AND t.order_action <> 'DISCONTINUE' AND t.date_activated <= ?
       AND ((t.date_stopped IS NULL AND (t.auto_expire_date IS NULL OR t.auto_expire_date >= ?)) OR t.date_stopped >= ?)`,
      asOf,
      asOf,
      asOf,
    );
  }
  return { where: f.where.join(' AND '), params: f.params, orderBy: sortOrder(ctx, status) };
}

/** `sort=asc|desc`: by activation, or for inactive orders by when they ended. */
function sortOrder(ctx: RequestContext, status: string | null): string {
  const sort = ctx.param('sort');
  if (sort === undefined) return 't.order_id';
  const direction = sort.toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  const key =
    status?.toLowerCase() === 'inactive'
      ? 'COALESCE(t.date_stopped, t.auto_expire_date, t.date_created)'
      : 'COALESCE(t.date_activated, t.date_created)';
  return `${key} ${direction}, t.order_id ${direction}`;
}
