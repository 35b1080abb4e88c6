import pg from 'pg';
import { buildFila, type FilaEncounter } from '@poc-emr/fila';
import type { BridgeConfig } from './config';
import { ItemProblem, toDispensation, type DispensationContext } from './dispensation';
import { OpenmrsClient, OpenmrsError } from './openmrs';
import { Outbox, type OutboxItem } from './outbox';

// iDART → OpenMRS: each cycle compares iDART with the outbox (scan), then sends what is owed. Exactly one
// FILA per dispensation, whatever fails when: the FILA's uuid is fixed by the package and its content, so
// the bridge first asks OpenMRS whether that FILA exists and posts only if it does not; a post whose
// answer was lost is found by the next attempt's question. The outbox row is marked sent only after
// OpenMRS holds the FILA and the FILAs it replaces are voided.

export interface CycleResult {
  scanned: { added: number; changed: number; removed: number };
  sent: number;
  voided: number;
  errors: number;
  deferred: number;
}

export class Bridge {
  readonly outbox: Outbox;
  readonly openmrs: OpenmrsClient;
  private readonly context: DispensationContext;
  private stopped = true;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;

  constructor(
    readonly config: BridgeConfig,
    readonly pool: pg.Pool = new pg.Pool({ connectionString: config.idartUrl, max: 4 }),
  ) {
    // An item's calls: patient, enrolment, regimen, the FILA asked, posted, asked again, two voided.
    this.outbox = new Outbox(pool, config.locationUuid, {
      baseMs: config.retryBaseMs,
      maxMs: config.maxRetryMs,
      leaseMs: config.timeoutMs * 10,
    });
    this.openmrs = new OpenmrsClient({
      url: config.openmrsUrl,
      username: config.openmrsUsername,
      password: config.openmrsPassword,
      timeoutMs: config.timeoutMs,
    });
    this.context = {
      openmrs: this.openmrs,
      drugs: config.drugs,
      locationUuid: config.locationUuid,
      providerUuid: config.providerUuid,
      knownConcepts: new Set(),
    };
  }

  /**
   * One scan of iDART, then every item due at the cycle's start sent (or deferred, or queued as an error):
   * each at most once a cycle, however short its retry time.
   */
  async cycle(): Promise<CycleResult> {
    const scanned = await this.outbox.scan(this.config.since);
    const dueBy = await this.outbox.now();
    const result: CycleResult = { scanned, sent: 0, voided: 0, errors: 0, deferred: 0 };
    for (;;) {
      const items = await this.outbox.claim(this.config.batchSize, dueBy);
      if (items.length === 0) break;
      for (const item of items) result[await this.deliver(item)]++;
      if (this.stopped && this.running) break;
    }
    return result;
  }

  /** Delivers one claimed item; answers what became of it. */
  async deliver(item: OutboxItem): Promise<'sent' | 'voided' | 'errors' | 'deferred'> {
    try {
      if (item.state === 'voiding') {
        for (const uuid of new Set([item.encounterUuid, ...item.superseded]))
          await this.voidFila(uuid, 'Levantamento anulado no iDART');
        await this.outbox.markVoided(item);
        return 'voided';
      }
      const dispensation = await toDispensation(item.encounterUuid, item.content, this.context);
      await this.ensureFila(buildFila(dispensation));
      for (const uuid of item.superseded)
        if (uuid !== item.encounterUuid) await this.voidFila(uuid, 'Levantamento alterado no iDART');
      // Edited in iDART while it was being sent: the new content is owed (and this FILA superseded).
      return (await this.outbox.markSent(item)) ? 'sent' : 'deferred';
    } catch (error) {
      if (error instanceof ItemProblem) {
        await this.outbox.markError(item, error.code, error.message, this.config.errorRecheckMs);
        return 'errors';
      }
      if (error instanceof OpenmrsError && !error.passing) {
        if (error.fields.includes('encounterDatetime')) {
          // OpenMRS's clock is behind the pickup day iDART wrote: send it once OpenMRS's day has come.
          await this.outbox.markDeferred(
            item,
            'future-date',
            `O OpenMRS ainda não chegou ao dia ${item.content.pickup}: ${error.detail}`,
          );
          return 'deferred';
        }
        await this.outbox.markError(
          item,
          'openmrs-refused',
          `O OpenMRS recusou o levantamento: ${error.detail}`,
          this.config.errorRecheckMs,
        );
        return 'errors';
      }
      const message = (error as Error).message;
      await this.outbox.markDeferred(item, error instanceof OpenmrsError ? 'openmrs-unavailable' : 'internal', message);
      return 'deferred';
    }
  }

  /** The FILA exists in OpenMRS once, not voided: asked first, posted only when absent. */
  private async ensureFila(fila: FilaEncounter): Promise<void> {
    const existing = await this.openmrs.get<{ voided?: boolean }>(`encounter/${fila.uuid}?v=custom:(uuid,voided)`);
    if (existing) {
      if (existing.voided) await this.openmrs.post(`encounter/${fila.uuid}`, { deleted: false });
      return;
    }
    try {
      await this.openmrs.post('encounter', fila);
    } catch (error) {
      // A post refused because that uuid now exists (an earlier post's answer was lost): done.
      if (error instanceof OpenmrsError && error.status === 400) {
        const now = await this.openmrs.get<{ voided?: boolean }>(`encounter/${fila.uuid}?v=custom:(uuid,voided)`);
        if (now && !now.voided) return;
      }
      throw error;
    }
  }

  private async voidFila(uuid: string, reason: string): Promise<void> {
    const existing = await this.openmrs.get<{ voided?: boolean }>(`encounter/${uuid}?v=custom:(uuid,voided)`);
    if (!existing || existing.voided) return;
    await this.openmrs.delete(`encounter/${uuid}?reason=${encodeURIComponent(reason)}`);
  }

  /** Cycles until stop(): every BRIDGE_SCAN_SECONDS, sooner when an item falls due or retryNow() asks. */
  start(log: (line: string) => void = console.log): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = (async () => {
      await this.outbox.migrate();
      while (!this.stopped) {
        try {
          const r = await this.cycle();
          if (r.sent + r.voided + r.errors + r.deferred + r.scanned.added + r.scanned.changed + r.scanned.removed > 0)
            log(`iDART bridge: ${JSON.stringify(r)}`);
        } catch (error) {
          log(`iDART bridge cycle failed: ${(error as Error).message}`);
          await this.outbox.note('last-failure', (error as Error).message).catch(() => undefined);
        }
        if (this.stopped) break;
        const untilDue = (await this.outbox.msUntilDue().catch(() => null)) ?? Infinity;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(this.config.scanSeconds * 1000, untilDue + 50));
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  /** Runs a cycle soon (after a retry from the error queue). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.pool.end();
  }
}
