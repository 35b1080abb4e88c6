import { defineConfigSchema, getAsyncLifecycle, getSyncLifecycle } from '@openmrs/esm-framework';
import { configSchema } from './config-schema';
import AddPatientAction from './actions/add-patient-action.component';
import RegistrationDashboardLink from './dashboard-link/dashboard-link.component';
import RegistrationDashboard from './registration-dashboard/registration-dashboard.component';

const moduleName = '@poc-emr/esm-registration-app';
const options = { featureName: 'registration', moduleName };

export const importTranslation = require.context('../translations', false, /\.json$/, 'lazy');

export function startupApp() {
  defineConfigSchema(moduleName, configSchema);
}

// Sync: on the home page and in the navigation bar, where a separate chunk would only add a request.
export const registrationDashboardLink = getSyncLifecycle(RegistrationDashboardLink, options);
export const registrationDashboard = getSyncLifecycle(RegistrationDashboard, options);
export const addPatientAction = getSyncLifecycle(AddPatientAction, options);
// The form and the edit action load only when used.
export const registrationPage = getAsyncLifecycle(
  () => import('./registration-page/registration-page.component'),
  options,
);
export const editPatientAction = getAsyncLifecycle(() => import('./actions/edit-patient-action.component'), options);
