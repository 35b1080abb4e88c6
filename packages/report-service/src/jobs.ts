import crypto from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { REPORTS, runReports, type Period } from '@poc-emr/report-engine';
import { connectTo, type Facility } from './facilities';
import type { RunRecord, RunStore } from './store';

// Report runs as jobs: queued, run one at a time per facility (and `concurrency` at once overall), with
// their progress (indicators done), cancellable (the query is killed on the server), kept with who ran
// them and when.

export class RunInProgress extends Error {
  constructor(readonly run: RunRecord) {
    super(
      `Já está a correr ${run.report} ${run.periodText} nesta unidade sanitária (pedido por ${run.requestedBy.display}).`,
    );
  }
}

export interface RunRequest {
  report: string;
  periodText: string;
  period: Period;
  facility: Facility;
  requestedBy: RunRecord['requestedBy'];
  trigger: RunRecord['trigger'];
}

export class ReportJobs {
  private readonly queue: string[] = [];
  private readonly running = new Map<string, { conn?: Connection; cancelled: boolean }>();
  private readonly facilities = new Map<string, Facility>();
  private idle: Array<() => void> = [];

  constructor(
    private readonly store: RunStore,
    private readonly concurrency: number,
  ) {}

  /** Queues a run; refused while the facility has one queued or running. */
  start(request: RunRequest): RunRecord {
    const busy = this.store.list(
      (r) => r.facility.database === request.facility.database && (r.status === 'queued' || r.status === 'running'),
    )[0];
    if (busy) throw new RunInProgress(busy);
    const report = REPORTS[request.report];
    const run: RunRecord = {
      id: crypto.randomUUID(),
      report: report.id,
      periodText: request.periodText,
      period: request.period,
      facility: { database: request.facility.database, code: request.facility.code, name: request.facility.name },
      requestedBy: request.requestedBy,
      trigger: request.trigger,
      status: 'queued',
      progress: { done: 0, total: report.indicators.length },
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      rowsRead: null,
      error: null,
      pushes: [],
    };
    this.store.save(run);
    this.facilities.set(run.id, request.facility);
    this.queue.push(run.id);
    this.next();
    return run;
  }

  /** Stops a queued or running run; its result is never kept. Answers whether there was one to stop. */
  async cancel(id: string): Promise<boolean> {
    const run = this.store.get(id);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return false;
    const queued = this.queue.indexOf(id);
    if (queued >= 0) this.queue.splice(queued, 1);
    const job = this.running.get(id);
    if (job) {
      job.cancelled = true;
      if (job.conn) await kill(this.facilities.get(id)!, job.conn.threadId);
    }
    this.finish(run, 'cancelled', 'Cancelado a pedido.');
    return true;
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  settled(): Promise<void> {
    if (this.queue.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Cancels everything (service shutdown). */
  async stop(): Promise<void> {
    for (const id of [...this.queue, ...this.running.keys()]) await this.cancel(id);
  }

  private next(): void {
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const job = { cancelled: false } as { conn?: Connection; cancelled: boolean };
      this.running.set(id, job);
      void this.execute(id, job).finally(() => {
        this.running.delete(id);
        this.facilities.delete(id);
        this.next();
        if (this.queue.length === 0 && this.running.size === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  private async execute(id: string, job: { conn?: Connection; cancelled: boolean }): Promise<void> {
    const run = this.store.get(id)!;
    const facility = this.facilities.get(id)!;
    run.status = 'running';
    run.startedAt = new Date().toISOString();
    this.store.save(run);
    try {
      job.conn = await connectTo(facility.source);
      const [result] = await runReports(
        job.conn,
        facility.database,
        [{ report: REPORTS[run.report], period: run.period }],
        {
          lineLists: true,
          onIndicator: () => {
            run.progress = { ...run.progress, done: run.progress.done + 1 };
          },
        },
      );
      if (job.cancelled) return;
      this.store.saveResult(id, result);
      run.facility = {
        database: facility.database,
        code: result.facility?.code ?? null,
        name: result.facility?.name ?? facility.name,
      };
      run.rowsRead = result.rowsRead;
      this.finish(run, 'done', null);
    } catch (error) {
      if (!job.cancelled) this.finish(run, 'failed', `A execução falhou: ${(error as Error).message}`);
    } finally {
      await job.conn?.end().catch(() => job.conn?.destroy());
    }
  }

  private finish(run: RunRecord, status: RunRecord['status'], error: string | null): void {
    run.status = status;
    run.error = error;
    run.finishedAt = new Date().toISOString();
    run.durationMs = run.startedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : null;
    this.store.save(run);
  }
}

/** Ends the run's connection on the server: its statement stops and its temporary tables go. */
async function kill(facility: Facility, threadId: number): Promise<void> {
  const conn = await connectTo(facility.source);
  try {
    await conn.query('KILL ?', [threadId]);
  } catch {
    // already gone
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}
