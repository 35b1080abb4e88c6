export { CLINICAL_ALERTS, cd4Due, type AlertContext, type AlertRule, type AlertSeverity } from './alerts';
export { DATA_QUALITY_CHECKS } from './data-quality';
export { withPatientSlice } from './slice';
export { MISAU_STATUS, PEPFAR_STATUS, STATUSES, statusAt, type Status, type StatusRule } from './status';
export {
  patientHivSummary,
  patientIdOf,
  quarterStart,
  type Alert,
  type Dated,
  type HivSummary,
  type PatientStatus,
  type ViralLoadResult,
} from './summary';
export { CHART_TERMS, resolveChartTerms, type ChartTerms } from './terms';
