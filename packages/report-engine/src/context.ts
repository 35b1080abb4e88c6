import type { Terms } from './terms';

/** What every building block is evaluated against: one database's metadata ids and the report's end date. */
export interface ReportContext {
  terms: Terms;
  /** Last day of the period, inclusive (yyyy-mm-dd); events of that whole day count. */
  endDate: string;
  /**
   * Every end date the run evaluates blocks at (each period's end and the day before it starts):
   * per-date blocks that read the same rows for several dates read them once for all. A hint only:
   * any date gives the right result.
   */
  runDates?: readonly string[];
}

/** For the indicators about what happened during the period (TX_NEW, TX_ML…). */
export interface PeriodContext extends ReportContext {
  /** First day of the period, inclusive (yyyy-mm-dd). */
  startDate: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as the reports take it; anything else is refused with the offending text. */
export function parseDay(text: string): string {
  const m = DAY.exec(text);
  const date = m && new Date(`${text}T00:00:00Z`);
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new Error(`Not a date (yyyy-mm-dd): ${JSON.stringify(text)}`);
  }
  return text;
}

/** The day before `day`: "at the end of the previous period" is the day before its start. */
export function dayBefore(day: string): string {
  return addDays(day, -1);
}

/** The day after `day`: DATETIME columns are compared with `< dayAfter(end)` so the end day counts whole. */
export function dayAfter(day: string): string {
  return addDays(day, 1);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${parseDay(day)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The same metadata evaluated at another end date (the previous period's end, say). */
export function at(ctx: ReportContext, endDate: string): ReportContext {
  return { terms: ctx.terms, endDate, runDates: ctx.runDates };
}
