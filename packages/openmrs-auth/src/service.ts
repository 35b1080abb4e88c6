import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasPrivilege, OpenmrsUnavailable, type Sessions, type User } from './sessions';

// A Fastify instance as every service we ship beside OpenMRS needs it: each endpoint names the OpenMRS
// privilege it requires (a route without one is refused when it is declared), checked against the
// caller's OpenMRS session before the body is read; JSON bodies only; unknown parameters refused; and
// every failure one envelope { error: { code, message } } for the user, never a stack or SQL.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The OpenMRS privilege the endpoint requires; `public` for a health check. */
    privilege?: string;
  }
  interface FastifyRequest {
    /** The caller, on endpoints that require a privilege. */
    user: User;
  }
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

export interface RouteGuard {
  method: string;
  url: string;
  privilege: string;
}

export interface GuardedService {
  app: FastifyInstance;
  /** Every endpoint with the privilege it requires, as declared: what the privilege tests go through. */
  routes: RouteGuard[];
}

export interface GuardOptions {
  sessions: Sessions;
  bodyLimit: number;
  /** The answer to a failure of our own (500), naming the service. */
  internalError: string;
}

export function createGuardedService({ sessions, bodyLimit, internalError }: GuardOptions): GuardedService {
  const app = Fastify({
    bodyLimit,
    logger: false,
    // Query strings coerced to their schema's types; unknown properties refused, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
    // A URL Fastify cannot read (a malformed %-escape) is refused before any route, in the same envelope.
    frameworkErrors: (_error, _req, reply) =>
      void (reply as FastifyReply)
        .code(400)
        .send({ error: { code: 'invalid-request', message: 'Pedido inválido: endereço mal formado.' } }),
  });
  // JSON only: a text/plain body (what a cross-site form can send) is 415.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('user', null as unknown as User);
  const routes: RouteGuard[] = [];
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
    if (!hasPrivilege(user, privilege)) throw new Refusal(403, 'forbidden', `Sem o privilégio "${privilege}".`);
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
      if (error.statusCode && error.statusCode < 500)
        return reply
          .code(error.statusCode)
          .send({ error: { code: error.code ?? 'invalid-request', message: error.message } });
      console.error(error);
      return reply.code(500).send({ error: { code: 'internal', message: internalError } });
    },
  );
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ error: { code: 'not-found', message: 'Não existe.' } }),
  );
  return { app, routes };
}
