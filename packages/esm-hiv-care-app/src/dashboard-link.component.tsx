import { BrowserRouter } from 'react-router-dom';
import { DashboardExtension, type IconId } from '@openmrs/esm-framework';

/**
 * A left-nav entry of the chart: the dashboard at `path` (its meta's `path` in routes.json), titled by our
 * `title` key, with the styleguide icon the published app's own entry has (or ours).
 */
export function dashboardLink(path: string, title: string, icon: IconId) {
  return function DashboardLink({ basePath }: { basePath: string }) {
    return (
      <BrowserRouter>
        <DashboardExtension path={path} title={title} basePath={basePath} icon={icon} />
      </BrowserRouter>
    );
  };
}
