import type { Sql } from './database';

/** A global property's value, or `fallback` when it is absent or blank. */
export async function globalProperty(sql: Sql, property: string, fallback: string): Promise<string> {
  const [row] = await sql.rows<{ property_value: string | null }>(
    'SELECT property_value FROM global_property WHERE property = ?',
    [property],
  );
  const value = row?.property_value?.trim();
  return value ? value : fallback;
}

export async function integerProperty(sql: Sql, property: string, fallback: number): Promise<number> {
  const value = Number.parseInt(await globalProperty(sql, property, String(fallback)), 10);
  return Number.isNaN(value) ? fallback : value;
}

/** `locale.allowed.list`, in the order it is written. */
export async function allowedLocales(sql: Sql): Promise<string[]> {
  const list = await globalProperty(sql, 'locale.allowed.list', 'en');
  return list
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
