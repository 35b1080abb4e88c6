import { RunInProgress } from './jobs';
import { latestScheduled } from './schedule';
import type { Context } from './server';

const HOUR = 3600_000;

/**
 * Starts the scheduled runs whose time has come, for every facility: the period that just closed, unless
 * it already has a run (queued, running or done, or one that failed within the hour). Checked every
 * minute and at start, so a server that was off at 02:00 catches up when it comes back.
 */
export class Scheduler {
  private timer?: NodeJS.Timeout;

  constructor(private readonly context: Context) {}

  start(now: () => Date = () => new Date()): void {
    if (this.context.config.schedule.length === 0) return;
    this.tick(now());
    this.timer = setInterval(() => this.tick(now()), 60_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The runs started at `now`, by id. */
  tick(now: Date): string[] {
    const { store, jobs, facilities, config } = this.context;
    const started: string[] = [];
    for (const entry of config.schedule) {
      const { at, period, text } = latestScheduled(entry, now);
      for (const facility of facilities.list()) {
        const earlier = store.list(
          (r) => r.report === entry.report && r.periodText === text && r.facility.database === facility.database,
        );
        const covered = earlier.some(
          (r) =>
            ['queued', 'running', 'done'].includes(r.status) ||
            (r.status === 'failed' && now.getTime() - Date.parse(r.createdAt) < HOUR),
        );
        if (covered || now < at) continue;
        try {
          const run = jobs.start({
            report: entry.report,
            periodText: text,
            period,
            facility,
            requestedBy: { username: 'agendamento', display: 'Agendamento automático' },
            trigger: 'schedule',
          });
          started.push(run.id);
        } catch (error) {
          // Another run of the facility is under way: the next minute tries again.
          if (!(error instanceof RunInProgress)) throw error;
        }
      }
    }
    return started;
  }
}
