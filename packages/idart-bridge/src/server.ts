import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasPrivilege, OpenmrsUnavailable, Sessions, type User } from '@poc-emr/report-service/src/auth';
import type { Bridge } from './bridge';
import { reconcile } from './reconcile';
import { bridgeStatus } from './status';

// The bridge's HTTP API, for the pharmacy app and partner IT: status, the error queue (with a retry once
// the cause is fixed), a patient's dispensations as the bridge sees them, the reconciliation. Under the
// OpenMRS context path so the browser sends the session cookie; who is asking is OpenMRS's answer.

export const IDART_PREFIX = '/openmrs/ws/idart';

export const BRIDGE_PRIVILEGES = {
  /** The pharmacy app's: status, the error queue, a patient's iDART dispensations. */
  view: 'App: poc.pharmacy',
  /** Send an item of the error queue again, run the reconciliation. */
  act: 'Task: poc.dispense ARV',
} as const;

type Privilege = (typeof BRIDGE_PRIVILEGES)[keyof typeof BRIDGE_PRIVILEGES];

declare module 'fastify' {
  interface FastifyContextConfig {
    bridgePrivilege?: Privilege | 'public';
  }
}

class Refusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface BridgeServer {
  app: FastifyInstance;
  routes: Array<{ method: string; url: string; privilege: Privilege | 'public' }>;
}

const ITEM_FIELDS = (i: Awaited<ReturnType<Bridge['outbox']['items']>>[number]) => ({
  packageId: i.packageId,
  idartPackage: i.content.packageId,
  nid: i.content.nid,
  patientName: i.content.patientName,
  pickup: i.content.pickup,
  regimen: i.content.regimenName,
  state: i.state,
  reasonCode: i.reasonCode,
  reason: i.reason,
  attempts: i.attempts,
  fila: i.encounterUuid,
  sentAt: i.sentAt,
});

export async function createBridgeServer(bridge: Bridge, sessions: Sessions): Promise<BridgeServer> {
  // Unknown parameters are refused, not silently dropped.
  const app = Fastify({
    bodyLimit: 16 * 1024,
    logger: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });
  const routes: BridgeServer['routes'] = [];
  app.addHook('onRoute', (route) => {
    const privilege = route.config?.bridgePrivilege;
    if (!privilege) throw new Error(`${route.method} ${route.url} names no privilege`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url, privilege });
  });
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const privilege = req.routeOptions.config.bridgePrivilege;
    if (!privilege || privilege === 'public') return;
    let user: User | null;
    try {
      user = await sessions.user(req.headers);
    } catch (error) {
      if (error instanceof OpenmrsUnavailable) throw new Refusal(503, 'openmrs-unavailable', 'O OpenMRS não responde.');
      throw error;
    }
    if (!user) throw new Refusal(401, 'unauthenticated', 'Sessão do OpenMRS em falta ou expirada: entre de novo.');
    if (!hasPrivilege(user, privilege as never))
      throw new Refusal(403, 'forbidden', `Sem o privilégio "${privilege}".`);
  });
  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, _req, reply: FastifyReply) => {
    if (error instanceof Refusal)
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message } });
    if (error.validation || (error.statusCode && error.statusCode < 500))
      return reply
        .code(error.statusCode ?? 400)
        .send({ error: { code: 'invalid-request', message: `Pedido inválido: ${error.message}` } });
    console.error(error);
    return reply.code(500).send({ error: { code: 'internal', message: 'Erro interno da ponte iDART.' } });
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ error: { code: 'not-found', message: 'Não existe.' } }),
  );

  const view = { config: { bridgePrivilege: BRIDGE_PRIVILEGES.view } };
  const act = { config: { bridgePrivilege: BRIDGE_PRIVILEGES.act } };
  await app.register(
    async (scope) => {
      scope.get('/health', { config: { bridgePrivilege: 'public' } }, async () => {
        const status = await bridgeStatus(bridge.pool, bridge.config.since);
        return { status: 'ok', owed: status.counts.pending + status.counts.voiding, errors: status.counts.error };
      });
      scope.get('/status', view, () => bridgeStatus(bridge.pool, bridge.config.since));
      scope.get(
        '/errors',
        {
          ...view,
          schema: {
            querystring: {
              type: 'object',
              properties: { nid: { type: 'string', maxLength: 40 } },
              additionalProperties: false,
            },
          },
        },
        async (req) => {
          const { nid } = req.query as { nid?: string };
          const items = await bridge.outbox.items(
            nid ? `state = 'error' AND nid = $1` : `state = 'error'`,
            nid ? [nid] : [],
          );
          return { results: items.map(ITEM_FIELDS) };
        },
      );
      scope.get(
        '/dispensations',
        {
          ...view,
          schema: {
            querystring: {
              type: 'object',
              required: ['nid'],
              properties: { nid: { type: 'string', minLength: 1, maxLength: 40 } },
              additionalProperties: false,
            },
          },
        },
        async (req) => {
          const { nid } = req.query as { nid: string };
          return { results: (await bridge.outbox.items('nid = $1', [nid], 100)).map(ITEM_FIELDS) };
        },
      );
      scope.post(
        '/errors/:packageId/retry',
        {
          ...act,
          schema: {
            params: {
              type: 'object',
              properties: { packageId: { type: 'integer', minimum: 1, maximum: 2147483647 } },
              required: ['packageId'],
            },
          },
        },
        async (req, reply) => {
          const { packageId } = req.params as { packageId: number };
          if (!(await bridge.outbox.retryNow(packageId)))
            throw new Refusal(404, 'not-found', 'Não há levantamento por enviar com esse número.');
          bridge.poke();
          return reply.code(202).send({ packageId, queued: true });
        },
      );
      scope.post('/reconciliation', act, () =>
        reconcile(bridge.pool, bridge.openmrs, { since: bridge.config.since, facility: bridge.config.locationUuid }),
      );
    },
    { prefix: IDART_PREFIX },
  );
  return { app, routes };
}
