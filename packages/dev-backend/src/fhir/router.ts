import crypto from 'node:crypto';
import type { Row } from '../database';
import { localDateTime } from '../dates';
import { asRestError, RestError, ValidationError } from '../http/errors';
import type { Reply } from '../http/reply';
import type { RequestContext } from '../rest/context';
import { AllergyIntolerance } from './allergyintolerance';
import { Condition } from './condition';
import { Encounter } from './encounter';
import { Location } from './location';
import { MedicationRequest } from './medicationrequest';
import { Observation } from './observation';
import { Patient } from './patient';
import { invalidRequest, type FhirType } from './types';

// /ws/fhir2/R4/<Type>[/<id>] with HAPI's conventions: searchset Bundles with total, next/previous
// links through `_getpages`, `_count` (default 10, at most 100) and `_getpagesoffset`.

const TYPES: Record<string, FhirType> = {
  AllergyIntolerance,
  Condition,
  Encounter,
  Location,
  MedicationRequest,
  Observation,
  Patient,
};

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
  body: () => Promise<Record<string, unknown>>,
): Promise<Reply> {
  try {
    // fhir2's own filter answers bad Basic credentials itself.
    if (sentCredentials && ctx.userId === undefined) throw new RestError(401, '', 'Not authenticated', 'fhir');
    if (segments.length === 0) {
      if (method !== 'GET') throw notAllowed(method);
      return await page(ctx);
    }
    const [typeName, id] = segments;
    const type = TYPES[typeName];
    if (!type || segments.length > 2) throw new RestError(404, '', `Unknown resource type '${typeName}'`, 'fhir');
    if (method === 'GET') {
      ctx.require(type.privilege);
      return id === undefined ? await searchset(typeName, type, ctx.params, ctx) : await read(typeName, type, id, ctx);
    }
    return await write(typeName, type, id, method, ctx, body);
  } catch (error) {
    return outcome(error);
  }
}

const notAllowed = (method: string) => new RestError(405, '', `${method} is not supported here`, 'fhir');

async function find(typeName: string, type: FhirType, id: string, ctx: RequestContext): Promise<Row> {
  const scope = type.scope ? ` AND ${type.scope}` : '';
  const [row] = await ctx.sql.rows(`SELECT t.* FROM ${source(type)} t WHERE t.uuid = ?${scope}`, [id]);
  if (!row) throw new RestError(404, '', `Resource of type ${typeName} with ID ${id} is not known`, 'fhir');
  return row;
}

async function read(typeName: string, type: FhirType, id: string, ctx: RequestContext): Promise<Reply> {
  return { status: 200, body: await type.toFhir(await find(typeName, type, id, ctx), ctx) };
}

/** POST <Type> creates (201 and a Location), PUT <Type>/<id> updates, DELETE <Type>/<id> deletes. */
async function write(
  typeName: string,
  type: FhirType,
  id: string | undefined,
  method: string,
  ctx: RequestContext,
  body: () => Promise<Record<string, unknown>>,
): Promise<Reply> {
  const operation =
    method === 'POST' && id === undefined
      ? type.create
      : method === 'PUT' && id !== undefined
        ? type.update
        : method === 'DELETE' && id !== undefined
          ? type.delete
          : undefined;
  if (!operation) throw notAllowed(method);
  ctx.require(operation.privilege);
  const resource = method === 'DELETE' ? {} : await body();
  if (method !== 'DELETE' && resource.resourceType !== typeName) {
    throw invalidRequest(`Incorrect resource type, expected ${typeName}, found ${String(resource.resourceType)}`);
  }
  if (method === 'PUT' && resource.id !== undefined && resource.id !== id) {
    throw invalidRequest('Resource id in the body does not match the id in the URL');
  }
  return ctx.transaction(async (tx) => {
    if (method === 'DELETE') {
      await type.delete!.run(tx, await find(typeName, type, id!, tx));
      return {
        status: 200,
        body: {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'information', code: 'informational', diagnostics: 'Successfully deleted object' }],
        },
      };
    }
    const saved =
      method === 'POST'
        ? await type.create!.run(tx, resource)
        : await type.update!.run(tx, await find(typeName, type, id!, tx), resource);
    const row = await find(typeName, type, String(saved.uuid), tx);
    const location = `${ctx.baseUrl}/ws/fhir2/R4/${typeName}/${String(row.uuid)}`;
    return {
      status: method === 'POST' ? 201 : 200,
      body: await type.toFhir(row, tx),
      headers: { Location: location, 'Content-Location': location },
    };
  });
}

function source(type: FhirType): string {
  return type.from ?? `\`${type.table}\``;
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
  const from = `FROM ${source(type)} t WHERE ${where}`;
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
  // fhir2 answers a failed OpenMRS validation with the validator's messages.
  const diagnostics =
    rest instanceof ValidationError
      ? Object.entries(rest.fieldErrors)
          .flatMap(([field, errors]) => errors.map((e) => `${field}: ${e.message}`))
          .join('; ')
      : rest.message;
  const code =
    rest.status === 404 ? 'not-found' : rest.status === 401 || rest.status === 403 ? 'security' : 'processing';
  return {
    status: rest.status,
    body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] },
  };
}
