import type { Connection } from 'mysql2/promise';
import { copyRows } from './copy';
import { open, type Endpoint } from './endpoint';
import { sourceSelect, type QueryContext } from './queries';
import { MOZART_TABLES, q, TABLES, type MozartTable } from './schema';

/**
 * Most expensive first, so the connections finish together; the large ones are split in halves by
 * patient id so that neither connection waits on one long statement (docs/benchmarks.md).
 */
const TASKS: Array<{ table: MozartTable; parts: number }> = [
  { table: 'medication', parts: 2 },
  { table: 'form', parts: 2 },
  { table: 'clinical_consultation', parts: 2 },
  { table: 'laboratory', parts: 2 },
  { table: 'patient_state', parts: 1 },
  { table: 'observation', parts: 1 },
  { table: 'identifier', parts: 1 },
  { table: 'patient', parts: 1 },
  { table: 'location', parts: 1 },
  { table: 'observation_lookup', parts: 1 },
];

/** Measured on 2 cores: 3 connections overlap one statement's I/O waits with the others' CPU. */
export const BULK_CONNECTIONS = 3;

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
  const pending = new Map(TASKS.map((t) => [t.table, { parts: t.parts, rows: 0 }]));
  const work = TASKS.flatMap((t) =>
    Array.from({ length: t.parts }, (_, index) => ({ table: t.table, index, count: t.parts })),
  );
  try {
    for (let i = 0; i < BULK_CONNECTIONS; i++) {
      const conn = await open(centralEp.credentials, centralEp.database, centralEp.label);
      conns.push(conn);
      await tune(conn);
    }
    await eachInParallel(conns, work, async (conn, { table, index, count }) => {
      const columns = [...TABLES[table].columns.map((c) => c.name), 'source_database'];
      const select = sourceSelect(table, count > 1 ? { ...ctx, partition: { index, count } } : ctx);
      const rows = await copyRows({ kind: 'same-server', central: conn, source: conn }, select, table, columns);
      const p = pending.get(table)!;
      p.rows += rows;
      if (--p.parts === 0) onTable(table, p.rows);
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
