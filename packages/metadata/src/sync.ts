import type mysql from 'mysql2/promise';

// Upsert of configured rows into one table: insert what is missing, update only the columns that
// differ, and leave everything else alone, so that a second load writes nothing at all.

export type Value = string | number | boolean | null;

export interface Wanted {
  /** Column values; must include the key columns. */
  values: Record<string, Value>;
  /** Primary key to insert with (an EPTS id, or a role's name); otherwise auto-increment. */
  id?: number | string;
  /** Values written only when the row is inserted (e.g. a global property's uuid). */
  insertOnly?: Record<string, Value>;
  /** Where the row comes from, for error messages. */
  origin?: string;
}

export interface TableSpec {
  table: string;
  /** Columns that identify a row: usually ['uuid']. */
  key: string[];
  /** Primary key column, when the caller needs it back or assigns it. */
  pk?: string;
  /**
   * Rows of the table outside `wanted` but inside this scope (e.g. the names of the configured
   * concepts) no longer exist in the configuration: delete them, or void them where the table
   * keeps history.
   */
  stale?: { column: string; values: Value[]; action: 'delete' | 'void' };
}

export interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export const emptyCounts = (): Counts => ({ inserted: 0, updated: 0, unchanged: 0, removed: 0 });

type DbRow = Record<string, unknown>;

const CHUNK = 500;

/** Audit columns a table has, read once per connection. */
export class TableInfo {
  private readonly cache = new Map<string, Set<string>>();

  constructor(private readonly conn: mysql.Connection) {}

  async columns(table: string): Promise<Set<string>> {
    let columns = this.cache.get(table);
    if (!columns) {
      const [rows] = await this.conn.query<mysql.RowDataPacket[]>(
        'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
        [table],
      );
      columns = new Set(rows.map((r) => r.name as string));
      if (columns.size === 0) throw new Error(`Table ${table} does not exist`);
      this.cache.set(table, columns);
    }
    return columns;
  }
}

const keyOf = (key: string[], values: Record<string, unknown>): string =>
  key.map((k) => String(values[k]).toLowerCase()).join('\u0000');

function same(db: unknown, wanted: Value): boolean {
  if (wanted === null) return db === null;
  if (db === null || db === undefined) return false;
  if (typeof wanted === 'boolean') return Number(db) === (wanted ? 1 : 0);
  if (typeof wanted === 'number') return Number(db) === wanted;
  return String(db) === wanted;
}

/** Audit values that go with a change of `retired` or `voided`. */
function lifecycle(columns: Set<string>, values: Record<string, Value>, inserting: boolean): Record<string, Value> {
  const extra: Record<string, Value> = {};
  for (const [flagColumn, by, date, reasons, reason] of [
    ['retired', 'retired_by', 'date_retired', ['retire_reason', 'retired_reason'], 'Retired in the configuration'],
    ['voided', 'voided_by', 'date_voided', ['void_reason'], 'Removed from the configuration'],
  ] as const) {
    if (!(flagColumn in values) || !columns.has(by)) continue;
    const on = values[flagColumn] === true;
    if (inserting && !on) continue;
    extra[by] = on ? 1 : null;
    extra[date] = on ? NOW : null;
    for (const r of reasons) if (columns.has(r)) extra[r] = on ? reason : null;
  }
  return extra;
}

/** Marker for NOW() in generated SQL. */
const NOW = '\u0000NOW';

function sqlValue(v: Value): { sql: string; params: Value[] } {
  return v === NOW ? { sql: 'NOW()', params: [] } : { sql: '?', params: [v] };
}

