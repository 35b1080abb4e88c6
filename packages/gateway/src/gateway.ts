import http from 'node:http';
import { proxy } from './proxy';
import { serveStatic } from './static';

export interface GatewayOptions {
  /** The assembled and built SPA (openmrs assemble + build output). */
  spaDir: string;
  /** The OpenMRS (or dev) backend, e.g. http://127.0.0.1:8090. */
  backend: string;
  spaPath?: string;
}

/** One origin for the browser, as in production: /openmrs/spa/ is the SPA, the rest of /openmrs/ the backend. */
export function createGateway({ spaDir, backend, spaPath = '/openmrs/spa/' }: GatewayOptions): http.Server {
  const upstream = new URL(backend);
  return http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/' || pathname === '/openmrs' || pathname === '/openmrs/' || pathname === spaPath.slice(0, -1)) {
      res.writeHead(302, { Location: spaPath }).end();
    } else if (pathname.startsWith(spaPath)) {
      serveStatic(spaDir, spaPath, req, res);
    } else if (pathname.startsWith('/openmrs/')) {
      proxy(upstream, req, res);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  });
}
