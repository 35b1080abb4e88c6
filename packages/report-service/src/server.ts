import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasPrivilege, OpenmrsUnavailable, Sessions, type Privilege, type User } from './auth';
import type { ServiceConfig } from './config';
import { Facilities } from './facilities';
import { ReportJobs } from './jobs';
import { dhis2Routes } from './routes/dhis2';
import { listRoutes } from './routes/lists';
import { patientRoutes } from './routes/patients';
import { runRoutes } from './routes/runs';
import { Scheduler } from './scheduler';
import { RunStore } from './store';

/** Everything under the OpenMRS context path, so the browser sends the session cookie (Path=/openmrs). */
export const PREFIX = '/openmrs/ws/poc-emr';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The OpenMRS privilege the endpoint requires; `public` for the health check alone. */
    privilege?: Privilege | 'public';
  }
  interface FastifyRequest {
    user: User;
  }
}

export interface Context {
  config: ServiceConfig;
  store: RunStore;
  jobs: ReportJobs;
  facilities: Facilities;
}

/** A client's mistake or a refusal, with a message for the user (Portuguese, as the users read it). */
export class Refusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ReportService extends Context {
  app: FastifyInstance;
  /** Every endpoint with the privilege it requires. */
  routes: Array<{ method: string; url: string; privilege: Privilege | 'public' }>;
  scheduler: Scheduler;
  close(): Promise<void>;
}

export async function createReportService(config: ServiceConfig): Promise<ReportService> {
  const store = new RunStore(`${config.dataDir}/runs`);
  store.load();
  const facilities = new Facilities(config.facilities);
  await facilities.describe();
  const jobs = new ReportJobs(store, config.concurrency);
  const sessions = new Sessions(config.openmrsUrl, config.sessionCacheMs);
  const context: Context = { config, store, jobs, facilities };

  // Unknown properties are refused, not silently dropped; query strings are coerced to their types.
  const app = Fastify({
    bodyLimit: 64 * 1024,
    logger: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
    // A URL Fastify cannot read (a malformed %-escape) is refused before any route, in the same envelope.
    frameworkErrors: (_error, _req, reply) =>
      void (reply as FastifyReply)
        .code(400)
        .send({ error: { code: 'invalid-request', message: 'Pedido inválido: endereço mal formado.' } }),
  });
  // JSON only: any other body is 415.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('user', null as unknown as User);
  const routes: ReportService['routes'] = [];
  app.addHook('onRoute', (route) => {
    const privilege = route.config?.privilege;
    if (!privilege) throw new Error(`${route.method} ${route.url} names no privilege`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url, privilege });
  });
  // Before the body is read or checked: who is asking comes first.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const privilege = req.routeOptions.config.privilege;
    // No route (no privilege declared): the not-found handler answers, never a 403 naming no privilege.
    if (privilege === 'public' || privilege === undefined) return;
    let user: User | null;
    try {
      user = await sessions.user(req.headers);
    } catch (error) {
      if (error instanceof OpenmrsUnavailable) throw new Refusal(503, 'openmrs-unavailable', 'O OpenMRS não responde.');
      throw error;
    }
    if (!user) throw new Refusal(401, 'unauthenticated', 'Sessão do OpenMRS em falta ou expirada: entre de novo.');
    if (!hasPrivilege(user, privilege)) {
      throw new Refusal(403, 'forbidden', `Sem o privilégio "${privilege}".`);
    }
    req.user = user;
  });
  app.setErrorHandler(
    (error: Error & { statusCode?: number; validation?: unknown; code?: string }, _req, reply: FastifyReply) => {
      if (error instanceof Refusal)
        return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message } });
      if (error.validation)
        return reply
          .code(400)
          .send({ error: { code: 'invalid-request', message: `Pedido inválido: ${error.message}` } });
      if (error.statusCode && error.statusCode < 500) {
        return reply
          .code(error.statusCode)
          .send({ error: { code: error.code ?? 'invalid-request', message: error.message } });
      }
      console.error(error);
      return reply.code(500).send({ error: { code: 'internal', message: 'Erro interno do serviço de relatórios.' } });
    },
  );
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ error: { code: 'not-found', message: 'Não existe.' } }),
  );

  await app.register(
    async (scope) => {
      scope.get('/health', { config: { privilege: 'public' } }, async () => ({
        status: 'ok',
        facilities: facilities.list().length,
        running: store.list((r) => r.status === 'running').length,
      }));
      runRoutes(scope, context);
      dhis2Routes(scope, context);
      listRoutes(scope, context);
      patientRoutes(scope, context);
    },
    { prefix: PREFIX },
  );
  const scheduler = new Scheduler(context);
  return {
    ...context,
    app,
    routes,
    scheduler,
    async close() {
      scheduler.stop();
      await jobs.stop();
      await app.close();
    },
  };
}
