import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A link between the bridge and OpenMRS that fails on command: cut (connections reset), OpenMRS answering
// 500, answers that never come (time-outs), and the worst one — the request reaches OpenMRS and is
// committed, then the answer is lost on the way back.

export type Fault = 'pass' | 'cut' | 'error500' | 'hang' | 'lose-answer';

export interface FaultProxy {
  url: string;
  /** Decides each request's fate: by the request and how many came before it. */
  decide: (request: { method: string; url: string }, index: number) => Fault;
  /** Requests seen, and what was done to each. */
  log: Array<{ method: string; url: string; fault: Fault }>;
  /** Called when OpenMRS has answered a request (before the answer is passed on or lost). */
  onUpstreamAnswer?: (request: { method: string; url: string; body: string }) => Promise<void> | void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const hanging = new Set<http.ServerResponse>();
  const proxy: FaultProxy = {
    url: '',
    decide: () => 'pass',
    log: [],
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = http.createServer((req, res) => {
    const request = { method: req.method ?? 'GET', url: req.url ?? '/' };
    const fault = proxy.decide(request, proxy.log.length);
    proxy.log.push({ ...request, fault });
    if (fault === 'cut') {
      req.socket.destroy();
      return;
    }
    if (fault === 'error500') {
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Internal Server Error (injected)' } }));
      return;
    }
    if (fault === 'hang') {
      req.resume();
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    const sent: Buffer[] = [];
    req.on('data', (chunk: Buffer) => sent.push(chunk));
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      async (answer) => {
        const chunks: Buffer[] = [];
        for await (const chunk of answer) chunks.push(chunk as Buffer);
        await proxy.onUpstreamAnswer?.({ ...request, body: Buffer.concat(sent).toString('utf8') });
        if (fault === 'lose-answer') {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(chunks));
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${upstream.pathname}`;
  return proxy;
}
