import type { FastifyInstance } from 'fastify';
import { PATIENT_LISTS, runPatientList, type PatientListRow } from '@poc-emr/report-engine';
import { PRIVILEGES } from '../privileges';
import { withConnection } from '../facilities';
import { Refusal } from '@poc-emr/openmrs-auth';
import type { Context } from '../server';
import { matches, page, pageQuery } from './paging';
import { pastDay, sessionFacility } from './session-facility';

/** A list is computed once a minute at most per facility and date: the pages of one look read it once. */
const FRESH_MS = 60_000;

/** The follow-up lists of the user's facility (their session location's), live at a date. */
export function listRoutes(app: FastifyInstance, context: Context): void {
  const cache = new Map<string, { rows: Promise<PatientListRow[]>; at: number }>();
  const config = { privilege: PRIVILEGES.followUpLists };

  app.get('/lists', { config }, async (req) => {
    const facility = await sessionFacility(context, req.user.locationUuid);
    return {
      facility: { database: facility.database, code: facility.code, name: facility.name },
      lists: Object.values(PATIENT_LISTS).map(({ id, label, shortLabel, dueDate, bands }) => ({
        id,
        label,
        shortLabel,
        dueDate,
        bands,
      })),
    };
  });

  app.get(
    '/lists/:id',
    {
      config,
      schema: {
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 40 } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            date: { type: 'string', maxLength: 10 },
            band: { type: 'string', maxLength: 10 },
            ...pageQuery,
          },
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const q = req.query as { date?: string; band?: string; q?: string; page: number; pageSize: number };
      const list = Object.hasOwn(PATIENT_LISTS, id) ? PATIENT_LISTS[id] : undefined;
      if (!list) throw new Refusal(404, 'unknown-list', 'Lista desconhecida.');
      const date = pastDay(q.date, 'A lista é de hoje ou de uma data passada.');
      const facility = await sessionFacility(context, req.user.locationUuid);
      const key = `${facility.database}/${id}/${date}`;
      let entry = cache.get(key);
      if (!entry || Date.now() - entry.at > FRESH_MS) {
        entry = {
          rows: withConnection(facility.source, (conn) => runPatientList(conn, facility.database, list, date)),
          at: Date.now(),
        };
        cache.set(key, entry);
        entry.rows.catch(() => cache.delete(key));
      }
      let rows: PatientListRow[];
      try {
        rows = await entry.rows;
      } catch (error) {
        throw new Refusal(503, 'list-failed', `A lista não pôde ser calculada: ${(error as Error).message}`);
      }
      const bands = Object.fromEntries(
        (list.bands ?? []).map((b) => [b.code, rows.filter((r) => r.band === b.code).length]),
      );
      const shown = rows.filter((r) => (!q.band || r.band === q.band) && matches(q.q, r.nid, r.name, r.phone));
      return {
        list: { id: list.id, label: list.label, shortLabel: list.shortLabel, dueDate: list.dueDate, bands: list.bands },
        date,
        facility: { database: facility.database, code: facility.code, name: facility.name },
        bands,
        ...page(shown, q),
      };
    },
  );
}
