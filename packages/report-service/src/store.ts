import fs from 'node:fs';
import path from 'node:path';
import type { FacilityReport, Period } from '@poc-emr/report-engine';

// Runs and pushes are kept as files in the service's data folder (a volume in the distro): one folder
// per run with its record (the manifest: who asked, when, what happened) and its result. Every file is
// written beside its place and renamed into it, so a crash leaves the old file or the new one, never
// half of one.

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface PushRecord {
  id: string;
  dryRun: boolean;
  format: 'json' | 'adx';
  at: string;
  by: string;
  /** ok: DHIS2 took every value; conflicts: it refused some; failed: nothing was taken. */
  status: 'ok' | 'conflicts' | 'failed';
  httpStatus: number | null;
  importCount: { imported: number; updated: number; ignored: number; deleted: number } | null;
  conflicts: Array<{ object: string; value: string; errorCode?: string }>;
  message: string;
  attempts: number;
  values: number;
}

export interface RunRecord {
  id: string;
  report: string;
  /** As asked: 2026-10, 2026Q4 or 2026-09-21..2026-10-20. */
  periodText: string;
  period: Period;
  facility: { database: string; code: string | null; name: string };
  requestedBy: { username: string; display: string };
  trigger: 'user' | 'schedule';
  status: RunStatus;
  progress: { done: number; total: number };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  rowsRead: number | null;
  error: string | null;
  pushes: PushRecord[];
}

export class RunStore {
  private readonly runs = new Map<string, RunRecord>();
  /** The results read last: a page of patients after another reads the same run. */
  private readonly results = new Map<string, FacilityReport>();

  constructor(private readonly dir: string) {}

  /** Reads every run; those a stopped service left queued or running are marked interrupted. */
  load(now = new Date()): void {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const id of fs.readdirSync(this.dir)) {
      const file = path.join(this.dir, id, 'run.json');
      if (!/^[0-9a-f-]{36}$/.test(id) || !fs.existsSync(file)) continue;
      const run = JSON.parse(fs.readFileSync(file, 'utf8')) as RunRecord;
      if (run.status === 'queued' || run.status === 'running') {
        run.status = 'interrupted';
        run.finishedAt = now.toISOString();
        run.error = 'O serviço de relatórios parou durante a execução; corra o relatório de novo.';
        this.write(run.id, 'run.json', JSON.stringify(run));
      }
      this.runs.set(run.id, run);
    }
  }

  /** Newest first. */
  list(filter: (run: RunRecord) => boolean = () => true): RunRecord[] {
    return [...this.runs.values()].filter(filter).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  get(id: string): RunRecord | undefined {
    return this.runs.get(id);
  }

  save(run: RunRecord): void {
    this.runs.set(run.id, run);
    this.write(run.id, 'run.json', JSON.stringify(run));
  }

  saveResult(id: string, result: FacilityReport): void {
    this.write(id, 'result.json', JSON.stringify(result));
  }

  result(id: string): FacilityReport | undefined {
    const cached = this.results.get(id);
    if (cached) return cached;
    const file = path.join(this.dir, id, 'result.json');
    if (!fs.existsSync(file)) return undefined;
    const result = JSON.parse(fs.readFileSync(file, 'utf8')) as FacilityReport;
    if (this.results.size >= 3) this.results.delete(this.results.keys().next().value!);
    this.results.set(id, result);
    return result;
  }

  private write(id: string, name: string, content: string): void {
    const folder = path.join(this.dir, id);
    fs.mkdirSync(folder, { recursive: true });
    const partial = path.join(folder, `.${name}.partial`);
    fs.writeFileSync(partial, content);
    fs.renameSync(partial, path.join(folder, name));
  }
}
