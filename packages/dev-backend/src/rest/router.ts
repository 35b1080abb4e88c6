import type { Row } from '../database';
import { apiException, methodNotAllowed, notSupported, objectNotFound, unknownResource } from '../http/errors';
import { noContent, ok, type Reply } from '../http/reply';
import type { RequestContext } from './context';
import type { Controller } from './controller';
import { listPage } from './paging';
import { represent, selfUri } from './represent';
import { DEFAULT, parseRepresentation, REF, type Representation } from './representation';
import type { Listing, Resource } from './resource';
import { create, findRow, purge, restore, retire, update } from './writes';

// MainResourceController and MainSubResourceController: /<resource>[/<uuid>[/<sub>[/<uuid>]]].

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
  const [name, id, subName, subId] = segments;
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
  if (!resource || resource.parent || segments.length > 4) throw unknownResource(`v1/${segments.join('/')}`);
  if (id === undefined) return collection(resource, method, ctx, body);
  if (subName === undefined) return member(resource, id, method, ctx, body);

  const child = [...ctx.backend.resources.values()].find(
    (r) => r.parent?.resource === name && r.parent.path === subName,
  );
  if (!child?.parent) throw unknownResource(`v1/${name}/${subName}`);
  ctx.require(resource.privileges.read);
  const parentKey = (await existing(resource, id, ctx))[resource.table?.key ?? 'uuid'];
  const column = child.parent.column;
  if (subId === undefined) {
    if (child.childListing && method === 'GET') {
      ctx.require(child.privileges.read);
      const listing = await child.childListing(parentKey, ctx);
      if (listing === null) return noContent();
      return collection(child, method, ctx, body, { [child.parent.column]: parentKey }, listing);
    }
    const flag = child.kind === 'metadata' ? 'retired' : 'voided';
    // Some children cannot be voided at all (an obs's reference range).
    const voidable = child.table && (await ctx.backend.schema.columns(child.table.name)).has(flag);
    const all = ctx.params.get('includeAll') === 'true' || !voidable;
    const where = `t.\`${column}\` = ?${all ? '' : ` AND t.${flag} = 0`}`;
    return collection(child, method, ctx, body, { [column]: parentKey }, { where, params: [parentKey] });
  }
  if ((await existing(child, subId, ctx))[column] !== parentKey) throw objectNotFound();
  return member(child, subId, method, ctx, body);
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
    ctx.require(resource.privileges.read);
    return ok(await listPage(resource, listing ?? (await topLevelListing(resource, ctx)), requested(ctx, REF), ctx));
  }
  if (method === 'POST') {
    requireWrite(resource, ctx);
    const rep = requested(ctx, DEFAULT);
    const posted = await body();
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

async function member(resource: Resource, id: string, method: string, ctx: RequestContext, body: Body): Promise<Reply> {
  switch (method) {
    case 'GET': {
      ctx.require(resource.privileges.read);
      const rep = requested(ctx, DEFAULT);
      return ok(await represent(resource, await existing(resource, id, ctx), rep, ctx));
    }
    case 'POST': {
      requireWrite(resource, ctx);
      const rep = requested(ctx, DEFAULT);
      const posted = await body();
      return ctx.transaction(async (tx) => {
        const row = await existing(resource, id, tx);
        const undelete = Object.keys(posted).length === 1 && posted.deleted === 'false';
        const saved = undelete ? await restore(resource, row, tx) : await update(resource, row, posted, tx);
        return ok(await represent(resource, saved, rep, tx));
      });
    }
    case 'DELETE': {
      const purging = ctx.params.get('purge') === 'true';
      requireWrite(resource, ctx, purging ? resource.privileges.purge : resource.privileges.delete);
      await ctx.transaction(async (tx) => {
        const row = await findRow(resource, id, tx);
        // Purging what is not there succeeds: DELETE is idempotent.
        if (purging) return row && purge(resource, row, tx);
        await retire(
          resource,
          row ?? (await existing(resource, id, tx)),
          ctx.params.get('reason') ?? 'web service call',
          tx,
        );
      });
      return noContent();
    }
  }
  throw methodNotAllowed(method);
}

/** A resource without a write privilege is read-only. */
function requireWrite(resource: Resource, ctx: RequestContext, privilege?: string): void {
  if (!resource.privileges.write) throw notSupported(`${resource.name} is read-only`);
  ctx.require(privilege ?? resource.privileges.write);
}

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
