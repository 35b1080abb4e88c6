import { defineConfigSchema, getAsyncLifecycle, getSyncLifecycle } from '@openmrs/esm-framework';
import { configSchema } from './config-schema';
import HivCareDashboardLink from './dashboard-link.component';

const moduleName = '@poc-emr/esm-hiv-care-app';
const options = { featureName: 'hiv-care', moduleName };

export const importTranslation = require.context('../translations', false, /\.json$/, 'lazy');

export function startupApp() {
  defineConfigSchema(moduleName, configSchema);
}

// The link is in every chart's left nav: sync and tiny. Everything else loads when shown; the form
// engine only when a form is opened.
export const hivCareDashboardLink = getSyncLifecycle(HivCareDashboardLink, options);
export const hivSummaryCard = getAsyncLifecycle(() => import('./summary/hiv-summary-card.component'), options);
export const hivAlertsBanner = getAsyncLifecycle(() => import('./alerts/alerts-banner.component'), options);
export const hivCareDashboard = getAsyncLifecycle(() => import('./hiv-care-dashboard.component'), options);
export const tarvProgrammeWorkspace = getAsyncLifecycle(() => import('./programme/tarv-programme.workspace'), options);
export const formEntryWorkspace = getAsyncLifecycle(() => import('./forms/form-entry.workspace'), options);
