import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { COMPRESSIBLE, compressor, negotiate } from './compression';

/**
 * Forwards a request to the backend and streams the answer back, compressing text answers
 * (REST and FHIR JSON) when the client accepts it — the production nginx does the same, and on a
 * 10 KB/s link it is what makes a patient search usable.
 */
export function proxy(
  backend: URL,
  req: IncomingMessage,
  res: ServerResponse,
  unreachable = 'The OpenMRS backend is not reachable',
): void {
  const upstream = http.request(
    {
      host: backend.hostname,
      port: backend.port,
      method: req.method,
      path: req.url,
      // Keep the browser's Host (nginx: proxy_set_header Host $host) so links the backend writes
      // (REST next/prev, FHIR Bundle URLs) point at the gateway, not at the backend's own port.
      headers: {
        ...req.headers,
        host: req.headers.host ?? backend.host,
        'x-forwarded-for': req.socket.remoteAddress ?? '',
        'x-forwarded-proto': 'http',
        'accept-encoding': 'identity',
      },
    },
    (answer) => {
      const headers = { ...answer.headers };
      const type = String(headers['content-type'] ?? '');
      const encoding =
        COMPRESSIBLE.test(type) && !headers['content-encoding'] ? negotiate(req.headers['accept-encoding']) : undefined;
      if (!encoding) {
        res.writeHead(answer.statusCode ?? 502, headers);
        pipeline(answer, res, () => undefined);
        return;
      }
      delete headers['content-length'];
      headers['content-encoding'] = encoding;
      headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
      res.writeHead(answer.statusCode ?? 502, headers);
      pipeline(answer, compressor(encoding), res, () => undefined);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { message: unreachable, code: 'gateway', detail: '' } }));
  });
  pipeline(req, upstream, () => undefined);
}
