import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { render, tablesOf, type Sql, type Table } from './sql';

/** Bytes one in-memory block may take: a ceiling, not an allocation (see `allowMemoryTables`). */
const MEMORY_TABLE_LIMIT = 1024 ** 3;

/**
 * Evaluates fragments on one connection, creating each `Table` block once as a temporary table so
 * that every indicator of a run shares it: one report run, a few seconds long.
 *
 * MySQL (5.7 and 8.0) cannot open a temporary table twice in one statement, so a statement that
 * refers to a table more than once gets copies for the later references.
 */
export class MaterialisingSession {
  private readonly tables = new Map<string, string>();
  private readonly copies = new Map<string, string[]>();
  private created: string[] = [];
  /** The session's own max_heap_table_size, restored on close once raised for in-memory blocks. */
  private heapLimit?: number;

  constructor(
    private readonly conn: Connection,
    /** Told every statement run, with its duration: benchmarks and the MySQL-compatibility test listen. */
    private readonly onStatement?: (text: string, ms: number) => void | Promise<void>,
  ) {}

  async rows<T extends RowDataPacket>(fragment: Sql): Promise<T[]> {
    const { text, values } = await this.prepare(fragment);
    return this.run<T[]>(text, values);
  }

  private async run<T extends RowDataPacket[] | ResultSetHeader>(text: string, values: unknown[] = []): Promise<T> {
    const started = performance.now();
    const [result] = await this.conn.query<T>({ sql: text, values, dateStrings: true });
    await this.onStatement?.(text, performance.now() - started);
    return result;
  }

  /** Drops the temporary tables (they would otherwise live as long as the connection). */
  async close(): Promise<void> {
    if (this.created.length) await this.run(`DROP TEMPORARY TABLE IF EXISTS ${this.created.join(', ')}`);
    if (this.heapLimit !== undefined) await this.run('SET SESSION max_heap_table_size = ?', [this.heapLimit]);
    this.heapLimit = undefined;
    this.created = [];
    this.tables.clear();
    this.copies.clear();
  }

  /** Names for the fragment's tables (materialising them), each name used once in the statement. */
  private async prepare(fragment: Sql): Promise<{ text: string; values: unknown[] }> {
    const names: string[] = [];
    const uses = new Map<string, number>();
    for (const t of tablesOf(fragment)) {
      const name = await this.materialise(t);
      const use = uses.get(name) ?? 0;
      uses.set(name, use + 1);
      names.push(use === 0 ? name : await this.copy(name, use));
    }
    let next = 0;
    return render(fragment, () => names[next++]);
  }

  private async materialise(t: Table): Promise<string> {
    const inline = render(t.body);
    const identity = `${t.table}\u0000${inline.text}\u0000${JSON.stringify(inline.values)}`;
    const existing = this.tables.get(identity);
    if (existing) return existing;
    const { text, values } = await this.prepare(t.body);
    const name = `poc_${t.table}_${this.tables.size + 1}`;
    const keys = t.keys
      .map(
        (columns, i) =>
          `${i === 0 && t.unique ? 'PRIMARY ' : ''}KEY ${t.inMemory ? 'USING BTREE ' : ''}(${columns.join(', ')})`,
      )
      .join(', ');
    if (t.inMemory) await this.allowMemoryTables();
    await this.run(
      `CREATE TEMPORARY TABLE ${name} ${keys ? `(${keys}) ` : ''}${t.inMemory ? 'ENGINE=MEMORY ' : ''}${text}`,
      values,
    );
    this.created.push(name);
    this.tables.set(identity, name);
    return name;
  }

  /**
   * MEMORY tables stop growing at max_heap_table_size (16 MiB by default); the session raises it to
   * MEMORY_TABLE_LIMIT while it lives. The 0.9 M FILAs of a 50,000-patient facility take ~45 MiB.
   */
  private async allowMemoryTables(): Promise<void> {
    if (this.heapLimit !== undefined) return;
    const [[row]] = await this.conn.query<RowDataPacket[]>('SELECT @@SESSION.max_heap_table_size AS n');
    this.heapLimit = Number(row.n);
    await this.run('SET SESSION max_heap_table_size = ?', [Math.max(this.heapLimit, MEMORY_TABLE_LIMIT)]);
  }

  /** The `use`-th copy of a temporary table (1 = first copy), made once. */
  private async copy(name: string, use: number): Promise<string> {
    const copies = this.copies.get(name) ?? [];
    while (copies.length < use) {
      const copy = `${name}_c${copies.length + 1}`;
      await this.run(`CREATE TEMPORARY TABLE ${copy} LIKE ${name}`);
      await this.run(`INSERT INTO ${copy} SELECT * FROM ${name}`);
      this.created.push(copy);
      copies.push(copy);
    }
    this.copies.set(name, copies);
    return copies[use - 1];
  }
}
