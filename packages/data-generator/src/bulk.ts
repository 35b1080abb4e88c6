import { PassThrough } from 'node:stream';
import type { Connection } from 'mysql2/promise';
import { connect, killConnections } from '@poc-emr/db';
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
  private aborted = false;

  private constructor() {}

  static async open(database: string): Promise<BulkLoader> {
    const loader = new BulkLoader();
    for (const table of Object.keys(COLUMNS) as Table[]) {
      const conn = await connect({ database });
      // Small tables may wait minutes between chunks while obs streams: the server must not time out.
      await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0, net_read_timeout = 3600');
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
    if (this.aborted) return;
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
      if (this.aborted) return;
      if (ch.stream.writableNeedDrain) await new Promise((resolve) => ch.stream.once('drain', resolve));
    }
  }

  rowCounts(): Record<Table, number> {
    return Object.fromEntries([...this.channels].map(([t, ch]) => [t, ch.rows])) as Record<Table, number>;
  }

  /**
   * Ends every stream and waits for every LOAD DATA. A failure, a row count that differs from what
   * was sent, or a warning (LOAD DATA turns bad values into warnings, not errors) fails the load.
   */
  async finish(): Promise<void> {
    for (const ch of this.channels.values()) {
      this.flush(ch);
      ch.stream.end();
    }
    try {
      for (const [table, ch] of this.channels) {
        let result: { affectedRows: number; warningStatus: number };
        try {
          [result] = (await ch.done) as [typeof result];
        } catch (error) {
          throw new Error(`Loading ${table} failed: ${(error as Error).message}`);
        }
        if (result.warningStatus > 0) {
          const [warnings] = (await ch.conn.query('SHOW WARNINGS LIMIT 3')) as unknown as [Array<{ Message: string }>];
          throw new Error(
            `Loading ${table} gave ${result.warningStatus} warning(s): ${warnings.map((w) => w.Message).join('; ')}`,
          );
        }
        if (result.affectedRows !== ch.rows) {
          throw new Error(`${table}: wrote ${ch.rows} rows but the database loaded ${result.affectedRows}`);
        }
      }
    } finally {
      await Promise.allSettled([...this.channels.values()].map((ch) => ch.done));
      await this.close();
    }
  }

  /**
   * Stops every load at once: the server ends the connections and rolls each LOAD DATA back (ending the
   * streams alone leaves the server waiting for the rest of the file). Later writes are dropped.
   */
  async abort(): Promise<void> {
    if (this.aborted) return;
    this.aborted = true;
    const channels = [...this.channels.values()];
    await killConnections(channels.map((ch) => ch.conn.threadId));
    for (const ch of channels) {
      // A stream waiting for the server to read it would never signal drain again.
      ch.stream.emit('drain');
      ch.stream.destroy();
    }
    await Promise.allSettled(channels.map((ch) => ch.done));
    await this.close();
  }

  private async close(): Promise<void> {
    await Promise.allSettled([...this.channels.values()].map((ch) => ch.conn.end()));
  }
}
