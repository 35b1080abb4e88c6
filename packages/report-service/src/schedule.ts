import { parsePeriod, REPORTS, type Period } from '@poc-emr/report-engine';

// Scheduled runs: "resumo-mensal monthly 1 02:00; mer quarterly 5 03:00" runs the Resumo Mensal on the
// 1st of every month at 02:00 for the month that just closed, and MER on the 5th day after each quarter
// for that quarter — in the server's local time (Maputo in the distro).

export interface ScheduleEntry {
  report: string;
  every: 'monthly' | 'quarterly';
  day: number;
  hour: number;
  minute: number;
}

export function parseSchedule(text: string): ScheduleEntry[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([a-z0-9-]+)\s+(monthly|quarterly)\s+(\d{1,2})\s+([01]\d|2[0-3]):([0-5]\d)$/.exec(part);
      if (!m) throw new Error(`"${part}" is not "<report> monthly|quarterly <day 1-28> <HH:MM>"`);
      if (!REPORTS[m[1]]) throw new Error(`"${part}": unknown report ${m[1]} (${Object.keys(REPORTS).join(', ')})`);
      const day = Number(m[3]);
      if (day < 1 || day > 28) throw new Error(`"${part}": the day must be 1 to 28`);
      return { report: m[1], every: m[2] as ScheduleEntry['every'], day, hour: Number(m[4]), minute: Number(m[5]) };
    });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last `count` months (or quarters) that have closed by `now`, newest first, as run periods name them. */
export function closedPeriods(type: 'Monthly' | 'Quarterly', count: number, now: Date): string[] {
  const periods: string[] = [];
  let year = now.getFullYear();
  let month = now.getMonth() + 1; // the current month, not closed
  const step = type === 'Monthly' ? 1 : 3;
  if (type === 'Quarterly') month -= (month - 1) % 3;
  while (periods.length < count) {
    month -= step;
    if (month < 1) {
      month += 12;
      year -= 1;
    }
    periods.push(type === 'Monthly' ? `${year}-${pad(month)}` : `${year}Q${(month + 2) / 3}`);
  }
  return periods;
}

/**
 * The entry's latest run time up to `now`, and the period it runs: the month (or quarter) that closed
 * before it.
 */
export function latestScheduled(entry: ScheduleEntry, now: Date): { at: Date; period: Period; text: string } {
  const step = entry.every === 'monthly' ? 1 : 3;
  // Quarterly runs happen in the month after a quarter: January, April, July, October.
  const month = now.getMonth() - (now.getMonth() % step);
  let at = new Date(now.getFullYear(), month, entry.day, entry.hour, entry.minute);
  if (at > now) at = new Date(now.getFullYear(), month - step, entry.day, entry.hour, entry.minute);
  const [text] = closedPeriods(entry.every === 'monthly' ? 'Monthly' : 'Quarterly', 1, at);
  return { at, period: parsePeriod(text), text };
}
