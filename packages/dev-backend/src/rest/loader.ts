import type { Row, Sql } from '../database';

// Rows by key, batched: the lookups queued while a representation is being built go into one
// `WHERE key IN (…)` per table, so a page of 50 locations costs a query per nesting level, not
// one per location. The same for the rows a parent owns (a page of patients' names, addresses,
// identifiers), which are not cached: a request that writes them reads them again afterwards.

interface Batch {
  keys: Set<unknown>;
  /** The rows found, by their key column's value. */
  rows: Promise<Map<string, Row[]>>;
}

export class RowLoader {
  private readonly cache = new Map<string, Promise<Row | undefined>>();
  private readonly pending = new Map<string, Batch>();

  constructor(private readonly sql: Sql) {}

  load(table: string, keyColumn: string, key: unknown): Promise<Row | undefined> {
    if (key === null || key === undefined) return Promise.resolve(undefined);
    const cacheKey = `${table}.${keyColumn}:${String(key)}`;
    let row = this.cache.get(cacheKey);
    if (!row) {
      row = this.queue(table, keyColumn, key, '').then((rows) => rows[0]);
      this.cache.set(cacheKey, row);
    }
    return row;
  }

  /** The rows of `table` not voided whose `keyColumn` is `key`, in `orderBy` order. */
  owned(table: string, keyColumn: string, key: unknown, orderBy: string): Promise<Row[]> {
    return this.queue(table, keyColumn, key, ` AND voided = 0 ORDER BY ${orderBy}`);
  }

  /** Adds `key` to the one query of this wave that selects `table` by `keyColumn` with `rest`. */
  private queue(table: string, keyColumn: string, key: unknown, rest: string): Promise<Row[]> {
    const query = `SELECT * FROM \`${table}\` WHERE \`${keyColumn}\` IN (?)${rest}`;
    let batch = this.pending.get(query);
    if (!batch) {
      const keys = new Set<unknown>();
      const rows = new Promise<Map<string, Row[]>>((resolve, reject) => {
        // Runs once the current wave of property evaluations has queued its lookups.
        setImmediate(() => {
          this.pending.delete(query);
          this.sql.rows(query, [[...keys]]).then((found) => {
            const byKey = new Map<string, Row[]>();
            for (const r of found) {
              const k = String(r[keyColumn]);
              (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(r);
            }
            resolve(byKey);
          }, reject);
        });
      });
      batch = { keys, rows };
      this.pending.set(query, batch);
    }
    batch.keys.add(key);
    return batch.rows.then((rows) => rows.get(String(key)) ?? []);
  }
}
