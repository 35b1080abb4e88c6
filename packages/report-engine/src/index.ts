export { artStart, ART_START_CUTOVER } from './blocks/art-start';
export { exits, type ExitKind } from './blocks/exits';
export { pickups } from './blocks/pickups';
export { transferredIn } from './blocks/transferred-in';
export { txCurr, TX_CURR_GRACE_DAYS } from './indicators/tx-curr';
export { txNew } from './indicators/tx-new';
export { dayAfter, parseDay, type PeriodContext, type ReportContext } from './context';
export { greatest, join, least, raw, render, sql, type Sql } from './sql';
export { REPORT_TERMS, resolveReportTerms, Terms, type ReportTerm } from './terms';
