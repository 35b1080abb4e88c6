import crypto from 'node:crypto';
import { localDateTime } from '../dates';
import { asRestError, RestError } from '../http/errors';
import type { Reply } from '../http/reply';
import type { RequestContext } from '../rest/context';
import { Encounter } from './encounter';
import { Location } from './location';
import { Observation } from './observation';
import { Patient } from './patient';
import type { FhirType } from './types';

// /ws/fhir2/R4/<Type>[/<id>] with HAPI's conventions: searchset Bundles with total, next/previous
// links through `_getpages`, `_count` (default 10, at most 100) and `_getpagesoffset`.

const TYPES: Record<string, FhirType> = { Encounter, Location, Observation, Patient };

const DEFAULT_COUNT = 10;
const MAX_COUNT = 100;

/** Searches a `_getpages` link may page through; the oldest are forgotten first. */
const searches = new Map<string, { type: string; params: URLSearchParams }>();
const REMEMBERED_SEARCHES = 1000;

export async function routeFhir(
  segments: string[],
  method: string,
  ctx: RequestContext,
  sentCredentials: boolean,
): Promise<Reply> {
  try {
    if (method !== 'GET') throw new RestError(405, '', `${method} is not supported here`, 'fhir');
    // fhir2's own filter answers bad Basic credentials itself.
    if (sentCredentials && ctx.userId === undefined) throw new RestError(401, '', 'Not authenticated', 'fhir');
    if (segments.length === 0) return await page(ctx);
    const [typeName, id] = segments;
    const type = TYPES[typeName];
    if (!type || segments.length > 2) throw new RestError(404, '', `Unknown resource type '${typeName}'`, 'fhir');
    ctx.require(type.privilege);
    return id === undefined ? await searchset(typeName, type, ctx.params, ctx) : await read(typeName, type, id, ctx);
  } catch (error) {
    return outcome(error);
  }
}

async function read(typeName: string, type: FhirType, id: string, ctx: RequestContext): Promise<Reply> {
  const scope = type.scope ? ` AND ${type.scope}` : '';
  const [row] = await ctx.sql.rows(`SELECT t.* FROM \`${type.table}\` t WHERE t.uuid = ?${scope}`, [id]);
  if (!row) throw new RestError(404, '', `Resource of type ${typeName} with ID ${id} is not known`, 'fhir');
  return { status: 200, body: await type.toFhir(row, ctx) };
}

async function page(ctx: RequestContext): Promise<Reply> {
  const search = searches.get(ctx.params.get('_getpages') ?? '');
  if (!search) throw new RestError(410, '', 'Search id is unknown or has expired', 'fhir');
  const params = new URLSearchParams(search.params);
  for (const paging of ['_getpagesoffset', '_count']) {
    const value = ctx.params.get(paging);
    if (value !== null) params.set(paging, value);
  }
  const type = TYPES[search.type];
  ctx.require(type.privilege);
  return searchset(search.type, type, params, ctx);
}

async function searchset(
  typeName: string,
  type: FhirType,
  params: URLSearchParams,
  ctx: RequestContext,
): Promise<Reply> {
  const count = Math.min(positive(params.get('_count')) ?? DEFAULT_COUNT, MAX_COUNT);
  const offset = positive(params.get('_getpagesoffset')) ?? 0;
  const { where, params: values, orderBy } = type.search(params);
  const from = `FROM \`${type.table}\` t WHERE ${where}`;
  const [{ total }] = await ctx.sql.rows<{ total: number }>(`SELECT COUNT(*) AS total ${from}`, values);
  const rows = await ctx.sql.rows(`SELECT t.* ${from} ORDER BY ${orderBy} LIMIT ? OFFSET ?`, [
    ...values,
    count,
    offset,
  ]);

  const base = `${ctx.baseUrl}/ws/fhir2/R4`;
  const searchId = remember(typeName, params);
  const pageUrl = (at: number) =>
    `${base}?_getpages=${searchId}&_getpagesoffset=${at}&_count=${count}&_bundletype=searchset`;
  const link = [{ relation: 'self', url: `${base}/${typeName}${params.size > 0 ? `?${params.toString()}` : ''}` }];
  if (offset + count < Number(total)) link.push({ relation: 'next', url: pageUrl(offset + count) });
  if (offset > 0) link.push({ relation: 'previous', url: pageUrl(Math.max(offset - count, 0)) });
  return {
    status: 200,
    body: {
      resourceType: 'Bundle',
      id: crypto.randomUUID(),
      meta: { lastUpdated: `${localDateTime(new Date()).replace(' ', 'T')}+02:00` },
      type: 'searchset',
      total: Number(total),
      link,
      entry: await Promise.all(
        rows.map(async (row) => ({
          fullUrl: `${base}/${typeName}/${String(row.uuid)}`,
          resource: await type.toFhir(row, ctx),
        })),
      ),
    },
  };
}

function remember(type: string, params: URLSearchParams): string {
  const id = crypto.randomUUID();
  const kept = new URLSearchParams(params);
  kept.delete('_getpagesoffset');
  searches.set(id, { type, params: kept });
  if (searches.size > REMEMBERED_SEARCHES) searches.delete(searches.keys().next().value as string);
  return id;
}

function positive(value: string | null): number | undefined {
  const parsed = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isNaN(parsed) || parsed < 0 ? undefined : parsed;
}

function outcome(error: unknown): Reply {
  const rest = asRestError(error);
  const code =
    rest.status === 404 ? 'not-found' : rest.status === 401 || rest.status === 403 ? 'security' : 'processing';
  return {
    status: rest.status,
    body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: rest.message }] },
  };
}