export async function syncTable(
  conn: mysql.Connection,
  info: TableInfo,
  spec: TableSpec,
  wanted: Wanted[],
): Promise<{ counts: Counts; ids: Map<string, number> }> {
  const columns = await info.columns(spec.table);
  const counts = emptyCounts();
  const [existingRows] = await conn.query<mysql.RowDataPacket[]>(`SELECT * FROM \`${spec.table}\``);
  const existing = new Map<string, DbRow>(existingRows.map((r) => [keyOf(spec.key, r), r]));
  const byPk = spec.pk ? new Map(existingRows.map((r) => [String(r[spec.pk!]).toLowerCase(), r])) : undefined;

  const inserts: Wanted[] = [];
  const seen = new Set<string>();
  for (const w of wanted) {
    const key = keyOf(spec.key, w.values);
    seen.add(key);
    const row = existing.get(key);
    if (!row) {
      inserts.push(w);
      continue;
    }
    const changed = Object.entries(w.values).filter(([c, v]) => !same(row[c], v));
    if (changed.length === 0) {
      counts.unchanged++;
      continue;
    }
    const set: Record<string, Value> = Object.fromEntries(changed);
    if ('retired' in set || 'voided' in set) Object.assign(set, lifecycle(columns, set, false));
    if (columns.has('changed_by')) Object.assign(set, { changed_by: 1, date_changed: NOW });
    await update(conn, spec, set, row);
    counts.updated++;
  }

  if (byPk) {
    for (const w of inserts) {
      const occupant = w.id === undefined ? undefined : byPk.get(String(w.id).toLowerCase());
      if (occupant) {
        throw new Error(
          `${spec.table}: ${spec.pk} ${w.id} is already used by uuid ${occupant.uuid}, ` +
            `so it cannot be given to uuid ${w.values.uuid}${w.origin ? ` (${w.origin})` : ''}`,
        );
      }
    }
  }
  // Rows with a fixed id first, so that auto-increment ids come after all of them.
  const fixed = inserts.filter((w) => w.id !== undefined);
  const auto = inserts.filter((w) => w.id === undefined);
  for (const batch of [fixed, auto]) {
    for (let i = 0; i < batch.length; i += CHUNK) await insert(conn, spec, columns, batch.slice(i, i + CHUNK));
  }
  counts.inserted = inserts.length;

  if (spec.stale) counts.removed = await removeStale(conn, spec, columns, existingRows, seen);

  const ids = new Map<string, number>();
  if (spec.pk && spec.key.length === 1 && spec.key[0] === 'uuid') {
    for (const r of existingRows) {
      if (typeof r[spec.pk] === 'number') ids.set(String(r.uuid).toLowerCase(), r[spec.pk] as number);
    }
    const newUuids = inserts.map((w) => w.values.uuid);
    for (let i = 0; i < newUuids.length; i += CHUNK) {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(
        `SELECT \`${spec.pk}\` AS id, uuid FROM \`${spec.table}\` WHERE uuid IN (?)`,
        [newUuids.slice(i, i + CHUNK)],
      );
      for (const r of rows) if (typeof r.id === 'number') ids.set(String(r.uuid).toLowerCase(), r.id);
    }
  }
  return { counts, ids };
}

async function update(conn: mysql.Connection, spec: TableSpec, set: Record<string, Value>, row: DbRow): Promise<void> {
  const assignments = Object.entries(set).map(([c, v]) => ({ c, ...sqlValue(v) }));
  const where = spec.key.map((k) => `\`${k}\` = ?`).join(' AND ');
  await conn.query(
    `UPDATE \`${spec.table}\` SET ${assignments.map((a) => `\`${a.c}\` = ${a.sql}`).join(', ')} WHERE ${where}`,
    [...assignments.flatMap((a) => a.params), ...spec.key.map((k) => row[k])],
  );
}

async function insert(conn: mysql.Connection, spec: TableSpec, columns: Set<string>, batch: Wanted[]): Promise<void> {
  if (batch.length === 0) return;
  const rows = batch.map((w) => {
    const values: Record<string, Value> = { ...w.insertOnly, ...w.values, ...lifecycle(columns, w.values, true) };
    if (w.id !== undefined && spec.pk) values[spec.pk] = w.id;
    if (columns.has('creator')) values.creator = 1;
    if (columns.has('date_created')) values.date_created = NOW;
    return values;
  });
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const params: Value[] = [];
  const tuples = rows.map((r) => {
    const parts = names.map((n) => {
      if (!(n in r)) return 'DEFAULT';
      const v = sqlValue(r[n]);
      params.push(...v.params);
      return v.sql;
    });
    return `(${parts.join(', ')})`;
  });
  await conn.query(
    `INSERT INTO \`${spec.table}\` (${names.map((n) => `\`${n}\``).join(', ')}) VALUES ${tuples.join(', ')}`,
    params,
  );
}

async function removeStale(
  conn: mysql.Connection,
  spec: TableSpec,
  columns: Set<string>,
  existingRows: DbRow[],
  seen: Set<string>,
): Promise<number> {
  const { column, values, action } = spec.stale!;
  const scope = new Set(values.map((v) => String(v).toLowerCase()));
  const stale = existingRows.filter(
    (r) =>
      scope.has(String(r[column]).toLowerCase()) &&
      !seen.has(keyOf(spec.key, r)) &&
      !(action === 'void' && Number(r.voided) === 1),
  );
  for (const row of stale) {
    if (action === 'delete') {
      const where = spec.key.map((k) => `\`${k}\` = ?`).join(' AND ');
      await conn.query(
        `DELETE FROM \`${spec.table}\` WHERE ${where}`,
        spec.key.map((k) => row[k]),
      );
    } else {
      const set = { voided: true, ...lifecycle(columns, { voided: true }, false) };
      await update(conn, spec, set, row);
    }
  }
  return stale.length;
}
