import type { FastifyInstance } from 'fastify';
import { openmrsCredentials } from '@poc-emr/openmrs-auth';
import { PRIVILEGES } from '../privileges';
import type { Context } from '../server';
import { systemStatus } from '../system-status';

/** The administrator's home: the state of this server, read afresh on every request (a few queries). */
export function systemStatusRoutes(app: FastifyInstance, context: Context): void {
  app.get(
    '/system-status',
    {
      config: { privilege: PRIVILEGES.viewSystemStatus },
      schema: { querystring: { type: 'object', additionalProperties: false, properties: {} } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return systemStatus(context, openmrsCredentials(req.headers));
    },
  );
}
