import { BrowserRouter } from 'react-router-dom';
import { DashboardExtension } from '@openmrs/esm-framework';

// The home page's left-nav entries; each path is the `name` of its extension's meta in routes.json.
// DashboardExtension highlights the active entry from the router location.

export function ReportsDashboardLink() {
  return (
    <BrowserRouter>
      <DashboardExtension path="relatorios" title="reports" basePath={`${window.spaBase}/home`} />
    </BrowserRouter>
  );
}

export function FollowUpDashboardLink() {
  return (
    <BrowserRouter>
      <DashboardExtension path="seguimento" title="followUp" basePath={`${window.spaBase}/home`} />
    </BrowserRouter>
  );
}
