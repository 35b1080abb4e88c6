import pg from 'pg';

// The bridge's durable outbox, in its own schema of the iDART database, so that what iDART holds and what
// the bridge has delivered are compared in one statement. One row per iDART package (a dispensation):
// the content last seen, the FILA uuid it is owed as, and its state. Nothing here reads a clock of iDART's
// or OpenMRS's: a change is a different content, and every wait is measured by PostgreSQL's own now().

export const SCHEMA = 'idart_bridge';

export type ItemState = 'pending' | 'sent' | 'error' | 'voiding' | 'voided';

export interface SourceContent {
  packageId: string;
  /** yyyy-mm-dd: iDART's pickup day. */
  pickup: string;
  weeksSupply: number;
  nid: string;
  patientUuid: string | null;
  patientName: string;
  /** regimeterapeutico.regimenomeespecificado: the OpenMRS regimen concept uuid. */
  regimen: string | null;
  regimenName: string | null;
  quarterly: boolean;
  semiannual: boolean;
  /** packagedruginfotmp.dateexpectedstring: "dd MMM yyyy" in the iDART machine's language. */
  nextPickup: string | null;
  /** The package's ARVs (side treatments are not on the FILA), in the order they were packed. */
  drugs: Array<{ drug: string; amount: number; amountPerTime: number | null; timesPerDay: number | null }>;
}

export interface OutboxItem {
  packageId: number;
  contentHash: string;
  content: SourceContent;
  encounterUuid: string;
  state: ItemState;
  attempts: number;
  reasonCode: string | null;
  reason: string | null;
  superseded: string[];
  firstSeenAt: Date;
  sentAt: Date | null;
}

const MIGRATION = `
CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
CREATE TABLE IF NOT EXISTS ${SCHEMA}.outbox (
  package_id integer PRIMARY KEY,
  content_hash text NOT NULL,
  content jsonb NOT NULL,
  pickup date NOT NULL,
  nid text NOT NULL,
  encounter_uuid uuid NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'sent', 'error', 'voiding', 'voided')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  reason_code text,
  reason text,
  superseded uuid[] NOT NULL DEFAULT '{}',
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  changed_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_due ON ${SCHEMA}.outbox (next_attempt_at) WHERE state IN ('pending', 'voiding', 'error');
CREATE INDEX IF NOT EXISTS outbox_nid ON ${SCHEMA}.outbox (nid);
CREATE TABLE IF NOT EXISTS ${SCHEMA}.event (
  name text PRIMARY KEY,
  at timestamptz NOT NULL,
  detail text
);
-- A name-based uuid (version 3 bits over an md5): the same package with the same content always owes the
-- same FILA uuid, whatever the bridge remembers.
CREATE OR REPLACE FUNCTION ${SCHEMA}.name_uuid(name text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT (substr(h, 1, 12) || '3' || substr(h, 14, 3)
          || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int % 4) + 1, 1) || substr(h, 18, 15))::uuid
  FROM md5(name) h
$$;
-- Each dispensation as iDART holds it now: a package picked up and not returned, its patient,
-- prescription, regimen, next pickup (from the dispensing log) and ARVs (two batches of one drug summed).
CREATE OR REPLACE VIEW ${SCHEMA}.source AS
SELECT p.id AS package_id, p.pickupdate::date AS pickup, pa.patientid AS nid,
  jsonb_build_object(
    'packageId', p.packageid,
    'pickup', to_char(p.pickupdate, 'YYYY-MM-DD'),
    'weeksSupply', p.weekssupply,
    'nid', pa.patientid,
    'patientUuid', NULLIF(COALESCE(NULLIF(pa.uuidopenmrs, ''), pa.uuid), ''),
    'patientName', concat_ws(' ', pa.firstnames, pa.lastname),
    'regimen', NULLIF(rt.regimenomeespecificado, ''),
    'regimenName', rt.regimeesquema,
    'quarterly', COALESCE(pr.dispensatrimestral, 0) = 1,
    'semiannual', COALESCE(pr.dispensasemestral, 0) = 1,
    'nextPickup', (SELECT max(i.dateexpectedstring) FROM packagedruginfotmp i WHERE i.packageid = p.packageid),
    'drugs', COALESCE((
      SELECT jsonb_agg(jsonb_build_object('drug', g.name, 'amount', g.amount, 'amountPerTime', g.amtpertime,
                                          'timesPerDay', g.timesperday) ORDER BY g.first)
      FROM (SELECT d.name, sum(pd.amount) AS amount, max(pdd.amtpertime) AS amtpertime,
                   max(pdd.timesperday) AS timesperday, min(pd.id) AS first
            FROM packageddrugs pd JOIN stock s ON s.id = pd.stock JOIN drug d ON d.id = s.drug
            LEFT JOIN prescribeddrugs pdd ON pdd.prescription = pr.id AND pdd.drug = d.id
            WHERE pd.parentpackage = p.id AND d.sidetreatment = 'F'
            GROUP BY d.name) g), '[]'::jsonb)
  ) AS content
FROM package p
JOIN prescription pr ON pr.id = p.prescription
JOIN patient pa ON pa.id = pr.patient
LEFT JOIN regimeterapeutico rt ON rt.regimeid = pr.regimeid
WHERE p.pickupdate IS NOT NULL AND NOT p.packagereturned;
`;

