import type { Row } from '../database';
import {
  apiException,
  methodNotAllowed,
  notSupported,
  objectNotFound,
  RestError,
  unknownResource,
} from '../http/errors';
import { noContent, ok, type Reply } from '../http/reply';
import type { RequestContext } from './context';
import type { Controller } from './controller';
import { listPage } from './paging';
import { represent, selfUri } from './represent';
import { DEFAULT, parseRepresentation, REF, type Representation } from './representation';
import { NOBODY_CHECKED, type Listing, type Operation, type Resource } from './resource';
import { create, findRow, purge, restore, retire, update } from './writes';

// MainResourceController and MainSubResourceController: /<resource>[/<uuid>[/<sub>[/<uuid>]]].
// Each operation checks what OpenMRS checks, in its order: the row is found (getByUniqueId, with the
// `get` privileges), then the operation's own privileges; an operation OpenMRS does not support is a
// 400 for everyone allowed to find the row. The body is read only after that, and before the
// transaction opens, so that a slow upload never holds a connection.

/** Parameters that steer a request rather than ask for a search (RestConstants.SPECIAL_REQUEST_PARAMETERS). */
const SPECIAL_PARAMETERS = new Set(['v', 'limit', 'startIndex', 'includeAll', 'jsessionid', 's', 't', 'totalCount']);

type Body = () => Promise<Record<string, unknown>>;

export async function routeRest(
  segments: string[],
  method: string,
  ctx: RequestContext,
  body: Body,
  controllers: Map<string, Controller>,
): Promise<Reply> {
  // A module's resources under its own namespace (cohortm/cohortmember) are named with it.
  const namespaced = segments.length > 1 && ctx.backend.resources.has(`${segments[0]}/${segments[1]}`);
  const path = namespaced ? [`${segments[0]}/${segments[1]}`, ...segments.slice(2)] : segments;
  const [name, id, subName, subId] = path;
  const controller = controllers.get(name);
  if (controller) {
    if (segments.length > 1) {
      if (!controller.route) throw unknownResource(`v1/${segments.join('/')}`);
      return controller.route(segments.slice(1), method, ctx, body);
    }
    const handler = controller.handlers[method];
    if (!handler) throw methodNotAllowed(method);
    return handler(ctx, body);
  }
  const resource = ctx.backend.resources.get(name);
  if (!resource || resource.parent || path.length > 4) throw unknownResource(`v1/${segments.join('/')}`);
  if (id === undefined) return collection(resource, method, ctx, body);
  if (subName === undefined) return member(resource, id, method, ctx, body);

  const child = [...ctx.backend.resources.values()].find(
    (r) => r.parent?.resource === name && r.parent.path === subName,
  );
  if (!child?.parent) throw unknownResource(`v1/${name}/${subName}`);
  const column = child.parent.column;
  if (subId === undefined) {
    // Create and list find the parent first (the parent resource's getByUniqueId).
    if (method !== 'GET' && method !== 'POST') throw methodNotAllowed(method);
    const posted = method === 'POST' ? await body() : {};
    ctx.require(resource.privileges.get);
    const parent = await existing(resource, id, ctx);
    const parentKey = parent[resource.table?.key ?? 'uuid'];
    if (method === 'POST' && child.saveToParent) {
      await ctx.transaction((tx) => child.saveToParent!(parent, posted, tx));
      return { status: 201 };
    }
    if (method === 'POST') return collection(child, method, ctx, async () => posted, { [column]: parentKey });
    ctx.require(child.privileges.list ?? NOBODY_CHECKED);
    if (child.childListing) {
      const listing = await child.childListing(parentKey, ctx);
      if (listing === null) return noContent();
      return collection(child, method, ctx, body, { [column]: parentKey }, listing);
    }
    const flag = child.kind === 'metadata' ? 'retired' : 'voided';
    // Some children cannot be voided at all (an obs's reference range).
    const voidable = child.table && ctx.backend.schema.columns(child.table.name).has(flag);
    const all = ctx.includeAll || !voidable;
    const where = `t.\`${column}\` = ?${all ? '' : ` AND t.${flag} = 0`}`;
    return collection(child, method, ctx, body, { [column]: parentKey }, { where, params: [parentKey] });
  }
  // The other operations find the child alone, then check that it belongs to that parent.
  const parentRow = await findRow(resource, id, ctx);
  return member(
    child,
    subId,
    method,
    ctx,
    body,
    (row) => parentRow !== undefined && row[column] === parentRow[resource.table?.key ?? 'uuid'],
  );
}

