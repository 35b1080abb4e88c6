import type pg from 'pg';
import { SCHEMA } from './outbox';

// What partner IT looks at: when the bridge last delivered, how many dispensations are owed or in the error
// queue, how long the oldest has been owed — every age measured by PostgreSQL's clock alone.

export interface BridgeStatus {
  since: string;
  lastSuccessAt: string | null;
  lastScanAt: string | null;
  lastFailure: { at: string; detail: string | null } | null;
  counts: { pending: number; voiding: number; error: number; sent: number; voided: number };
  /** Seconds the oldest owed item (pending or voiding) has waited. */
  oldestPendingSeconds: number | null;
}

export async function bridgeStatus(pool: pg.Pool, since: string): Promise<BridgeStatus> {
  const counts = await pool.query(`SELECT state, count(*)::int AS n FROM ${SCHEMA}.outbox GROUP BY state`);
  const events = await pool.query(
    `SELECT name, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SSOF') AS at, detail FROM ${SCHEMA}.event`,
  );
  const oldest = await pool.query(
    `SELECT EXTRACT(EPOCH FROM now() - min(changed_at))::int AS seconds FROM ${SCHEMA}.outbox
     WHERE state IN ('pending', 'voiding')`,
  );
  const event = (name: string) => events.rows.find((e) => e.name === name);
  const n = (state: string) => Number(counts.rows.find((r) => r.state === state)?.n ?? 0);
  const failure = event('last-failure');
  return {
    since,
    lastSuccessAt: event('last-success')?.at ?? null,
    lastScanAt: event('last-scan')?.at ?? null,
    lastFailure: failure ? { at: failure.at, detail: failure.detail } : null,
    counts: { pending: n('pending'), voiding: n('voiding'), error: n('error'), sent: n('sent'), voided: n('voided') },
    oldestPendingSeconds: oldest.rows[0].seconds === null ? null : Number(oldest.rows[0].seconds),
  };
}
