import type { Connection } from 'mysql2/promise';
import type { Connection as CoreConnection } from 'mysql2';
import { q } from './schema';

/** How rows get from a facility into the central database. */
export interface Transport {
  kind: 'same-server' | 'stream';
  central: Connection;
  /** The facility connection (the stream path reads through it). */
  source: Connection;
}

const BATCH_ROWS = 2000;

/**
 * Runs `select` on the facility and inserts its rows into `target` on the central database; returns
 * the number of rows. On one server this is a single INSERT … SELECT, with no row passing through
 * Node; across servers the rows stream in batched multi-row INSERTs.
 */
export async function copyRows(t: Transport, select: string, target: string, columns: string[]): Promise<number> {
  const into = `INSERT INTO ${q(target)} (${columns.map(q).join(', ')}) `;
  if (t.kind === 'same-server') {
    const [result] = (await t.central.query(into + select)) as unknown as [{ affectedRows: number }];
    return result.affectedRows;
  }
  const core = (t.source as unknown as { connection: CoreConnection }).connection;
  const stream = core.query({ sql: select, rowsAsArray: true }).stream({ highWaterMark: BATCH_ROWS });
  let batch: unknown[][] = [];
  let rows = 0;
  for await (const row of stream as AsyncIterable<unknown[]>) {
    batch.push(row);
    if (batch.length === BATCH_ROWS) {
      await t.central.query(`${into}VALUES ?`, [batch]);
      rows += batch.length;
      batch = [];
    }
  }
  if (batch.length) await t.central.query(`${into}VALUES ?`, [batch]);
  return rows + batch.length;
}
