export { WidgetBoundary } from './widget-boundary.component';
export { useSexLabel } from './sex-label';