export interface ScanResult {
  added: number;
  changed: number;
  removed: number;
}

const ITEM_COLUMNS = `package_id, content_hash, content, encounter_uuid::text, state, attempts, reason_code, reason,
  superseded::text[] AS superseded, first_seen_at, sent_at`;

function toItem(r: Record<string, unknown>): OutboxItem {
  return {
    packageId: Number(r.package_id),
    contentHash: String(r.content_hash),
    content: r.content as SourceContent,
    encounterUuid: String(r.encounter_uuid),
    state: r.state as ItemState,
    attempts: Number(r.attempts),
    reasonCode: (r.reason_code as string) ?? null,
    reason: (r.reason as string) ?? null,
    superseded: (r.superseded as string[]) ?? [],
    firstSeenAt: r.first_seen_at as Date,
    sentAt: (r.sent_at as Date) ?? null,
  };
}

export interface RetryPolicy {
  /** First wait after a passing failure; doubles with each further one (±25 %), up to maxMs. */
  baseMs: number;
  maxMs: number;
  /** How long a claimed item is the claimer's alone: longer than sending one item can take. */
  leaseMs: number;
}

export class Outbox {
  constructor(
    readonly pool: pg.Pool,
    /** Part of every FILA uuid's name: the facility's OpenMRS location. */
    private readonly facility: string,
    private readonly retry: RetryPolicy,
  ) {}

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // One bridge at a time may change the schema (a second instance waits here, then finds it done).
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('${SCHEMA}.migrate'))`);
      await client.query(MIGRATION);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Compares iDART with the outbox in one statement: a new package is owed a FILA; a package whose content
   * changed is owed a new one (its earlier FILA is to be voided); a package gone (returned, deleted) is
   * owed the voiding of what was sent.
   */
  async scan(since: string): Promise<ScanResult> {
    const { rows } = await this.pool.query(
      `WITH src AS (
         SELECT s.package_id, s.pickup, s.nid, s.content, md5(s.content::text) AS hash
         FROM ${SCHEMA}.source s WHERE s.pickup >= $1::date
       ), upsert AS (
         INSERT INTO ${SCHEMA}.outbox AS o (package_id, content_hash, content, pickup, nid, encounter_uuid, state)
         SELECT package_id, hash, content, pickup, nid,
                ${SCHEMA}.name_uuid($2 || ':' || package_id || ':' || hash), 'pending'
         FROM src
         ON CONFLICT (package_id) DO UPDATE SET
           content_hash = EXCLUDED.content_hash, content = EXCLUDED.content, pickup = EXCLUDED.pickup,
           nid = EXCLUDED.nid, encounter_uuid = EXCLUDED.encounter_uuid,
           superseded = CASE WHEN o.encounter_uuid = EXCLUDED.encounter_uuid THEN o.superseded
                             ELSE array_append(o.superseded, o.encounter_uuid) END,
           state = 'pending', attempts = 0, next_attempt_at = now(), reason_code = NULL, reason = NULL,
           changed_at = now()
         WHERE o.content_hash <> EXCLUDED.content_hash OR o.state IN ('voiding', 'voided')
         RETURNING (xmax = 0) AS inserted
       ), gone AS (
         UPDATE ${SCHEMA}.outbox o SET state = 'voiding', attempts = 0, next_attempt_at = now(),
           reason_code = NULL, reason = NULL, changed_at = now()
         WHERE o.state IN ('pending', 'sent', 'error') AND NOT EXISTS (SELECT 1 FROM src WHERE src.package_id = o.package_id)
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM upsert WHERE inserted)::int AS added,
              (SELECT count(*) FROM upsert WHERE NOT inserted)::int AS changed,
              (SELECT count(*) FROM gone)::int AS removed`,
      [since, this.facility],
    );
    await this.note('last-scan', JSON.stringify(rows[0]));
    return rows[0] as ScanResult;
  }

  /**
   * Takes up to `limit` items due by `dueBy`, each leased to the caller: a bridge killed while sending
   * finds them due again when the lease ends, and two bridges never send the same item at once.
   */
  async claim(limit: number, dueBy: string): Promise<OutboxItem[]> {
    const { rows } = await this.pool.query(
      `UPDATE ${SCHEMA}.outbox o SET attempts = o.attempts + 1,
         next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
       WHERE o.package_id IN (
         SELECT package_id FROM ${SCHEMA}.outbox
         WHERE state IN ('pending', 'voiding', 'error') AND next_attempt_at <= $3::timestamptz
         ORDER BY next_attempt_at, package_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${ITEM_COLUMNS}`,
      [limit, this.retry.leaseMs, dueBy],
    );
    return rows.map(toItem);
  }

  /**
   * The FILA is in OpenMRS and what it replaces is voided; iDART's own outbox rows of the package are
   * marked exported. Only if the content is still the one sent: a package edited meanwhile stays owed.
   */
  async markSent(item: OutboxItem): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const done = await client.query(
        `UPDATE ${SCHEMA}.outbox SET state = 'sent', sent_at = now(), superseded = '{}', attempts = 0,
           reason_code = NULL, reason = NULL, changed_at = now()
         WHERE package_id = $1 AND content_hash = $2 AND state IN ('pending', 'error')`,
        [item.packageId, item.contentHash],
      );
      if (done.rowCount)
        await client.query(
          `UPDATE sync_openmrs_dispense SET syncstatus = 'E' WHERE packageid = $1 AND syncstatus <> 'E'`,
          [item.content.packageId],
        );
      await client.query(
        `INSERT INTO ${SCHEMA}.event (name, at) VALUES ('last-success', now())
         ON CONFLICT (name) DO UPDATE SET at = now(), detail = NULL`,
      );
      await client.query('COMMIT');
      return Boolean(done.rowCount);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async markVoided(item: OutboxItem): Promise<void> {
    await this.pool.query(
      `UPDATE ${SCHEMA}.outbox SET state = 'voided', superseded = '{}', attempts = 0, reason_code = NULL, reason = NULL,
         changed_at = now()
       WHERE package_id = $1 AND content_hash = $2 AND state = 'voiding'`,
      [item.packageId, item.contentHash],
    );
    await this.note('last-success');
  }

  /** The item cannot go until someone fixes its cause: the error queue, checked again after `recheckMs`. */
  async markError(item: OutboxItem, code: string, reason: string, recheckMs: number): Promise<void> {
    await this.pool.query(
      `UPDATE ${SCHEMA}.outbox SET state = 'error', reason_code = $3, reason = $4, attempts = 0,
         next_attempt_at = now() + make_interval(secs => $5::float8 / 1000), changed_at = now()
       WHERE package_id = $1 AND content_hash = $2 AND state IN ('pending', 'error')`,
      [item.packageId, item.contentHash, code, reason, recheckMs],
    );
  }

  /** A passing failure (OpenMRS down, a time-out): the item stays owed, tried again after a growing wait. */
  async markDeferred(item: OutboxItem, code: string, reason: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${SCHEMA}.outbox SET reason_code = $3, reason = $4,
         next_attempt_at = now() + make_interval(secs => LEAST($6::float8, $5::float8 * 2 ^ LEAST(attempts - 1, 30))
                                                  * (0.75 + random() / 2) / 1000)
       WHERE package_id = $1 AND content_hash = $2 AND state IN ('pending', 'voiding', 'error')`,
      [item.packageId, item.contentHash, code, reason, this.retry.baseMs, this.retry.maxMs],
    );
    await this.note('last-failure', `${code}: ${reason}`);
  }

  /** Sends an item in the error queue (or waiting for a retry) again now. */
  async retryNow(packageId: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE ${SCHEMA}.outbox SET state = CASE state WHEN 'error' THEN 'pending' ELSE state END, next_attempt_at = now()
       WHERE package_id = $1 AND state IN ('pending', 'voiding', 'error')`,
      [packageId],
    );
    return Boolean(rowCount);
  }

  async items(where: string, params: unknown[] = [], limit = 500): Promise<OutboxItem[]> {
    const { rows } = await this.pool.query(
      `SELECT ${ITEM_COLUMNS} FROM ${SCHEMA}.outbox WHERE ${where} ORDER BY pickup DESC, package_id LIMIT ${Number(limit)}`,
      params,
    );
    return rows.map(toItem);
  }

  /** PostgreSQL's now, as text (microseconds kept): what a cycle takes as due. */
  async now(): Promise<string> {
    return (await this.pool.query('SELECT now()::text AS now')).rows[0].now as string;
  }

  /** Milliseconds until the next item falls due, by PostgreSQL's clock (null when none is owed). */
  async msUntilDue(): Promise<number | null> {
    const { rows } = await this.pool.query(
      `SELECT GREATEST(0, EXTRACT(EPOCH FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms
       FROM ${SCHEMA}.outbox WHERE state IN ('pending', 'voiding', 'error')`,
    );
    return rows[0].ms === null ? null : Number(rows[0].ms);
  }

  async note(name: string, detail: string | null = null): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${SCHEMA}.event (name, at, detail) VALUES ($1, now(), $2)
       ON CONFLICT (name) DO UPDATE SET at = now(), detail = EXCLUDED.detail`,
      [name, detail],
    );
  }
}
