import { RestError, unknownResource } from '../../http/errors';
import { ok } from '../../http/reply';
import {
  entries,
  entriesBelow,
  fullAddresses,
  orderedLevels,
  searchAddresses,
  type Entry,
  type Level,
} from '../address-hierarchy';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';

// The addresshierarchy module's AddressHierarchyAjaxController (/openmrs/module/addresshierarchy/ajax/*.form),
// over the module's tables. Like the module, it asks for no privilege. Lists the module leaves in
// HashSet order are sorted here, so that answers are stable.

type Page = (ctx: RequestContext) => Promise<unknown>;

/** Spring's answer to a missing @RequestParam. */
function required(ctx: RequestContext, name: string): string {
  const value = ctx.params.get(name);
  if (value === null) {
    throw new RestError(
      400,
      '',
      `Required String parameter '${name}' is not present`,
      'MissingServletRequestParameterException',
    );
  }
  return value;
}

const blank = (value: string | null | undefined) => !value || value.trim() === '';

/** generateAddressHierarchyEntryNamesResponse: sorted names, an exact match (ignoring case) first. */
function names(list: string[], exactMatch?: string) {
  const sorted = [...list].sort();
  const exact = sorted.findIndex((n) => n.toLowerCase() === exactMatch?.toLowerCase());
  if (exact > 0) sorted.unshift(...sorted.splice(exact, 1));
  return sorted.map((name) => ({ name }));
}

/** generateFullAddressResponse: `|` replaced by the separator unless it is blank. */
function fullAddressList(addresses: Iterable<string>, separator: string | null) {
  const join = (a: string) => (blank(separator) ? a : a.split('|').join(separator!));
  return [...addresses].sort().map((a) => ({ address: join(a) }));
}

const levelOf = (levels: Level[], field: string | null) =>
  field === null ? undefined : levels.find((l) => l.field === field);

const getOrderedAddressHierarchyLevels: Page = async (ctx) =>
  (await orderedLevels(ctx.sql))
    .filter((l) => l.field !== null)
    .map((l) => ({ name: l.name, addressField: l.field, required: l.required }));

/** `searchString` is the path of names above the wanted level: "Moçambique|Maputo Província". */
const getChildAddressHierarchyEntries: Page = async (ctx) => {
  const levels = await orderedLevels(ctx.sql);
  const mapped = levels.filter((l) => l.field !== null);
  const search = ctx.params.get('searchString');
  if (blank(search)) {
    return mapped.length === 0
      ? []
      : names((await entries(ctx.sql, 'level_id = ?', [mapped[0].id])).map((e) => e.name));
  }
  const path = search!.split('|');
  while (path.at(-1) === '') path.pop(); // as Java's String.split
  const target = mapped[path.length];
  if (!target) {
    throw new RestError(
      500,
      '',
      `Index ${path.length} out of bounds for length ${mapped.length}`,
      'IndexOutOfBoundsException',
    );
  }
  const values = new Map(path.flatMap((name, i) => (blank(name) ? [] : [[mapped[i].field!, name] as const])));
  const found = await entriesBelow(ctx.sql, levels, values, target);
  // Unique names, ignoring case; the first spelling wins.
  const unique = new Map(found.map((e) => [e.name.toLowerCase(), e.name] as const).reverse());
  return names([...unique.values()]);
};

/** The module answers "[]" and then goes on writing when a parameter is blank or the field unknown; here just []. */
const getPossibleAddressHierarchyEntries: Page = async (ctx) => {
  const search = required(ctx, 'searchString');
  const field = required(ctx, 'addressField');
  const levels = await orderedLevels(ctx.sql);
  const level = levelOf(levels, field);
  if (blank(search) || !level) return [];
  const found = searchAddresses(await fullAddresses(ctx.sql), search, levels.indexOf(level));
  return names([...found], search);
};

const withParents = async (ctx: RequestContext, entry: Entry): Promise<Record<string, unknown>> => {
  const [parent] =
    entry.parentId === null ? [] : await entries(ctx.sql, 'address_hierarchy_entry_id = ?', [entry.parentId]);
  return {
    name: entry.name,
    uuid: entry.uuid,
    userGeneratedId: entry.userGeneratedId,
    ...(parent ? { parent: await withParents(ctx, parent) } : {}),
  };
};

