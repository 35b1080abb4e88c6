import type { Sql } from '../database';
import { RestError } from '../http/errors';

// The addresshierarchy module's tables as its AddressHierarchyService reads them. Names compare under
// the column's *_ci collation (case- and accent-insensitive), as the module's Hibernate criteria do on MySQL.

export interface Level {
  id: number;
  name: string;
  /** PersonAddress property, or null for a level mapped to no field. */
  field: string | null;
  required: boolean;
}

export interface Entry {
  id: number;
  name: string;
  uuid: string;
  userGeneratedId: string | null;
  parentId: number | null;
}

/** getOrderedAddressHierarchyLevels(): the top level (no parent), then each level's child. */
export async function orderedLevels(sql: Sql): Promise<Level[]> {
  const rows = await sql.rows(
    'SELECT address_hierarchy_level_id AS id, name, address_field, required, parent_level_id FROM address_hierarchy_level',
  );
  const tops = rows.filter((r) => r.parent_level_id === null);
  if (tops.length > 1) {
    throw new RestError(500, '', 'Unable to fetch top level address hierarchy type', 'AddressHierarchyModuleException');
  }
  const levels: Level[] = [];
  for (let level = tops.at(0); level; level = rows.find((r) => r.parent_level_id === level!.id)) {
    levels.push({
      id: Number(level.id),
      name: String(level.name),
      field: level.address_field === null ? null : String(level.address_field),
      required: Number(level.required) === 1,
    });
  }
  return levels;
}

const ENTRY_COLUMNS =
  'address_hierarchy_entry_id AS id, name, uuid, user_generated_id AS userGeneratedId, parent_id AS parentId';

export async function entries(sql: Sql, where: string, params: unknown[]): Promise<Entry[]> {
  const rows = await sql.rows(`SELECT ${ENTRY_COLUMNS} FROM address_hierarchy_entry WHERE ${where}`, params);
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    uuid: String(r.uuid),
    userGeneratedId: r.userGeneratedId === null ? null : String(r.userGeneratedId),
    parentId: r.parentId === null ? null : Number(r.parentId),
  }));
}

/**
 * getPossibleAddressHierarchyEntries(address, target) for an address that fills only levels above the
 * target: walk down from the top, keeping the entry named by each filled level, or all children.
 */
export async function entriesBelow(sql: Sql, levels: Level[], values: Map<string, string>, target: Level) {
  let found: Entry[] = [];
  for (const [depth, level] of levels.entries()) {
    const value = level.field ? values.get(level.field) : undefined;
    const byName = value === undefined ? '' : ' AND name = ?';
    const named = value === undefined ? [] : [value];
    if (depth === 0) found = await entries(sql, `level_id = ?${byName}`, [level.id, ...named]);
    else if (found.length === 0) return [];
    else found = await entries(sql, `parent_id IN (?)${byName}`, [found.map((e) => e.id), ...named]);
    if (level.id === target.id) return found;
  }
  return [];
}

/** Every leaf's names from the top down (the module's full address cache). */
export async function fullAddresses(sql: Sql): Promise<string[][]> {
  const all = await entries(sql, '1 = 1 ORDER BY address_hierarchy_entry_id', []);
  const byId = new Map(all.map((e) => [e.id, e]));
  const parents = new Set(all.map((e) => e.parentId));
  return all
    .filter((e) => !parents.has(e.id))
    .map((leaf) => {
      const names: string[] = [];
      for (let e: Entry | undefined = leaf; e; e = e.parentId === null ? undefined : byId.get(e.parentId)) {
        names.unshift(e.name);
      }
      return names;
    });
}

/** AddressHierarchyUtil.stripAccents. */
export const stripAccents = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]+/g, '');

/**
 * searchAddresses(searchString, level): full addresses (or, at a level, their names there) in which,
 * accents aside, every space-separated word of the search occurs, ignoring case.
 */
export function searchAddresses(addresses: string[][], search: string, levelIndex?: number): Set<string> {
  const words = stripAccents(search)
    .replace(/[/\\"'`~@#$%^&*()+{}[\]<>,.!?-]+/g, '')
    .split(' ');
  while (words.length > 0 && words.at(-1) === '') words.pop(); // as Java's String.split
  if (words.length === 0 || words[0].trim() === '') return new Set();
  const pick = (names: string[]) => (levelIndex === undefined ? names.join('|') : (names[levelIndex] ?? ''));
  return new Set(
    addresses
      .filter((names) => {
        const key = pick(names.map(stripAccents)).toLowerCase();
        return words.every((word) => key.includes(word.toLowerCase()));
      })
      .map(pick),
  );
}
