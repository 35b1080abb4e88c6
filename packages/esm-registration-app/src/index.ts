import { defineConfigSchema, getSyncLifecycle } from '@openmrs/esm-framework';
import { configSchema } from './config-schema';
import RegistrationDashboardLink from './dashboard-link/dashboard-link.component';
import RegistrationDashboard from './registration-dashboard/registration-dashboard.component';

const moduleName = '@poc-emr/esm-registration-app';
const options = { featureName: 'registration-dashboard', moduleName };

export const importTranslation = require.context('../translations', false, /\.json$/, 'lazy');

export function startupApp() {
  defineConfigSchema(moduleName, configSchema);
}

// Sync lifecycles: both are on the home page, so a separate chunk would only add a request.
export const registrationDashboardLink = getSyncLifecycle(RegistrationDashboardLink, options);
export const registrationDashboard = getSyncLifecycle(RegistrationDashboard, options);
