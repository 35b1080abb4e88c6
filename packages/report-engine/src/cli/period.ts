import { facilityDay, parseDay } from '../context';

/** A reporting period and how DHIS2 names it (none for a range that is not one whole month or quarter). */
export interface Period {
  startDate: string;
  endDate: string;
  dhis2?: { type: 'Monthly' | 'Quarterly'; id: string; adx: string };
}

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function months(year: number, first: number, count: number): Period {
  const last = first + count - 1;
  const startDate = `${year}-${pad(first)}-01`;
  const id = count === 1 ? `${year}${pad(first)}` : `${year}Q${(first + 2) / 3}`;
  return {
    startDate,
    endDate: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
    dhis2: { type: count === 1 ? 'Monthly' : 'Quarterly', id, adx: `${startDate}/P${count}M` },
  };
}

/**
 * "2026-10" (a month), "2026Q4" (a calendar quarter) or "2026-09-21..2026-10-20" (any range of days; DHIS2
 * names it only if it is exactly a month or a quarter).
 */
export function parsePeriod(text: string, today = facilityDay()): Period {
  const period = parseAnyPeriod(text);
  if (period.startDate < FIRST_DAY)
    throw new Error(`The period ${text} starts before ${FIRST_DAY}: no ART records are that old`);
  if (period.startDate > today) throw new Error(`The period ${text} has not started yet (today is ${today})`);
  return period;
}

/** ART records in Mozambique start in the 2000s: an earlier period is a typing mistake. */
const FIRST_DAY = '2000-01-01';

function parseAnyPeriod(text: string): Period {
  const month = MONTH.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return months(Number(month[1]), Number(month[2]), 1);
  const quarter = QUARTER.exec(text);
  if (quarter) return months(Number(quarter[1]), Number(quarter[2]) * 3 - 2, 3);
  const range = RANGE.exec(text);
  if (range) {
    const [startDate, endDate] = [parseDay(range[1]), parseDay(range[2])];
    if (startDate > endDate) throw new Error(`The period ${text} ends before it starts`);
    const [year, first] = startDate.split('-').map(Number);
    const whole = [months(year, first, 1), ...(first % 3 === 1 ? [months(year, first, 3)] : [])].find(
      (p) => p.startDate === startDate && p.endDate === endDate,
    );
    return whole ?? { startDate, endDate };
  }
  throw new Error(`Not a period: ${JSON.stringify(text)} (use 2026-10, 2026Q4 or 2026-09-21..2026-10-20)`);
}
