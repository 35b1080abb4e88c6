import type mysql from 'mysql2/promise';
import { pool } from '@poc-emr/db';

export type Row = Record<string, unknown>;

/** What resources query through: the pool, or the one connection of a write transaction. */
export interface Sql {
  rows<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  execute(sql: string, params?: unknown[]): Promise<{ insertId: number; affectedRows: number }>;
  /** Runs `work` on one connection, for statements that depend on the one before (FOUND_ROWS()). */
  pinned<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

function over(target: mysql.Pool | mysql.PoolConnection): Sql {
  const sql: Sql = {
    async rows<T extends Row>(sql: string, params: unknown[] = []) {
      const [rows] = await target.query(sql, params);
      return rows as T[];
    },
    async execute(sql: string, params: unknown[] = []) {
      const [result] = await target.query(sql, params);
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
  };
  return sql;
}

export interface Database extends Sql {
  /** Runs `work` on one connection inside a transaction: all of it commits, or none of it. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openDatabase(name: string, connections = 8): Database {
  const shared = pool(name, connections);
  return {
    ...over(shared),
    async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      const conn = await shared.getConnection();
      try {
        await conn.beginTransaction();
        const result = await work(over(conn));
        await conn.commit();
        return result;
      } catch (error) {
        await conn.rollback();
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => shared.end(),
  };
}

/** Escapes LIKE wildcards so that user input only ever matches literally. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function likeInfix(text: string): string {
  return `%${likePrefix(text)}`;
}
