import { BrowserRouter } from 'react-router-dom';
import { DashboardExtension } from '@openmrs/esm-framework';

// The home page's left-nav entry; its path is the `name` of the extension's meta in routes.json.

export function SystemStatusDashboardLink() {
  return (
    <BrowserRouter>
      <DashboardExtension path="estado-do-sistema" title="systemStatus" basePath={`${window.spaBase}/home`} />
    </BrowserRouter>
  );
}
