import { BrowserRouter } from 'react-router-dom';
import { DashboardExtension } from '@openmrs/esm-framework';

// The home page's left-nav entry; the path is the `name` of the extension's meta in routes.json.

export function PharmacyDashboardLink() {
  return (
    <BrowserRouter>
      <DashboardExtension path="farmacia" title="pharmacy" basePath={`${window.spaBase}/home`} />
    </BrowserRouter>
  );
}
