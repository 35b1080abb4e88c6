// The NID (Número de Identificação de Doente) as clerks type it or a barcode scanner sends it:
// CCPPDDUUSS/AAAA/NNNNN, i.e. the facility code, the year and a sequence. Scanners often drop the
// slashes or send other separators, so input is normalised before it is checked or searched.

/** Slashes restored in 19 bare digits; spaces, dashes, dots and backslashes read as slashes. */
export function normaliseNid(input: string): string {
  const text = input
    .trim()
    .replace(/[\s\-.\\]+/g, '/')
    .replace(/\/+/g, '/');
  if (/^\d{19}$/.test(text)) return `${text.slice(0, 10)}/${text.slice(10, 14)}/${text.slice(14)}`;
  return text;
}

/**
 * Whether `identifier` fits an identifier type's format: OpenMRS matches the whole identifier against
 * the regex (String.matches), so the pattern is anchored here.
 */
export function matchesFormat(identifier: string, format: string | null | undefined): boolean {
  if (!format) return true;
  try {
    return new RegExp(`^(?:${format})$`).test(identifier);
  } catch {
    // A format Java accepts but JavaScript does not: the server will still validate it.
    return true;
  }
}

/** A search text that looks like a NID, whole or partial (digits and slashes, at least 4 digits). */
export function looksLikeNid(text: string): boolean {
  const normalised = normaliseNid(text);
  return /^[\d/]+$/.test(normalised) && normalised.replace(/\//g, '').length >= 4;
}
