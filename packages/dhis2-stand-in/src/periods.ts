// DHIS2 period identifiers the stand-in accepts: monthly (202610) and quarterly (2026Q4).

/** The first and last month (1–12) of a DHIS2 monthly or quarterly period, or undefined if it is neither. */
export function dhis2Period(id: string): { year: number; first: number; last: number } | undefined {
  const monthly = /^(\d{4})(0[1-9]|1[0-2])$/.exec(id);
  if (monthly) return { year: Number(monthly[1]), first: Number(monthly[2]), last: Number(monthly[2]) };
  const quarterly = /^(\d{4})Q([1-4])$/.exec(id);
  if (quarterly) {
    const last = Number(quarterly[2]) * 3;
    return { year: Number(quarterly[1]), first: last - 2, last };
  }
  return undefined;
}

/** A period that has not started by `now`: data entry for the future is closed (DHIS2's default: no open future periods). */
export function isAfterOpenPeriods(id: string, now: Date): boolean {
  const period = dhis2Period(id)!;
  return period.year * 12 + period.first > now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

/** ADX's ISO 8601 period ("2026-10-01/P1M", "2026-10-01/P3M") as a DHIS2 id, or the text itself if it is neither. */
export function adxPeriod(text: string): string {
  const m = /^(\d{4})-(\d{2})-01\/P([13])M$/.exec(text);
  if (!m) return text;
  const month = Number(m[2]);
  if (m[3] === '1') return `${m[1]}${m[2]}`;
  return month % 3 === 1 ? `${m[1]}Q${(month + 2) / 3}` : text;
}
