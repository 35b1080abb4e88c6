import { formatDate, parseDate } from '@openmrs/esm-framework';

/** A yyyy-mm-dd day as the clinician reads dates (dd-MMM-yyyy in the user's locale). */
export function day(date: string | null | undefined): string {
  return date ? formatDate(parseDate(date), { mode: 'standard', time: false, noToday: true }) : '—';
}

/** Whole days from `from` to `to` (yyyy-mm-dd). */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 864e5,
  );
}

/** Whole months and years from `from` to `to` (yyyy-mm-dd), as time on ART is told. */
export function yearsAndMonths(from: string, to: string): { years: number; months: number } {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  const total = Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
  return { years: Math.floor(total / 12), months: total % 12 };
}
