import type { Connection } from 'mysql2/promise';
import { copyRows } from './copy';
import { open, type Endpoint } from './endpoint';
import { sourceSelect, type QueryContext } from './queries';
import { MOZART_TABLES, q, TABLES, type MozartTable } from './schema';

/**
 * The largest first, so that the other connection works through the rest while the medication pivot
 * runs (docs/benchmarks.md); then every other table.
 */
const LARGEST: readonly MozartTable[] = ['medication', 'form', 'clinical_consultation', 'laboratory'];
const ORDER = [...LARGEST, ...MOZART_TABLES.filter((t) => !LARGEST.includes(t))];

/**
 * Measured on 2 cores: one connection per core, each loading whole tables. Splitting a table between
 * connections (by patient id) or a third connection was slower: their inserts contend for the same
 * index pages.
 */
const BULK_CONNECTIONS = 2;

/**
 * First load into an empty central database on the facility's own server: INSERT … SELECTs on
 * parallel connections. Not one transaction, but atomic in effect: the tables were empty, so on
 * any failure they are emptied again before the error propagates.
 */
export async function bulkLoad(
  centralEp: Endpoint,
  ctx: QueryContext,
  tune: (conn: Connection) => Promise<void>,
  onTable: (table: MozartTable, rows: number) => void,
): Promise<void> {
  const conns: Connection[] = [];
  try {
    for (let i = 0; i < BULK_CONNECTIONS; i++) {
      const conn = await open(centralEp.credentials, centralEp.database, centralEp.label);
      conns.push(conn);
      await tune(conn);
    }
    await eachInParallel(conns, ORDER, async (conn, table) => {
      const columns = [...TABLES[table].columns.map((c) => c.name), 'source_database'];
      const rows = await copyRows(
        { kind: 'same-server', central: conn, source: conn },
        sourceSelect(table, ctx),
        table,
        columns,
      );
      onTable(table, rows);
    });
  } catch (error) {
    if (conns.length) {
      for (const table of MOZART_TABLES) await conns[0].query(`TRUNCATE TABLE ${q(table)}`).catch(() => undefined);
    }
    throw error;
  } finally {
    for (const conn of conns) await conn.end().catch(() => undefined);
  }
}

/** Runs `work` over `items`, one item at a time per connection; the first failure stops the rest. */
async function eachInParallel<T>(
  conns: Connection[],
  items: readonly T[],
  work: (conn: Connection, item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  let failure: unknown;
  await Promise.all(
    conns.map(async (conn) => {
      while (queue.length && failure === undefined) {
        const item = queue.shift()!;
        try {
          await work(conn, item);
        } catch (error) {
          failure ??= error;
        }
      }
    }),
  );
  if (failure !== undefined) throw failure;
}
