export { artStart, ART_START_CUTOVER } from './blocks/art-start';
export { dayAfter, parseDay, type ReportContext } from './context';
export { join, raw, render, sql, type Sql } from './sql';
export { REPORT_TERMS, resolveReportTerms, Terms, type ReportTerm } from './terms';
