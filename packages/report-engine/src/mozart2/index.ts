export { mozart2Command } from './cli';
export {
  extractMozart2,
  type ExtractOptions,
  type ExtractProgress,
  type ExtractResult,
  type SourceRun,
  type SourceSpec,
} from './extract';
export { Pseudonymiser, PSEUDONYMISE_KEY_ENV, PSEUDONYMISE_KEY_FILE_ENV } from './pseudonymise';
export {
  formatReconciliation,
  reconcileMozart2,
  type FacilityReconciliation,
  type ReconcileOptions,
  type ReconcileResult,
  type TableReconciliation,
} from './reconcile';
export { MOZART_TABLES, TABLES, type MozartTable } from './schema';
