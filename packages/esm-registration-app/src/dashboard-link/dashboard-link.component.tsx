import { BrowserRouter } from 'react-router-dom';
import { DashboardExtension } from '@openmrs/esm-framework';

/** The home page's left-nav entry; its path is the `name` of the extension's meta in routes.json. */
export default function RegistrationDashboardLink() {
  return (
    // DashboardExtension highlights the active entry from the router location.
    <BrowserRouter>
      <DashboardExtension path="registo" title="registo" basePath={`${window.spaBase}/home`} />
    </BrowserRouter>
  );
}
