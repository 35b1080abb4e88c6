// SQL as values: fragments carry their text and parameters together, so building blocks compose by
// nesting and every value reaches the server as a bound parameter, never spliced into the text.

export interface Sql {
  readonly strings: readonly string[];
  /** Bound parameters, and `Table`s that a run materialises once and names (see `table`). */
  readonly values: readonly unknown[];
}

/**
 * A block that a report run materialises once as a temporary table (indexed by `keys`) and shares
 * between every indicator that uses it; rendered alone it is an ordinary derived table. Interpolate
 * it where a table goes: `FROM ${t} alias`.
 */
export interface Table {
  readonly table: string;
  readonly keys: readonly (readonly string[])[];
  readonly body: Sql;
  /** The first key is the primary key: a duplicate row is an engine bug and fails the run. */
  readonly unique?: boolean;
  /**
   * Held in memory (the MEMORY engine, B-tree keys) rather than InnoDB: for the large, narrow scans
   * every later block reads, filled in a third less time. No TEXT/BLOB columns.
   */
  readonly inMemory?: boolean;
}

export function table(
  name: string,
  keys: readonly (readonly string[])[],
  body: Sql,
  options: { unique?: boolean; inMemory?: boolean } = {},
): Table {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(name)) throw new Error(`Invalid table block name ${name}`);
  return { table: name, keys, body, ...options };
}

/** A fragment: interpolated fragments are nested, tables kept as such, anything else becomes a `?` parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  const parts: string[] = [strings[0]];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isSql(value)) {
      parts[parts.length - 1] += value.strings[0];
      params.push(...value.values);
      parts.push(...value.strings.slice(1));
      parts[parts.length - 1] += strings[i + 1];
    } else {
      params.push(value);
      parts.push(strings[i + 1]);
    }
  });
  return { strings: parts, values: params };
}

/** Fragments joined by a separator (`UNION ALL`, `,`…). */
export function join(fragments: readonly Sql[], separator: string): Sql {
  return fragments.reduce(
    (joined, fragment, i) => (i === 0 ? fragment : sql`${joined}${raw(separator)}${fragment}`),
    raw(''),
  );
}

/** Trusted text from the engine itself (keywords, separators): never user input. */
export function raw(text: string): Sql {
  return { strings: [text], values: [] };
}

/** MySQL's GREATEST, but NULL arguments are skipped (it answers NULL as soon as one is): NULL only when all are. */
export function greatest(...args: Sql[]): Sql {
  return nullSkipping('GREATEST', args);
}

/** MySQL's LEAST, skipping NULL arguments like `greatest`. */
export function least(...args: Sql[]): Sql {
  return nullSkipping('LEAST', args);
}

/** f(COALESCE(a, b, c), COALESCE(b, c, a), …): every argument leads once, a NULL one falls back to the next. */
function nullSkipping(fn: string, args: Sql[]): Sql {
  const rotations = args.map((_, i) => sql`COALESCE(${join([...args.slice(i), ...args.slice(0, i)], ', ')})`);
  return sql`${raw(fn)}(${join(rotations, ', ')})`;
}

/**
 * The text with `?` placeholders and its parameters, as mysql2 takes them. Tables become the names
 * `named` gives them in order of appearance, or derived tables when there is no `named`.
 */
export function render(fragment: Sql, named?: (t: Table) => string): { text: string; values: unknown[] } {
  let text = fragment.strings[0];
  const values: unknown[] = [];
  fragment.values.forEach((value, i) => {
    if (isTable(value)) {
      if (named) text += named(value);
      else {
        const body = render(value.body);
        text += `(${body.text})`;
        values.push(...body.values);
      }
    } else {
      text += '?';
      values.push(value);
    }
    text += fragment.strings[i + 1];
  });
  return { text, values };
}

/** The tables a fragment refers to directly (not those inside other tables), in order of appearance. */
export function tablesOf(fragment: Sql): Table[] {
  return fragment.values.filter(isTable);
}

export function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && 'table' in value && 'body' in value;
}

function isSql(value: unknown): value is Sql {
  return typeof value === 'object' && value !== null && 'strings' in value && 'values' in value;
}
