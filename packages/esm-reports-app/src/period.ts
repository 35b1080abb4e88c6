// Periods as the report service takes them: "2026-10" (a month), "2026Q4" (a quarter) or
// "2026-09-21..2026-10-20" (any range of days — not sent to SIS-MA, which takes whole months/quarters).

import { displayDate } from '@poc-emr/esm-commons-lib';

export type PeriodKind = 'month' | 'quarter' | 'range';

const pad = (n: number) => String(n).padStart(2, '0');

/** The month and the quarter that closed last before `today`. */
export function lastClosed(today = new Date()): { month: string; year: number; quarter: number } {
  const month = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const quarterStart = new Date(today.getFullYear(), today.getMonth() - (today.getMonth() % 3) - 3, 1);
  return {
    month: `${month.getFullYear()}-${pad(month.getMonth() + 1)}`,
    year: quarterStart.getFullYear(),
    quarter: quarterStart.getMonth() / 3 + 1,
  };
}

export interface PeriodChoice {
  kind: PeriodKind;
  month: string;
  year: number;
  quarter: number;
  from: string;
  to: string;
}

/** The period text of a choice, or undefined while it is incomplete. */
export function periodText(choice: PeriodChoice): string | undefined {
  if (choice.kind === 'month') return /^\d{4}-\d{2}$/.test(choice.month) ? choice.month : undefined;
  if (choice.kind === 'quarter') return `${choice.year}Q${choice.quarter}`;
  return choice.from && choice.to ? `${choice.from}..${choice.to}` : undefined;
}

const capitalised = (text: string, language: string) => text.charAt(0).toLocaleUpperCase(language) + text.slice(1);

/** January to December in the session's language, as a month is named on its own ("Novembro"). */
export function monthNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(language, { month: 'long' });
  return Array.from({ length: 12 }, (_, i) => capitalised(format.format(new Date(2000, i, 1)), language));
}

/**
 * A run's period as an M&E officer names it: whole months by name ("Novembro de 2026", "Julho – Setembro
 * de 2026"), any other range by its days ("21/09/2026 – 20/10/2026").
 */
export function periodLabel(period: { startDate: string; endDate: string }, language: string): string {
  const [start, end] = [period.startDate, period.endDate].map((d) => new Date(`${d.slice(0, 10)}T12:00:00`));
  const lastOfMonth = new Date(end.getFullYear(), end.getMonth() + 1, 0).getDate();
  if (start.getDate() !== 1 || end.getDate() !== lastOfMonth)
    return `${displayDate(period.startDate)} – ${displayDate(period.endDate)}`;
  const monthYear = (d: Date) =>
    capitalised(new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric' }).format(d), language);
  if (start.getFullYear() === end.getFullYear() && start.getMonth() === end.getMonth()) return monthYear(end);
  const first = start.getFullYear() === end.getFullYear() ? monthNames(language)[start.getMonth()] : monthYear(start);
  return `${first} – ${monthYear(end)}`;
}
