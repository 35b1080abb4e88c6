// Each part of the administrator's system status carries one level, shown red / amber / green; `off` is a
// part this server does not use (no iDART, no hybrid mode), never a fault.

export type Level = 'ok' | 'warning' | 'error' | 'off';

const ORDER: Level[] = ['off', 'ok', 'warning', 'error'];

/** The worse of the levels. */
export const worst = (...levels: Level[]): Level =>
  levels.reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), 'off');

/** A message that names no address, path or SQL: what the browser of an administrator may show. */
export function plainError(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '…')
    .slice(0, 200);
}