async function collection(
  resource: Resource,
  method: string,
  ctx: RequestContext,
  body: Body,
  fixed: Row = {},
  listing?: Listing,
): Promise<Reply> {
  if (method === 'GET') {
    if (!resource.parent) ctx.require(resource.privileges.list ?? resource.privileges.get);
    return ok(await listPage(resource, listing ?? (await topLevelListing(resource, ctx)), requested(ctx, REF), ctx));
  }
  if (method === 'POST') {
    // Spring reads the body before the controller runs: a body it cannot read fails first.
    const posted = await body();
    allow(resource, 'create', ctx);
    if (!resource.creatable) throw notEmulated(resource, 'create');
    const rep = requested(ctx, DEFAULT);
    return ctx.transaction(async (tx) => {
      const row = await create(resource, posted, tx, fixed);
      return {
        status: 201,
        body: await represent(resource, row, rep, tx),
        headers: { Location: await selfUri(resource, row, tx) },
      };
    });
  }
  throw methodNotAllowed(method);
}

async function topLevelListing(resource: Resource, ctx: RequestContext): Promise<Listing> {
  const searching = [...ctx.params.keys()].some((p) => !SPECIAL_PARAMETERS.has(p));
  if (searching) return resource.search ? resource.search(ctx) : { rows: [] };
  if (!resource.list) throw notSupported();
  return resource.list(ctx);
}

async function member(
  resource: Resource,
  id: string,
  method: string,
  ctx: RequestContext,
  body: Body,
  belongs: (row: Row) => boolean = () => true,
): Promise<Reply> {
  if (method !== 'GET' && method !== 'POST' && method !== 'DELETE') throw methodNotAllowed(method);
  const posted = method === 'POST' ? await body() : {};
  if (resource.failing?.get) throw unsupportedOperation(resource.failing.get);
  ctx.require(resource.privileges.get);
  const purging = method === 'DELETE' && ctx.params.get('purge') === 'true';
  const found = await findRow(resource, id, ctx);
  // Purging what is not there succeeds: DELETE is idempotent.
  if (!found && purging) return noContent();
  if (!found) throw objectNotFound();
  if (!belongs(found)) {
    throw new RestError(
      404,
      "Subresource with given uuid doesn't match the uuid of the main resource",
      null,
      'ObjectMismatchException',
    );
  }
  switch (method) {
    case 'GET':
      return ok(await represent(resource, found, requested(ctx, DEFAULT), ctx));
    case 'POST': {
      const rep = requested(ctx, DEFAULT);
      const undelete = !resource.parent && Object.keys(posted).length === 1 && posted.deleted === 'false';
      allow(resource, undelete ? 'undelete' : 'update', ctx);
      if (!undelete && !(resource.updatable ?? resource.creatable)) throw notEmulated(resource, 'update');
      return ctx.transaction(async (tx) => {
        const row = await existing(resource, id, tx);
        const saved = undelete ? await restore(resource, row, tx) : await update(resource, row, posted, tx);
        return ok(await represent(resource, saved, rep, tx));
      });
    }
    default: {
      allow(resource, purging ? 'purge' : 'delete', ctx);
      if (!resource.table) throw notEmulated(resource, purging ? 'purge' : 'delete');
      await ctx.transaction(async (tx) => {
        const row = await findRow(resource, id, tx);
        if (!row) return;
        if (purging || resource.purgesOnDelete) await purge(resource, row, tx);
        else await retire(resource, row, ctx.params.get('reason') ?? 'web service call', tx);
      });
      return noContent();
    }
  }
}

/** The operation's own privileges; an operation OpenMRS does not support is refused as it refuses it. */
function allow(resource: Resource, operation: Operation, ctx: RequestContext): void {
  const failing = resource.failing?.[operation];
  if (failing) throw unsupportedOperation(failing);
  const requirement = resource.privileges[operation];
  if (requirement === undefined) {
    throw operation === 'undelete'
      ? notSupported('undelete action not yet supported for this resource')
      : notSupported();
  }
  ctx.require(requirement);
}

/** java.lang.UnsupportedOperationException and the like: no @ResponseStatus, so BaseRestController answers 500. */
const unsupportedOperation = (message: string) => new RestError(500, '', message, 'UnsupportedOperationException');

/** OpenMRS supports it and the user may do it, but this emulator does not do it (see the README). */
const notEmulated = (resource: Resource, operation: Operation) =>
  notSupported(`${resource.name}: ${operation} is not emulated by the dev backend`);

async function existing(resource: Resource, id: string, ctx: RequestContext): Promise<Row> {
  const row = await findRow(resource, id, ctx);
  if (!row) throw objectNotFound();
  return row;
}

/** RestUtil.getRequestContext: `v` naming the request's default is refused, like an empty `v`. */
function requested(ctx: RequestContext, defaultView: Representation): Representation {
  const v = ctx.params.get('v');
  if (v === null) return defaultView;
  if (v === '') throw apiException('?v=(empty string) is not allowed');
  if (v === defaultView.kind)
    throw apiException(`Do not specify ?v=${v} because it is the default behavior for this request`);
  return parseRepresentation(v);
}
