/**
 * Values for t() interpolation, left as typed: React already escapes what it renders, and i18next's own
 * escaping would show a NID as 01100407&#x2F;2024&#x2F;00012.
 */
export function verbatim<T extends object>(values: T): T & { interpolation: { escapeValue: false } } {
  return { ...values, interpolation: { escapeValue: false } };
}
