import type { Sql } from '../database';

// Column facts read from the database itself, so validation needs no hand-kept length tables.

export interface ColumnInfo {
  name: string;
  nullable: boolean;
  hasDefault: boolean;
  maxLength: number | null;
}

export class Schema {
  private readonly tables = new Map<string, Promise<Map<string, ColumnInfo>>>();

  constructor(private readonly sql: Sql) {}

  columns(table: string): Promise<Map<string, ColumnInfo>> {
    let columns = this.tables.get(table);
    if (!columns) {
      columns = this.read(table);
      this.tables.set(table, columns);
    }
    return columns;
  }

  private async read(table: string): Promise<Map<string, ColumnInfo>> {
    const rows = await this.sql.rows<{
      COLUMN_NAME: string;
      IS_NULLABLE: string;
      COLUMN_DEFAULT: string | null;
      EXTRA: string;
      CHARACTER_MAXIMUM_LENGTH: number | null;
    }>(
      'SELECT COLUMN_NAME, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
      [table],
    );
    return new Map(
      rows.map((r) => [
        r.COLUMN_NAME,
        {
          name: r.COLUMN_NAME,
          nullable: r.IS_NULLABLE === 'YES',
          hasDefault: r.COLUMN_DEFAULT !== null || r.EXTRA.includes('auto_increment'),
          maxLength: r.CHARACTER_MAXIMUM_LENGTH === null ? null : Number(r.CHARACTER_MAXIMUM_LENGTH),
        },
      ]),
    );
  }
}
