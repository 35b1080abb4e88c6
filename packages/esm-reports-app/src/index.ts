import { defineConfigSchema, getAsyncLifecycle, getSyncLifecycle } from '@openmrs/esm-framework';
import { configSchema } from './config-schema';
import { FollowUpDashboardLink, ReportsDashboardLink } from './dashboard-link/dashboard-links.component';

const moduleName = '@poc-emr/esm-reports-app';
const options = { featureName: 'reports', moduleName };

export const importTranslation = require.context('../translations', false, /\.json$/, 'lazy');

export function startupApp() {
  defineConfigSchema(moduleName, configSchema);
}

// The links are on every home page: sync, tiny. The dashboards load when opened.
export const reportsDashboardLink = getSyncLifecycle(ReportsDashboardLink, options);
export const followUpDashboardLink = getSyncLifecycle(FollowUpDashboardLink, options);
export const reportsDashboard = getAsyncLifecycle(
  () => import('./reports-dashboard/reports-dashboard.component'),
  options,
);
export const followUpDashboard = getAsyncLifecycle(() => import('./follow-up/follow-up-dashboard.component'), options);
