import { BrowserRouter } from 'react-router-dom';
import { DashboardExtension } from '@openmrs/esm-framework';

/** The chart's left-nav entry of the HIV / TARV dashboard (its meta's `path`). */
export default function HivCareDashboardLink({ basePath }: { basePath: string }) {
  return (
    <BrowserRouter>
      <DashboardExtension path="hiv-tarv" title="hivTarv" basePath={basePath} />
    </BrowserRouter>
  );
}
