import { defineConfigSchema, getAsyncLifecycle, getSyncLifecycle } from '@openmrs/esm-framework';
import { configSchema } from './config-schema';
import { SystemStatusDashboardLink } from './dashboard-link.component';

const moduleName = '@poc-emr/esm-system-status-app';
const options = { featureName: 'system-status', moduleName };

export const importTranslation = require.context('../translations', false, /\.json$/, 'lazy');

export function startupApp() {
  defineConfigSchema(moduleName, configSchema);
}

// The link is on the home page of whoever may see it: sync, tiny. The dashboard loads when opened.
export const systemStatusDashboardLink = getSyncLifecycle(SystemStatusDashboardLink, options);
export const systemStatusDashboard = getAsyncLifecycle(
  () => import('./system-status/system-status-dashboard.component'),
  options,
);
