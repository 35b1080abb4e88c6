export { WidgetBoundary } from './widget-boundary.component';
