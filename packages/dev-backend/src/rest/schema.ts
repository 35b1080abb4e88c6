import type { Sql } from '../database';

// Column facts read from the database itself, so validation needs no hand-kept length tables. All
// tables are read once, when the server starts: a write must never need a second connection from the
// pool while it holds one in its transaction.

export interface ColumnInfo {
  name: string;
  nullable: boolean;
  hasDefault: boolean;
  maxLength: number | null;
}

export class Schema {
  private tables?: Map<string, Map<string, ColumnInfo>>;

  async load(sql: Sql): Promise<void> {
    const rows = await sql.rows<{
      TABLE_NAME: string;
      COLUMN_NAME: string;
      IS_NULLABLE: string;
      COLUMN_DEFAULT: string | null;
      EXTRA: string;
      CHARACTER_MAXIMUM_LENGTH: number | null;
    }>(
      'SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION',
    );
    const tables = new Map<string, Map<string, ColumnInfo>>();
    for (const r of rows) {
      if (!tables.has(r.TABLE_NAME)) tables.set(r.TABLE_NAME, new Map());
      tables.get(r.TABLE_NAME)!.set(r.COLUMN_NAME, {
        name: r.COLUMN_NAME,
        nullable: r.IS_NULLABLE === 'YES',
        hasDefault: r.COLUMN_DEFAULT !== null || r.EXTRA.includes('auto_increment'),
        maxLength: r.CHARACTER_MAXIMUM_LENGTH === null ? null : Number(r.CHARACTER_MAXIMUM_LENGTH),
      });
    }
    this.tables = tables;
  }

  /** The columns of `table` (none for a table the database lacks). */
  columns(table: string): Map<string, ColumnInfo> {
    if (!this.tables) throw new Error('Schema.load() has not run');
    return this.tables.get(table) ?? new Map();
  }
}
