// SQL as values: fragments carry their text and parameters together, so building blocks compose by
// nesting and every value reaches the server as a bound parameter, never spliced into the text.

export interface Sql {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

/** A fragment: interpolated fragments are nested, anything else becomes a `?` parameter. */
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

/** The text with `?` placeholders and its parameters, as mysql2 takes them. */
export function render(fragment: Sql): { text: string; values: unknown[] } {
  return { text: fragment.strings.join('?'), values: [...fragment.values] };
}

function isSql(value: unknown): value is Sql {
  return typeof value === 'object' && value !== null && 'strings' in value && 'values' in value;
}
