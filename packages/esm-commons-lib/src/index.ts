export { WidgetBoundary } from './widget-boundary.component';
export { useSexLabel } from './sex-label';
export { usePaginationLabels, type PaginationLabels } from './pagination-labels';
export {
  DateField,
  dateToIso,
  displayDate,
  displayDateTime,
  isoToDate,
  type DateFieldProps,
} from './date-field.component';
export { useTranslation } from './translation';
export { problemOf, type CallProblem } from './problem';
