import { BrowserRouter } from 'react-router-dom';
import { DashboardExtension } from '@openmrs/esm-framework';

/** A left-nav entry of the chart: the dashboard at `path` (its meta's `path` in routes.json), titled by our `title` key. */
export function dashboardLink(path: string, title: string) {
  return function DashboardLink({ basePath }: { basePath: string }) {
    return (
      <BrowserRouter>
        <DashboardExtension path={path} title={title} basePath={basePath} />
      </BrowserRouter>
    );
  };
}
