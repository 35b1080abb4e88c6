import type mysql from 'mysql2/promise';
import { pool } from '@poc-emr/db';

export type Row = Record<string, unknown>;

/** What resources query through: the pool, or the one connection of a write transaction. */
export interface Sql {
  rows<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  execute(sql: string, params?: unknown[]): Promise<{ insertId: number; affectedRows: number }>;
  /** Runs `work` on one connection, for statements that depend on the one before (FOUND_ROWS()). */
  pinned<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one connection inside a transaction: all of it commits, or none of it. Inside a
   * transaction it joins that one: a write never asks the pool for a second connection while it holds
   * one, so writes cannot wait on each other for the pool (eight at once used to freeze the server).
   * Transactions read committed rows, so a check made after taking a lock sees what the holder wrote.
   */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

function over(target: mysql.Pool | mysql.PoolConnection, inTransaction = false): Sql {
  const sql: Sql = {
    async rows<T extends Row>(text: string, params: unknown[] = []) {
      const [rows] = await target.query(text, params);
      return rows as T[];
    },
    async execute(text: string, params: unknown[] = []) {
      const [result] = await target.query(text, params);
      const { insertId, affectedRows } = result as mysql.ResultSetHeader;
      return { insertId, affectedRows };
    },
    async pinned<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      if (!('getConnection' in target)) return work(sql);
      const conn = await target.getConnection();
      try {
        return await work(over(conn));
      } finally {
        conn.release();
      }
    },
    async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      if (inTransaction) return work(sql);
      // InnoDB chose this transaction as a deadlock's victim and rolled it back: it is run again.
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(work);
        } catch (error) {
          if ((error as { code?: string }).code !== 'ER_LOCK_DEADLOCK' || attempt === DEADLOCK_ATTEMPTS) throw error;
        }
      }
    },
  };
  async function once<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const conn = 'getConnection' in target ? await target.getConnection() : target;
    try {
      await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await conn.beginTransaction();
      try {
        const result = await work(over(conn, true));
        await conn.commit();
        return result;
      } catch (error) {
        await conn.rollback();
        throw error;
      }
    } finally {
      if (conn !== target) (conn as mysql.PoolConnection).release();
    }
  }
  return sql;
}

const DEADLOCK_ATTEMPTS = 3;

/** A request's own statements: at most `width` at once, and those still waiting dropped when it ends. */
export interface RequestSql extends Sql {
  /** The request is over: statements still waiting fail with `reason` and none start. */
  cancel(reason: Error): void;
}

/**
 * `sql` letting at most `width` statements of one request run at once; the others wait in the
 * request's own queue rather than the pool's. A request that asks for thousands of rows (a deep
 * custom representation) then holds `width` connections, never the whole pool, and every other
 * request's statements go in between its own.
 */
export function throttled(sql: Sql, width: number): RequestSql {
  let running = 0;
  let cancelled: Error | undefined;
  const waiting: Array<{ start(): void; fail(reason: Error): void }> = [];
  const slot = async <T>(work: () => Promise<T>): Promise<T> => {
    if (cancelled) throw cancelled;
    if (running < width) running++;
    // The slot of the statement that ends is handed over as it is.
    else await new Promise<void>((start, fail) => waiting.push({ start, fail }));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next.start();
      else running--;
    }
  };
  return {
    rows: <T extends Row>(text: string, params?: unknown[]) => slot(() => sql.rows<T>(text, params)),
    execute: (text, params) => slot(() => sql.execute(text, params)),
    pinned: (work) => sql.pinned(work),
    transaction: (work) => sql.transaction(work),
    cancel(reason) {
      cancelled = reason;
      for (const statement of waiting.splice(0)) statement.fail(reason);
    },
  };
}

export interface Database extends Sql {
  close(): Promise<void>;
}

export interface DatabaseOptions {
  connections?: number;
  /** MariaDB's max_statement_time for every statement of the pool; 0 = none. */
  statementTimeoutMs?: number;
}

/** `options` may be just the number of connections. */
export function openDatabase(name: string, options: DatabaseOptions | number = {}): Database {
  if (typeof options === 'number') options = { connections: options };
  const shared = pool(name, options.connections ?? 8);
  const timeout = options.statementTimeoutMs ?? 0;
  if (timeout > 0) {
    // Queued before anything else the new connection is asked to do.
    shared.on('connection', (conn) => {
      const core = conn as unknown as { query(sql: string, done: (error: Error | null) => void): void };
      core.query(`SET SESSION max_statement_time = ${timeout / 1000}`, (error) => {
        if (error) console.error('Could not set max_statement_time:', error.message);
      });
    });
  }
  return { ...over(shared), close: () => shared.end() };
}

/** Escapes LIKE wildcards so that user input only ever matches literally. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function likeInfix(text: string): string {
  return `%${likePrefix(text)}`;
}

/** For each word of `q`, the condition that it starts a word of `column` (a name), with its parameters. */
export function wordStarts(q: string, column: string): Array<{ where: string; params: string[] }> {
  return q
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => ({
      where: `(${column} LIKE ? OR ${column} LIKE ?)`,
      params: [likePrefix(word), `% ${likePrefix(word)}`],
    }));
}
