import http from 'node:http';
import { proxy } from './proxy';
import { serveStatic } from './static';

export interface GatewayOptions {
  /** The assembled and built SPA (openmrs assemble + build output). */
  spaDir: string;
  /** The OpenMRS (or dev) backend, e.g. http://127.0.0.1:8090. */
  backend: string;
  /** The report service (packages/report-service), answering under REPORT_SERVICE_PATH. */
  reportService?: string;
  spaPath?: string;
}

/** The report service's path, under the OpenMRS context so the browser sends the session cookie. */
export const REPORT_SERVICE_PATH = '/openmrs/ws/poc-emr/';

/**
 * One origin for the browser, as in production: /openmrs/spa/ is the SPA, /openmrs/ws/poc-emr/ the report
 * service, the rest of /openmrs/ the backend.
 */
export function createGateway({
  spaDir,
  backend,
  reportService,
  spaPath = '/openmrs/spa/',
}: GatewayOptions): http.Server {
  const upstream = new URL(backend);
  const reports = reportService ? new URL(reportService) : undefined;
  return http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/' || pathname === '/openmrs' || pathname === '/openmrs/' || pathname === spaPath.slice(0, -1)) {
      res.writeHead(302, { Location: spaPath }).end();
    } else if (pathname.startsWith(spaPath)) {
      serveStatic(spaDir, spaPath, req, res);
    } else if (reports && pathname.startsWith(REPORT_SERVICE_PATH)) {
      proxy(reports, req, res, 'The report service is not reachable');
    } else if (pathname.startsWith('/openmrs/')) {
      proxy(upstream, req, res);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  });
}