/**
 * Under a parent (by uuid, else by user-generated id) names containing the search, else names starting
 * with it; LIKE wildcards in the search are not escaped, as Hibernate's ilike does not. MySQL answers in
 * the order of the (level_id, name) and (parent_id, name) indexes it uses: by name.
 */
const getPossibleAddressHierarchyEntriesWithParents: Page = async (ctx) => {
  const search = required(ctx, 'searchString');
  const field = required(ctx, 'addressField');
  const limitParam = ctx.params.get('limit');
  const limit = limitParam === null ? 20 : Number(limitParam);
  if (!Number.isInteger(limit)) {
    throw new RestError(
      400,
      '',
      `Failed to convert value "${limitParam}" to int`,
      'MethodArgumentTypeMismatchException',
    );
  }
  const level = levelOf(await orderedLevels(ctx.sql), field);
  if (blank(search) || blank(field) || limit <= 0 || !level) return [];
  const parentUuid = ctx.params.get('parentUuid');
  const parentGenId = ctx.params.get('userGeneratedIdForParent');
  const [parent] = [
    ...(parentUuid === null ? [] : await entries(ctx.sql, 'uuid = ?', [parentUuid])),
    ...(parentGenId === null ? [] : await entries(ctx.sql, 'user_generated_id = ?', [parentGenId])),
  ];
  const found = parent
    ? await entries(
        ctx.sql,
        'level_id = ? AND parent_id = ? AND name LIKE ? ORDER BY name, address_hierarchy_entry_id LIMIT ?',
        [level.id, parent.id, `%${search}%`, limit],
      )
    : await entries(ctx.sql, 'level_id = ? AND name LIKE ? ORDER BY name, address_hierarchy_entry_id LIMIT ?', [
        level.id,
        `${search}%`,
        limit,
      ]);
  return Promise.all(found.map((e) => withParents(ctx, e)));
};

const getPossibleFullAddresses: Page = async (ctx) => {
  const search = ctx.params.get('searchString');
  if (blank(search)) return [];
  return fullAddressList(searchAddresses(await fullAddresses(ctx.sql), search!), ctx.params.get('separator'));
};

/** The full addresses below the entries of a level with a given name (ignoring case and accents). */
const getPossibleFullAddressesForAddressHierarchyEntry: Page = async (ctx) => {
  const name = ctx.params.get('entryName');
  const field = ctx.params.get('addressField');
  const separator = ctx.params.get('separator');
  if (blank(name) || blank(field)) return [];
  const levels = await orderedLevels(ctx.sql);
  const level = levelOf(levels, field);
  if (!level) throw new RestError(500, '', null, 'NullPointerException');
  const depth = levels.indexOf(level);
  const named = new Set((await entries(ctx.sql, 'level_id = ? AND name = ?', [level.id, name])).map((e) => e.name));
  const addresses = (await fullAddresses(ctx.sql)).filter((a) => named.has(a[depth]));
  return fullAddressList(new Set(addresses.map((a) => a.join('|'))), separator);
};

const PAGES = new Map<string, Page>(
  Object.entries({
    'getOrderedAddressHierarchyLevels.form': getOrderedAddressHierarchyLevels,
    'getChildAddressHierarchyEntries.form': getChildAddressHierarchyEntries,
    'getPossibleAddressHierarchyEntries.form': getPossibleAddressHierarchyEntries,
    'getPossibleAddressHierarchyEntriesWithParents.form': getPossibleAddressHierarchyEntriesWithParents,
    'getPossibleFullAddresses.form': getPossibleFullAddresses,
    'getPossibleFullAddressesForAddressHierarchyEntry.form': getPossibleFullAddressesForAddressHierarchyEntry,
  }),
);

export const addresshierarchy: Controller = {
  name: 'addresshierarchy',
  handlers: {},
  route: async (segments, _method, ctx) => {
    const [ajax, page] = segments;
    const handler = ajax === 'ajax' && segments.length === 2 ? PAGES.get(page) : undefined;
    if (!handler) throw unknownResource(`addresshierarchy/${segments.join('/')}`);
    return ok(await handler(ctx));
  },
};
