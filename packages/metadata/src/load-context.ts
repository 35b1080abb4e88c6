import type mysql from 'mysql2/promise';
import { cell, int, retired, uuidOf, type Row } from './configuration';
import { assignIds, type IdMode } from './ids';
import { emptyCounts, syncTable, TableInfo, type Counts, type TableSpec, type Value, type Wanted } from './sync';

export interface LoadSummary {
  /** Rows inserted/updated/unchanged/removed per domain (all tables a domain writes). */
  domains: Record<string, Counts>;
  /** The same per table. */
  tables: Record<string, Counts>;
  /** uuid (lower case) → integer id of every configured row that has one. */
  ids: Map<string, number>;
}

/** What domain loaders share during one load: the connection, ids so far and the summary. */
export class LoadContext {
  readonly summary: LoadSummary = { domains: {}, tables: {}, ids: new Map() };
  private readonly info: TableInfo;

  constructor(
    readonly conn: mysql.Connection,
    private readonly mode: IdMode,
  ) {
    this.info = new TableInfo(conn);
  }

  /** Upserts rows into one table on behalf of a domain; returns uuid → id when the spec has a pk. */
  async sync(
    domain: string,
    spec: TableSpec,
    wanted: Wanted[],
    options: { quiet?: boolean } = {},
  ): Promise<Map<string, number>> {
    const { counts, ids } = await syncTable(this.conn, this.info, spec, wanted);
    // A quiet pass completes rows that an earlier pass of the same load already counted.
    for (const bucket of options.quiet
      ? []
      : [(this.summary.domains[domain] ??= emptyCounts()), (this.summary.tables[spec.table] ??= emptyCounts())]) {
      bucket.inserted += counts.inserted;
      bucket.updated += counts.updated;
      bucket.unchanged += counts.unchanged;
      bucket.removed += counts.removed;
    }
    for (const [uuid, id] of ids) this.summary.ids.set(uuid, id);
    return ids;
  }

  /**
   * The usual metadata table keyed by uuid: rows with an `EPTS id` are inserted with it (or with a
   * shuffled id), the others get auto-increment ids in file order.
   */
  async syncMetadata(
    domain: string,
    table: string,
    rows: Row[],
    values: (row: Row) => Record<string, Value> | Promise<Record<string, Value>>,
  ): Promise<void> {
    const pk = `${table}_id`;
    await this.syncWithIds(domain, { table, key: ['uuid'], pk }, rows, values);
  }

  async syncWithIds(
    domain: string,
    spec: TableSpec & { pk: string },
    rows: Row[],
    values: (row: Row) => Record<string, Value> | Promise<Record<string, Value>>,
  ): Promise<void> {
    const epts = rows.flatMap((r) => {
      const eptsId = int(r, 'EPTS id');
      return eptsId === null ? [] : [{ uuid: uuidOf(r), eptsId }];
    });
    const [[{ max }]] = await this.conn.query<mysql.RowDataPacket[]>(
      `SELECT COALESCE(MAX(\`${spec.pk}\`), 0) AS max FROM \`${spec.table}\``,
    );
    const ids = assignIds(this.mode, epts, Number(max));
    const wanted: Wanted[] = [];
    for (const row of rows) {
      const uuid = uuidOf(row);
      wanted.push({
        values: { uuid, ...(await values(row)) },
        id: ids.get(uuid.toLowerCase()),
        origin: `${row.file}:${row.line}`,
      });
    }
    await this.sync(domain, spec, wanted);
  }

  /** Integer id of a configured row, or of a row already in the database (core data). */
  async id(table: string, uuid: string, pk = `${table}_id`): Promise<number> {
    const known = this.summary.ids.get(uuid.toLowerCase());
    if (known !== undefined) return known;
    const [rows] = await this.conn.query<mysql.RowDataPacket[]>(
      `SELECT \`${pk}\` AS id FROM \`${table}\` WHERE uuid = ?`,
      [uuid],
    );
    if (rows.length === 0) throw new Error(`No ${table} with uuid ${uuid} in the database`);
    this.summary.ids.set(uuid.toLowerCase(), rows[0].id as number);
    return rows[0].id as number;
  }

  /** id by name; a non-retired row wins over retired ones of the same name. */
  async idsByName(table: string): Promise<Map<string, number>> {
    const [rows] = await this.conn.query<mysql.RowDataPacket[]>(
      `SELECT \`${table}_id\` AS id, name FROM \`${table}\` ORDER BY retired DESC, \`${table}_id\` DESC`,
    );
    return new Map(rows.map((r) => [r.name as string, r.id as number]));
  }

  /** id by (lower-case) uuid of every row already in a table. */
  async idsByUuid(table: string): Promise<Map<string, number>> {
    const [rows] = await this.conn.query<mysql.RowDataPacket[]>(`SELECT \`${table}_id\` AS id, uuid FROM \`${table}\``);
    return new Map(rows.map((r) => [String(r.uuid).toLowerCase(), r.id as number]));
  }

  async optionalId(table: string, uuid: string | null, pk?: string): Promise<number | null> {
    return uuid === null ? null : this.id(table, uuid, pk);
  }
}

/** Columns every retirable metadata row shares. */
export function nameDescription(row: Row, name = 'Name'): Record<string, Value> {
  return { name: cell(row, name), description: cell(row, 'Description'), retired: retired(row) };
}
