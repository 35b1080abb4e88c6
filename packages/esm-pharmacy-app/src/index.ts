import { defineConfigSchema, getAsyncLifecycle, getSyncLifecycle } from '@openmrs/esm-framework';
import { configSchema } from './config-schema';
import { PharmacyDashboardLink } from './dashboard-link.component';

const moduleName = '@poc-emr/esm-pharmacy-app';
const options = { featureName: 'pharmacy', moduleName };

export const importTranslation = require.context('../translations', false, /\.json$/, 'lazy');

export function startupApp() {
  defineConfigSchema(moduleName, configSchema);
}

// The link is on every home page: sync, tiny. The dashboard loads when opened.
export const pharmacyDashboardLink = getSyncLifecycle(PharmacyDashboardLink, options);
export const pharmacyDashboard = getAsyncLifecycle(() => import('./pharmacy-dashboard.component'), options);
