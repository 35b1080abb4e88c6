// Paged, searchable lists of patients: a page at a time over a 10 KB/s link.

export const pageQuery = {
  q: { type: 'string', maxLength: 100 },
  page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 25 },
} as const;

/** Lower case without accents: "João" is found by "joao". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Whether every word of the search is in one of the fields (NID, name…); no search matches all. */
export function matches(search: string | undefined, ...fields: Array<string | null>): boolean {
  const words = fold(search ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const text = fold(fields.filter(Boolean).join(' '));
  return words.every((w) => text.includes(w));
}

export function page<T>(rows: readonly T[], { page, pageSize }: { page: number; pageSize: number }) {
  return { total: rows.length, page, pageSize, rows: rows.slice((page - 1) * pageSize, page * pageSize) };
}
