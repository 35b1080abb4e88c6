import { parseRestDate } from '../dates';
import { conversionFailed } from '../http/errors';
import type { RequestContext } from './context';

// What search handlers share: a parameter's uuid as the row's key, a date parameter, a location's line
// of parents.

/** The key of the row of `table` with this uuid, if there is one. */
export async function keyByUuid(table: string, key: string, uuid: string, ctx: RequestContext): Promise<unknown> {
  const [row] = await ctx.sql.rows(`SELECT \`${key}\` AS id FROM \`${table}\` WHERE uuid = ?`, [uuid]);
  return row?.id;
}

/** A date parameter as a local datetime; a value that is no date is the 400 ConversionUtil gives. */
export function dateParam(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.params.get(name);
  if (value === null) return undefined;
  const parsed = parseRestDate(value);
  if (parsed === undefined) throw conversionFailed(`Cannot convert '${value}' to a date for ${name}`);
  return parsed;
}

/** A location and its parents up to the root (a cycle in the data stops the walk). */
export async function locationAndAncestors(locationId: unknown, ctx: RequestContext): Promise<unknown[]> {
  const ids: unknown[] = [];
  for (let id = locationId; id !== null && id !== undefined && !ids.includes(id);) {
    ids.push(id);
    id = (await ctx.row('location', id))?.parent_location;
  }
  return ids;
}
