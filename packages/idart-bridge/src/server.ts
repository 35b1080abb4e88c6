import type { FastifyInstance } from 'fastify';
import { createGuardedService, Refusal, type RouteGuard, type Sessions } from '@poc-emr/openmrs-auth';
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

export interface BridgeServer {
  app: FastifyInstance;
  /** Every endpoint with the privilege it requires. */
  routes: RouteGuard[];
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
  const { app, routes } = createGuardedService({
    sessions,
    bodyLimit: 16 * 1024,
    internalError: 'Erro interno da ponte iDART.',
  });

  const view = { config: { privilege: BRIDGE_PRIVILEGES.view } };
  const act = { config: { privilege: BRIDGE_PRIVILEGES.act } };
  await app.register(
    async (scope) => {
      scope.get('/health', { config: { privilege: 'public' } }, async () => {
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
