import type { Row } from '../database';
import { apiException } from '../http/errors';
import { integerProperty } from '../settings';
import type { RequestContext } from './context';
import type { Link } from './represent';
import { represent } from './represent';
import type { Representation } from './representation';
import type { Listing, Resource } from './resource';

// Lists as RequestContext + NeedsPaging/AlreadyPaged do them: limit (default and absolute cap from
// global properties), 0-based startIndex, next/prev links only when there is such a page, and
// totalCount only when asked for.

export interface Paging {
  limit: number;
  startIndex: number;
  includeAll: boolean;
  totalCount: boolean;
}

export async function readPaging(ctx: RequestContext): Promise<Paging> {
  const absolute = await integerProperty(ctx.sql, 'webservices.rest.maxResultsAbsolute', 100);
  let limit = await integerProperty(ctx.sql, 'webservices.rest.maxResultsDefault', 50);
  const requested = integerParam(ctx, 'limit');
  if (requested !== undefined) {
    if (requested <= 0) throw apiException('If you specify a number of results to return, it must be >0 and not null');
    if (requested > absolute) throw apiException(`Administrator has set absolute limit at ${absolute}`);
    limit = requested;
  }
  return {
    limit,
    startIndex: Math.max(integerParam(ctx, 'startIndex') ?? 0, 0),
    includeAll: ctx.includeAll,
    totalCount: ctx.params.get('totalCount') === 'true',
  };
}

/** RestUtil.getIntegerParam: `new Integer(value)`, and a value that is no Java int is ignored. */
function integerParam(ctx: RequestContext, name: string): number | undefined {
  const value = ctx.params.get(name);
  if (value === null || !/^[+-]?\d{1,10}$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= -(2 ** 31) && parsed < 2 ** 31 ? parsed : undefined;
}

export interface ListResult {
  results: unknown[];
  links?: Link[];
  totalCount?: number;
}

export async function listPage(
  resource: Resource,
  listing: Listing,
  rep: Representation,
  ctx: RequestContext,
): Promise<ListResult> {
  const paging = await readPaging(ctx);
  const { rows, hasMore, total } = await fetchPage(resource, listing, paging, ctx);
  const result: ListResult = { results: await Promise.all(rows.map((r) => represent(resource, r, rep, ctx))) };
  const links: Link[] = [];
  if (hasMore) links.push(pageLink('next', paging.startIndex + paging.limit, ctx));
  if (paging.startIndex > 0) links.push(pageLink('prev', Math.max(paging.startIndex - paging.limit, 0), ctx));
  if (links.length > 0) result.links = links;
  if (paging.totalCount) result.totalCount = total;
  return result;
}

async function fetchPage(
  resource: Resource,
  listing: Listing,
  paging: Paging,
  ctx: RequestContext,
): Promise<{ rows: Row[]; hasMore: boolean; total?: number }> {
  if ('rows' in listing) {
    const rows = listing.rows.slice(paging.startIndex, paging.startIndex + paging.limit);
    return { rows, hasMore: paging.startIndex + paging.limit < listing.rows.length, total: listing.rows.length };
  }
  const table = resource.table;
  if (!table) throw new Error(`${resource.name} lists rows without a table`);
  const { candidates } = listing;
  const source = candidates
    ? `(${candidates.sql}) c STRAIGHT_JOIN \`${table.name}\` t ON t.\`${table.key}\` = c.id`
    : `\`${table.name}\` t`;
  const from = `FROM ${source} ${listing.joins ?? ''} ${listing.where ? `WHERE ${listing.where}` : ''}`;
  const params = [...(candidates?.params ?? []), ...(listing.params ?? [])];
  // One row more than the page tells whether there is a next page; the total, when asked for, comes
  // from the same pass over the matches (FOUND_ROWS), not from a second query.
  const select = `SELECT ${paging.totalCount ? 'SQL_CALC_FOUND_ROWS ' : ''}DISTINCT t.* ${from} ORDER BY ${listing.orderBy ?? `t.\`${table.key}\``} LIMIT ? OFFSET ?`;
  const { rows, total } = await ctx.sql.pinned(async (sql) => {
    const rows = await sql.rows(select, [...params, paging.limit + 1, paging.startIndex]);
    const total = paging.totalCount ? Number((await sql.rows('SELECT FOUND_ROWS() AS n'))[0].n) : undefined;
    return { rows, total };
  });
  return { rows: rows.slice(0, paging.limit), hasMore: rows.length > paging.limit, total };
}

function pageLink(rel: string, startIndex: number, ctx: RequestContext): Link {
  const params = new URLSearchParams(ctx.params);
  params.set('startIndex', String(startIndex));
  return { rel, uri: `${ctx.baseUrl}${ctx.path}?${params.toString()}`, resourceAlias: null };
}
