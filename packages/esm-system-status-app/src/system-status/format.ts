// Numbers and dates as read in Mozambique: 1 234,5; dd/mm/aaaa hh:mm.

const LOCALE = 'pt-MZ';

export const formatNumber = (n: number) => new Intl.NumberFormat(LOCALE).format(n);

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

/** Hours as "5 h" under two days, else whole days. */
export function ageParts(hours: number): { days?: number; hours?: number } {
  return hours < 48 ? { hours: Math.floor(hours) } : { days: Math.floor(hours / 24) };
}
