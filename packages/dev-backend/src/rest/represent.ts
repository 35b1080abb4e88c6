import type { Row } from '../database';
import { restDate } from '../dates';
import { conversionFailed, RestError } from '../http/errors';
import type { RequestContext } from './context';
import { parsePropertyList, REF, type PropertySelection, type Representation } from './representation';
import { isComputed, isReference, type Resource } from './resource';

// Turns a row into its REST representation: the resource's declared list for ref/default/full,
// the caller's list for custom, recursing into nested resources with the representation named.

export interface Link {
  rel: string;
  uri: string;
  resourceAlias: string | null;
}

/**
 * The self link of an object at `path` (e.g. `idgen/identifiersource`) that has no resource of its own
 * here: its alias is the path's last segment, as the REST module names a namespaced resource.
 */
export function selfLink(ctx: RequestContext, path: string, uuid: unknown): Link {
  return {
    rel: 'self',
    uri: `${ctx.baseUrl}/ws/rest/v1/${path}/${String(uuid)}`,
    resourceAlias: path.slice(path.lastIndexOf('/') + 1),
  };
}

const declared = new WeakMap<Resource, Record<'ref' | 'default' | 'full', PropertySelection[]>>();

function selections(resource: Resource, rep: Representation): PropertySelection[] {
  if (rep.kind === 'custom') return rep.properties;
  let lists = declared.get(resource);
  if (!lists) {
    const flag = resource.kind === 'metadata' ? 'retired' : 'voided';
    lists = {
      ref: parsePropertyList(resource.representations.ref ?? `uuid,display,${flag}`),
      default: parsePropertyList(resource.representations.default),
      full: parsePropertyList(resource.representations.full),
    };
    declared.set(resource, lists);
  }
  return lists[rep.kind];
}

export async function selfUri(resource: Resource, row: Row, ctx: RequestContext): Promise<string> {
  const parent = resource.parent;
  const parentRow = parent && (await ctx.row(parent.resource, row[parent.column]));
  const path = parent ? `${parent.resource}/${String(parentRow?.uuid)}/${parent.path}` : resource.name;
  return `${ctx.baseUrl}/ws/rest/v1/${path}/${String(row.uuid)}`;
}

/** Objects a response builds between two turns of the event loop. */
const OBJECTS_PER_TURN = 100;

export async function represent(
  resource: Resource,
  row: Row,
  rep: Representation,
  ctx: RequestContext,
): Promise<Record<string, unknown>> {
  // A response builds one object per row shown, nested ones included: a custom representation that
  // loops (obs → encounter → obs…) multiplies them, so each request has a budget and stops at the end of it.
  // Once over, every object still under way stops with the same error (no new one, no stack each).
  const budget = ctx.budget;
  if (budget.exceeded) throw budget.exceeded;
  if (--budget.objects < 0) throw (budget.exceeded = representationTooLarge(ctx.backend.limits.representedObjects));
  // A large response lets the other requests through now and then: one user cannot hold the server.
  if (budget.objects % OBJECTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  const result: Record<string, unknown> = {};
  const links: Link[] = [];
  const self = await selfUri(resource, row, ctx);
  // A namespaced resource's alias is its last segment (BaseDelegatingConverter).
  const alias = resource.parent?.path ?? resource.name.slice(resource.name.lastIndexOf('/') + 1);
  const link = (rel: string, uri: string) => links.push({ rel, uri, resourceAlias: alias });
  const shown = resource.subclass ? await resource.subclass(row, ctx) : resource;
  const missing = (await resource.missing?.(row, ctx)) ?? [];
  for (const { name, representation } of selections(shown, rep)) {
    if (missing.includes(name)) continue;
    if (name === 'links') {
      link('self', self);
      link('default', `${self}?v=default`);
      continue;
    }
    // A ref shows retired/voided only when true.
    if (rep.kind === 'ref' && (name === 'retired' || name === 'voided') && !truthy(row[name])) continue;
    result[name] = await propertyValue(shown, row, name, representation, ctx);
  }
  if (rep.kind !== 'custom') link('self', self);
  if (rep.kind === 'default') link('full', `${self}?v=full`);
  if (links.length > 0) result.links = links;
  if (resource.subclass && rep.kind !== 'custom') result.type = shown.name;
  if (rep.kind === 'default' || rep.kind === 'full') result.resourceVersion = resource.version;
  return result;
}

export const representationTooLarge = (limit: number) =>
  new RestError(
    400,
    '',
    `The representation asked for is too large (more than ${limit} objects): ask for fewer properties or a smaller page (limit)`,
    'RepresentationTooLarge',
  );

export async function propertyValue(
  resource: Resource,
  row: Row,
  name: string,
  rep: Representation,
  ctx: RequestContext,
): Promise<unknown> {
  switch (name) {
    case 'uuid':
      return row.uuid;
    case 'display':
      return resource.display(row, ctx);
    case 'retired':
    case 'voided':
      return truthy(row[name]);
    case 'auditInfo':
      return auditInfo(row, ctx);
  }
  const property = resource.properties[name];
  if (!property) throw conversionFailed(`Unknown property '${name}' on ${resource.name}`);
  if (isReference(property)) {
    const target = await ctx.row(property.resource, row[property.column]);
    return target ? represent(ctx.resource(property.resource), target, rep, ctx) : null;
  }
  if (isComputed(property)) {
    const value = await property.get(row, ctx, rep);
    if (!property.resource || value === null || value === undefined) return value ?? null;
    const nested = ctx.resource(property.resource);
    return Array.isArray(value)
      ? Promise.all(value.map((r: Row) => represent(nested, r, rep, ctx)))
      : represent(nested, value as Row, rep, ctx);
  }
  const value = row[property.column];
  if (value === null || value === undefined) return null;
  switch (property.type) {
    case 'boolean':
      return truthy(value);
    case 'number':
      return Number(value);
    case 'date':
      return restDate(value);
    default:
      return value;
  }
}

/** ConversionUtil.getAuditInfo: creator and changer as user refs, and the retire/void trail when set. */
async function auditInfo(row: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const user = async (column: string) => {
    const found = await ctx.row('user', row[column]);
    return found ? represent(ctx.resource('user'), found, REF, ctx) : null;
  };
  const info: Record<string, unknown> = {
    creator: await user('creator'),
    dateCreated: restDate(row.date_created),
    changedBy: await user('changed_by'),
    dateChanged: restDate(row.date_changed),
  };
  if (truthy(row.retired)) {
    Object.assign(info, {
      retiredBy: await user('retired_by'),
      dateRetired: restDate(row.date_retired),
      retireReason: row.retire_reason ?? null,
    });
  }
  if (truthy(row.voided)) {
    Object.assign(info, {
      voidedBy: await user('voided_by'),
      dateVoided: restDate(row.date_voided),
      voidReason: row.void_reason ?? null,
    });
  }
  return info;
}

export function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}
