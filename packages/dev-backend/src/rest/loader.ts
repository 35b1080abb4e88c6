import type { Row, Sql } from '../database';

// Rows by key, batched: the lookups queued while a representation is being built go into one
// `WHERE key IN (…)` per table, so a page of 50 locations costs a query per nesting level, not
// one per location. The same for the rows a parent owns (a page of patients' names, addresses,
// identifiers), which are not cached: a request that writes them reads them again afterwards.

interface Batch {
  keys: Set<unknown>;
  rows: Promise<Map<string, Row>>;
}

interface OwnedBatch {
  keys: Set<unknown>;
  rows: Promise<Map<string, Row[]>>;
}

export class RowLoader {
  private readonly cache = new Map<string, Promise<Row | undefined>>();
  private readonly pending = new Map<string, Batch>();
  private readonly pendingOwned = new Map<string, OwnedBatch>();

  constructor(private readonly sql: Sql) {}

  load(table: string, keyColumn: string, key: unknown): Promise<Row | undefined> {
    if (key === null || key === undefined) return Promise.resolve(undefined);
    const cacheKey = `${table}.${keyColumn}:${String(key)}`;
    let row = this.cache.get(cacheKey);
    if (!row) {
      const batch = this.batch(table, keyColumn);
      batch.keys.add(key);
      row = batch.rows.then((rows) => rows.get(String(key)));
      this.cache.set(cacheKey, row);
    }
    return row;
  }

  private batch(table: string, keyColumn: string): Batch {
    const id = `${table}.${keyColumn}`;
    const existing = this.pending.get(id);
    if (existing) return existing;
    const keys = new Set<unknown>();
    const rows = new Promise<Map<string, Row>>((resolve, reject) => {
      // Runs once the current wave of property evaluations has queued its lookups.
      setImmediate(() => {
        this.pending.delete(id);
        this.sql
          .rows(`SELECT * FROM \`${table}\` WHERE \`${keyColumn}\` IN (?)`, [[...keys]])
          .then((found) => resolve(new Map(found.map((r) => [String(r[keyColumn]), r]))), reject);
      });
    });
    const batch = { keys, rows };
    this.pending.set(id, batch);
    return batch;
  }

  /** The rows of `table` not voided whose `keyColumn` is `key`, in `orderBy` order. */
  owned(table: string, keyColumn: string, key: unknown, orderBy: string): Promise<Row[]> {
    const id = `${table}.${keyColumn}.${orderBy}`;
    let batch = this.pendingOwned.get(id);
    if (!batch) {
      const keys = new Set<unknown>();
      const rows = new Promise<Map<string, Row[]>>((resolve, reject) => {
        setImmediate(() => {
          this.pendingOwned.delete(id);
          this.sql
            .rows(`SELECT * FROM \`${table}\` WHERE \`${keyColumn}\` IN (?) AND voided = 0 ORDER BY ${orderBy}`, [
              [...keys],
            ])
            .then((found) => {
              const byKey = new Map<string, Row[]>();
              for (const row of found) {
                const k = String(row[keyColumn]);
                (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(row);
              }
              resolve(byKey);
            }, reject);
        });
      });
      batch = { keys, rows };
      this.pendingOwned.set(id, batch);
    }
    batch.keys.add(key);
    return batch.rows.then((rows) => rows.get(String(key)) ?? []);
  }
}
