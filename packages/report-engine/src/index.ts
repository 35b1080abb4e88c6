export { artStart, earliestArtStart, ART_START_CUTOVER } from './blocks/art-start';
export { exitDate, exits, outOfCare, type ExitKind, type ExitSources } from './blocks/exits';
export { transferredIn, transfersInDuring } from './blocks/transferred-in';
export {
  balanceText,
  flowBalance,
  type BalanceException,
  type FlowBalance,
  type FlowDefinition,
  type FlowRule,
  type FlowTerm,
} from './balance';
export { onArt } from './blocks/on-art';
export { pregnancyStatus, pregnancyStatusDuring } from './blocks/pregnancy';
export { pickups } from './blocks/pickups';
export { MMD_BANDS, txCurr, TX_CURR_GRACE_DAYS } from './indicators/tx-curr';
export { txMl, TX_ML_OUTCOMES } from './indicators/tx-ml';
export { txNew } from './indicators/tx-new';
export { txPvlsDenominator, txPvlsNumerator } from './indicators/tx-pvls';
export { txRtt, INTERRUPTION_BANDS } from './indicators/tx-rtt';
export * as resumoMensal from './indicators/resumo-mensal';
export { REPORTS } from './reports';
export { runReport, runReports, type ReportRequest, type RunOptions } from './run';
export type * from './report';
export {
  addDays,
  at,
  endOf,
  dayBefore,
  facilityDay,
  FACILITY_TIME_ZONE,
  parseDay,
  type PeriodContext,
  type ReportContext,
} from './context';
export { MaterialisingSession } from './materialise';
export { greatest, join, least, raw, render, sql, table, type Sql, type Table } from './sql';
export { REPORT_TERMS, resolveReportTerms, Terms, type ReportTerm } from './terms';
export * as mozart2 from './mozart2';
export { describeFacility } from './run';
export { patientsOfCell } from './cell-patients';
export {
  LATE_BANDS,
  LIST_TERMS,
  PATIENT_LISTS,
  runPatientList,
  type PatientListDefinition,
  type PatientListRow,
} from './lists';
export { parsePeriod, type Period } from './cli/period';
export { mappingProblems, type Dhis2Mapping, type MappedElement } from './dhis2/mapping';
export { adx, dataValueSets, mappedValues, type Dhis2Values } from './dhis2/payloads';
export { cellKey, expectedCells } from './output/cells';
export { cellsCsv, lineListsCsv } from './output/csv';
export { reportWorkbook } from './output/xlsx';
export * from './chart';
