import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { adx, dataValueSets, facilityDay, REPORTS } from '@poc-emr/report-engine';
import { PRIVILEGES } from '../privileges';
import { pushDataValues } from '../dhis2';
import { Refusal } from '@poc-emr/openmrs-auth';
import type { Context } from '../server';
import { closedPeriods } from '../schedule';
import type { PushRecord } from '../store';
import { finishedRun, mappedDhis2Values, reportOf } from './runs';

const ID = { type: 'string', pattern: '^[0-9a-f-]{36}$' } as const;

/** SIS-MA (DHIS2): a dry run, then the push, each recorded with DHIS2's summary; and what was sent where. */
export function dhis2Routes(app: FastifyInstance, context: Context): void {
  const { store, config, facilities } = context;
  const pushing = new Set<string>();

  app.post(
    '/runs/:id/dhis2',
    {
      config: { privilege: PRIVILEGES.sendToSisma },
      schema: {
        params: { type: 'object', properties: { id: ID } },
        body: {
          type: 'object',
          required: ['dryRun'],
          additionalProperties: false,
          properties: { dryRun: { type: 'boolean' } },
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const { dryRun } = req.body as { dryRun: boolean };
      if (!config.dhis2)
        throw new Refusal(409, 'dhis2-not-configured', 'O envio para o SIS-MA não está configurado (DHIS2_URL).');
      const { run, result } = finishedRun(context, id);
      const values = mappedDhis2Values(context, run, result);
      if (!dryRun) {
        const last = run.pushes[run.pushes.length - 1];
        if (!last?.dryRun || last.status !== 'ok') {
          throw new Refusal(409, 'dry-run-first', 'Faça primeiro o teste de envio, sem conflitos, e só depois envie.');
        }
      }
      if (pushing.has(id)) throw new Refusal(409, 'push-in-progress', 'Este relatório já está a ser enviado.');
      pushing.add(id);
      try {
        const mapping = config.dhis2.mappings[run.report];
        const payload =
          config.dhis2.format === 'adx'
            ? adx(mapping, run.period, values, new Date().toISOString())
            : dataValueSets(mapping, run.period, values, facilityDay());
        const outcome = await pushDataValues(config.dhis2, payload, { dryRun });
        const record: PushRecord = {
          id: crypto.randomUUID(),
          dryRun,
          format: config.dhis2.format,
          at: new Date().toISOString(),
          by: req.user.username,
          values: values.reduce((n, v) => n + v.values.length, 0),
          ...outcome,
        };
        run.pushes.push(record);
        store.save(run);
        return record;
      } finally {
        pushing.delete(id);
      }
    },
  );

  app.get(
    '/completeness',
    {
      config: { privilege: PRIVILEGES.runReports },
      schema: {
        querystring: {
          type: 'object',
          required: ['report'],
          additionalProperties: false,
          properties: {
            report: { type: 'string', maxLength: 40 },
            periods: { type: 'integer', minimum: 1, maximum: 24, default: 6 },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as { report: string; periods: number };
      const report = reportOf(q.report);
      const periods = closedPeriods(REPORTS[report.id].periodType, q.periods, new Date());
      const cells = facilities.list().flatMap((facility) =>
        periods.map((period) => {
          const runs = store.list(
            (r) => r.report === report.id && r.facility.database === facility.database && r.periodText === period,
          );
          const sent = runs.flatMap((r) => r.pushes.filter((p) => !p.dryRun).map((p) => ({ run: r, push: p })));
          const latest = sent.sort((a, b) => b.push.at.localeCompare(a.push.at))[0];
          const done = runs.find((r) => r.status === 'done');
          const status = latest
            ? latest.push.status === 'ok'
              ? 'sent'
              : 'failed'
            : done
              ? 'not-sent'
              : runs.length
                ? 'not-run'
                : 'none';
          return {
            facility: facility.database,
            period,
            status,
            runId: latest?.run.id ?? done?.id ?? null,
            at: latest?.push.at ?? done?.finishedAt ?? null,
            message: latest && latest.push.status !== 'ok' ? latest.push.message : null,
          };
        }),
      );
      return {
        report: report.id,
        periods,
        facilities: facilities.list().map(({ database, code, name }) => ({ database, code, name })),
        cells,
      };
    },
  );
}
