import { sql, type Sql } from './sql';
import type { Terms } from './terms';

/** What every building block is evaluated against: one database's metadata ids and the report's end date. */
export interface ReportContext {
  terms: Terms;
  /** Last day of the period, inclusive (yyyy-mm-dd); events of that whole day count (see `endOf`). */
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

/** Mozambique's one time zone (UTC+2, no daylight saving): the clock of every facility's records. */
export const FACILITY_TIME_ZONE = 'Africa/Maputo';

/**
 * The calendar day at the facilities at `now`, whatever the zone of the machine running the code (a
 * service in UTC would still be on yesterday from midnight to 02:00 in Maputo).
 */
export function facilityDay(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: FACILITY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The day before `day`: "at the end of the previous period" is the day before its start. */
export function dayBefore(day: string): string {
  return addDays(day, -1);
}

/**
 * Where a report day ends — the one place the engine decides it. Every DATETIME is compared with
 * `< endOf(endDate)`, the midnight after the period's last day, so that whole day counts: a FILA
 * typed at 07:25 (or 23:59) on the last day of the month is in that month. The EPTS module binds
 * `:endDate` as the last day's midnight instead, so most of its cohorts (`encounter_datetime <=
 * :endDate`) leave out what was recorded during that day, while its Resumo Mensal B12/B13 compare
 * `date(encounter_datetime)` and keep it. Data recorded with a time of day belongs to its day; iDART
 * and paper forms record midnight, where both readings agree (docs/indicators.md, "The end of a
 * period").
 */
export function endOf(day: string): string {
  return addDays(day, 1);
}

/** `column` (a DATETIME) falls on one of the days from `first` to `last`, both whole. */
export function onDays(column: Sql, first: string, last: string): Sql {
  return sql`${column} >= ${first} AND ${column} < ${endOf(last)}`;
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
