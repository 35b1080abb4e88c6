// Periods as the report service takes them: "2026-10" (a month), "2026Q4" (a quarter) or
// "2026-09-21..2026-10-20" (any range of days — not sent to SIS-MA, which takes whole months/quarters).

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
