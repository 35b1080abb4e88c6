import { PassThrough } from 'node:stream';
import type { Connection } from 'mysql2/promise';
import { connect } from '@poc-emr/db';
import { COLUMNS, type RowSink, type Table } from './records';

const CHUNK_BYTES = 1 << 20;

interface Channel {
  conn: Connection;
  stream: PassThrough;
  chunk: Buffer;
  used: number;
  rows: number;
  done: Promise<unknown>;
}

/**
 * Streams rows into every table at once: one connection per table runs LOAD DATA LOCAL INFILE
 * fed by an in-memory stream, with foreign-key and unique checks off for the session (the
 * generator assigns every key itself). Rows are buffered and flushed in 1 MiB chunks.
 */
export class BulkLoader implements RowSink {
  private readonly channels = new Map<Table, Channel>();

  private constructor() {}

  static async open(database: string): Promise<BulkLoader> {
    const loader = new BulkLoader();
    for (const table of Object.keys(COLUMNS) as Table[]) {
      const conn = await connect({ database });
      await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0, sql_log_bin = 0');
      const stream = new PassThrough();
      const sql =
        `LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 ` +
        `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${COLUMNS[table].join(', ')})`;
      const done = conn.query({ sql, infileStreamFactory: () => stream });
      // Keep a failure until finish() awaits it, without an unhandled rejection in between.
      done.catch(() => undefined);
      loader.channels.set(table, { conn, stream, chunk: Buffer.allocUnsafe(CHUNK_BYTES), used: 0, rows: 0, done });
    }
    return loader;
  }

  write(table: Table, line: string): void {
    const ch = this.channels.get(table)!;
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (ch.used + line.length * 3 > CHUNK_BYTES) this.flush(ch);
    ch.used += ch.chunk.write(line, ch.used, 'utf8');
    ch.rows++;
  }

  private flush(ch: Channel): void {
    if (ch.used === 0) return;
    ch.stream.write(ch.chunk.subarray(0, ch.used));
    ch.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    ch.used = 0;
  }

  /** Waits while the database is behind, so memory stays bounded on large facilities. */
  async drain(): Promise<void> {
    for (const ch of this.channels.values()) {
      if (ch.stream.writableNeedDrain) await new Promise((resolve) => ch.stream.once('drain', resolve));
    }
  }

  rowCounts(): Record<Table, number> {
    return Object.fromEntries([...this.channels].map(([t, ch]) => [t, ch.rows])) as Record<Table, number>;
  }

  /** Ends every stream and waits for every LOAD DATA; the first failure is rethrown. */
  async finish(): Promise<void> {
    for (const ch of this.channels.values()) {
      this.flush(ch);
      ch.stream.end();
    }
    const results = await Promise.allSettled([...this.channels.values()].map((ch) => ch.done));
    await this.close();
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) throw failed.reason;
    for (const [table, ch] of this.channels) {
      const [result] = (await ch.done) as [{ affectedRows: number; warningStatus: number }];
      if (result.affectedRows !== ch.rows) {
        throw new Error(`${table}: wrote ${ch.rows} rows but the database loaded ${result.affectedRows}`);
      }
    }
  }

  async abort(): Promise<void> {
    for (const ch of this.channels.values()) ch.stream.destroy(new Error('aborted'));
    await Promise.allSettled([...this.channels.values()].map((ch) => ch.done));
    await this.close();
  }

  private async close(): Promise<void> {
    await Promise.allSettled([...this.channels.values()].map((ch) => ch.conn.end()));
  }
}
