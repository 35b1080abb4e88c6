import type { FastifyInstance } from 'fastify';
import { createGuardedService, Sessions, type RouteGuard } from '@poc-emr/openmrs-auth';
import type { ServiceConfig } from './config';
import { Facilities } from './facilities';
import { ReportJobs } from './jobs';
import { dhis2Routes } from './routes/dhis2';
import { listRoutes } from './routes/lists';
import { patientRoutes } from './routes/patients';
import { runRoutes } from './routes/runs';
import { systemStatusRoutes } from './routes/system-status';
import { Scheduler } from './scheduler';
import { RunStore } from './store';

/** Everything under the OpenMRS context path, so the browser sends the session cookie (Path=/openmrs). */
export const PREFIX = '/openmrs/ws/poc-emr';

export interface Context {
  config: ServiceConfig;
  store: RunStore;
  jobs: ReportJobs;
  facilities: Facilities;
}

export interface ReportService extends Context {
  app: FastifyInstance;
  /** Every endpoint with the privilege it requires. */
  routes: RouteGuard[];
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

  const { app, routes } = createGuardedService({
    sessions,
    bodyLimit: 64 * 1024,
    internalError: 'Erro interno do serviço de relatórios.',
  });

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
      systemStatusRoutes(scope, context);
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
