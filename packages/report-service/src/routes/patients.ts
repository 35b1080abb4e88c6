import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { patientHivSummary, type HivSummary } from '@poc-emr/report-engine';
import { PRIVILEGES } from '../privileges';
import { withConnection } from '../facilities';
import { Refusal } from '@poc-emr/openmrs-auth';
import type { Context } from '../server';
import { pastDay, sessionFacility } from './session-facility';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * A patient's HIV summary (the report engine's rules evaluated for that patient alone): one small JSON
 * answer, with an ETag so that a chart opened again over a slow link gets "304 Not Modified" when
 * nothing changed.
 */
export function patientRoutes(app: FastifyInstance, context: Context): void {
  app.get(
    '/patients/:uuid/hiv-summary',
    {
      config: { privilege: PRIVILEGES.viewHivSummary },
      schema: {
        params: { type: 'object', properties: { uuid: { type: 'string', pattern: UUID } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { date: { type: 'string', maxLength: 10 } },
        },
      },
    },
    async (req, reply) => {
      const { uuid } = req.params as { uuid: string };
      const date = pastDay((req.query as { date?: string }).date, 'O resumo é de hoje ou de uma data passada.');
      const facility = await sessionFacility(context, req.user.locationUuid);
      let summary: HivSummary | null;
      try {
        summary = await withConnection(facility.source, (conn) =>
          patientHivSummary(conn, facility.database, uuid.toLowerCase(), date),
        );
      } catch (error) {
        throw new Refusal(503, 'summary-failed', `O resumo não pôde ser calculado: ${(error as Error).message}`);
      }
      if (!summary) throw new Refusal(404, 'unknown-patient', 'Utente desconhecido nesta unidade sanitária.');
      const body = JSON.stringify(summary);
      const etag = `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
      reply.header('Cache-Control', 'private, no-cache').header('ETag', etag);
      if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
}

/**
 * If-None-Match by weak comparison, as HTTP wants for it (RFC 9110, 13.1.2): a list, `*`, and `W/` tags —
 * nginx marks the ETag weak when it compresses the answer, so the browser sends `W/"…"` back.
 */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
