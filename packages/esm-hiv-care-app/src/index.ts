import { defineConfigSchema, getAsyncLifecycle, getSyncLifecycle } from '@openmrs/esm-framework';
import { configSchema } from './config-schema';
import { dashboardLink } from './dashboard-link.component';

const moduleName = '@poc-emr/esm-hiv-care-app';
const options = { featureName: 'hiv-care', moduleName };

export const importTranslation = require.context('../translations', false, /\.json$/, 'lazy');

export function startupApp() {
  defineConfigSchema(moduleName, configSchema);
}

// The link is in every chart's left nav: sync and tiny. Everything else loads when shown; the form
// engine only when a form is opened.
export const hivCareDashboardLink = getSyncLifecycle(dashboardLink('hiv-tarv', 'hivTarv', 'omrs-icon-report'), options);
// The left-nav entries of published apps with nothing else on a chart's first screen: theirs load the
// whole app (140–150 KB each), these nothing more; the app loads when its dashboard is opened.
export const allergiesDashboardLink = getSyncLifecycle(
  dashboardLink('allergies', 'allergies', 'omrs-icon-warning'),
  options,
);
export const programsDashboardLink = getSyncLifecycle(
  dashboardLink('programs', 'programs', 'omrs-icon-programs'),
  options,
);
export const hivSummaryCard = getAsyncLifecycle(() => import('./summary/hiv-summary-card.component'), options);
export const hivAlertsBanner = getAsyncLifecycle(() => import('./alerts/alerts-banner.component'), options);
export const hivCareDashboard = getAsyncLifecycle(() => import('./hiv-care-dashboard.component'), options);
export const tarvProgrammeWorkspace = getAsyncLifecycle(() => import('./programme/tarv-programme.workspace'), options);
export const formEntryWorkspace = getAsyncLifecycle(() => import('./forms/form-entry.workspace'), options);
