import type { Connection } from 'mysql2/promise';
import { maskUrlPassword } from '@poc-emr/db';
import { changedPatients, patientUuids } from './changes';
import { centralIsEmpty, ensureCentral, hasSourceRows, lastSuccessfulRun } from './central';
import { bulkLoad } from './bulk';
import { copyRows, type Transport } from './copy';
import { open, resolveEndpoint, sameServer, type Endpoint } from './endpoint';
import { loadPseudonymiser, type Pseudonymiser } from './pseudonymise';
import { sourceSelect, type QueryContext } from './queries';
import { MOZART_TABLES, q, TABLES, type MozartTable } from './schema';
import { resolveMozartTerms } from './terms';

/** A facility: a URL or a database name on the local server, optionally with its source_database name. */
export type SourceSpec = string | { source: string; name?: string };

export interface ExtractProgress {
  source: string;
  table: MozartTable;
  extracted: number;
  deleted: number;
}

export interface ExtractOptions {
  sources: SourceSpec[];
  /** The central database: URL or a database name on the local server; created if absent. */
  central: string;
  /** source_database for a single source (default: its database name). */
  sourceDatabaseName?: string;
  /** HMAC key for identifier values; else $MOZART2_PSEUDONYMISE_KEY(_FILE); else no pseudonymisation. */
  pseudonymiseKey?: string | Buffer;
  /** Re-extract everything instead of what changed since the last successful run. */
  full?: boolean;
  /** 'stream' forces rows through Node even when both databases share a server. */
  transport?: 'auto' | 'stream';
  /** Called after each table of each source; a throw fails (and rolls back) that source's run. */
  onProgress?: (p: ExtractProgress) => void;
}

export interface TableCount {
  extracted: number;
  deleted: number;
}

export interface SourceRun {
  source: string;
  sourceDatabase: string;
  status: 'success' | 'failed';
  mode?: 'full' | 'incremental';
  transport?: Transport['kind'];
  watermark?: string;
  changedPatients?: number;
  rows: Partial<Record<MozartTable, TableCount>>;
  seconds: number;
  error?: string;
}

export interface ExtractResult {
  central: string;
  runs: SourceRun[];
  ok: boolean;
}

/** Patients per incremental batch: bounds the IN lists and the staging tables. */
const PATIENT_CHUNK = 5000;
/** Stored watermarks lag the source clock, so rows stamped just before a run but committed during it are re-read. */
const WATERMARK_OVERLAP_SECONDS = 60;

export function sourceName(spec: SourceSpec, options: Pick<ExtractOptions, 'sources' | 'sourceDatabaseName'>): string {
  if (typeof spec !== 'string' && spec.name) return spec.name;
  if (options.sourceDatabaseName) {
    if (options.sources.length > 1) throw new Error('sourceDatabaseName applies to a single source only');
    return options.sourceDatabaseName;
  }
  const raw = typeof spec === 'string' ? spec : spec.source;
  try {
    return resolveEndpoint(raw).database;
  } catch {
    return maskUrlPassword(raw);
  }
}

/**
 * Extracts the MozART 2 tables of every source into the central database. Each source is one
 * central transaction, recorded in extract_run; a failing source is recorded and reported as
 * failed while the others still run.
 */
export async function extractMozart2(options: ExtractOptions): Promise<ExtractResult> {
  if (!options.sources.length) throw new Error('No source database given');
  const centralEp = resolveEndpoint(options.central);
  const pseudonymiser = loadPseudonymiser(options.pseudonymiseKey);
  const central = await open(centralEp.credentials, undefined, centralEp.label);
  const runs: SourceRun[] = [];
  try {
    await ensureCentral(central, centralEp.database);
    // Runs into one central database must not interleave: watermarks and bulk loads assume it.
    const lock = `mozart2:${centralEp.database}`;
    const [[held]] = (await central.query('SELECT GET_LOCK(?, 0) AS ok', [lock])) as unknown as [[{ ok: number }]];
    if (Number(held.ok) !== 1) throw new Error(`Another MozART 2 extract into ${centralEp.label} is running`);
    // The SELECT half of INSERT … SELECT then reads without locking the facility's rows.
    await central.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await tuneSession(central);
    for (const spec of options.sources) {
      runs.push(await extractSource(spec, centralEp, central, options, pseudonymiser));
    }
  } finally {
    await central.end();
  }
  return { central: centralEp.label, runs, ok: runs.every((r) => r.status === 'success') };
}

async function extractSource(
  spec: SourceSpec,
  centralEp: Endpoint,
  central: Connection,
  options: ExtractOptions,
  pseudonymiser: Pseudonymiser | undefined,
): Promise<SourceRun> {
  const started = Date.now();
  const raw = typeof spec === 'string' ? spec : spec.source;
  const name = sourceName(spec, options);
  const run: SourceRun = { source: raw, sourceDatabase: name, status: 'failed', rows: {}, seconds: 0 };
  const [inserted] = (await central.query(
    `INSERT INTO extract_run (source_database, mode, started, status, key_fingerprint)
     VALUES (?, ?, NOW(), 'running', ?)`,
    [name, options.full ? 'full' : 'auto', pseudonymiser?.fingerprint() ?? null],
  )) as unknown as [{ insertId: number }];
  const runId = inserted.insertId;
  let source: Connection | undefined;
  try {
    const ep = resolveEndpoint(raw);
    run.source = ep.label;
    source = await open(ep.credentials, ep.database, `${ep.label} (facility ${name})`);
    const terms = await resolveMozartTerms(source, ep.database);
    await tuneSession(source);
    const last = await lastSuccessfulRun(central, name);
    const full = options.full === true || !last;
    if (!full && last!.keyFingerprint !== (pseudonymiser?.fingerprint() ?? null)) {
      throw new Error(
        `Facility ${name} was last extracted ${last!.keyFingerprint ? 'with another' : 'without a'} pseudonymisation ` +
          'key: run a full extract (--full) to re-key it',
      );
    }
    run.mode = full ? 'full' : 'incremental';
    run.transport = options.transport !== 'stream' && sameServer(ep, centralEp) ? 'same-server' : 'stream';
    const transport: Transport = { kind: run.transport, central, source };
    const [[clock]] = (await source.query(
      `SELECT DATE_FORMAT(NOW() - INTERVAL ${WATERMARK_OVERLAP_SECONDS} SECOND, '%Y-%m-%d %H:%i:%s') AS watermark`,
    )) as unknown as [[{ watermark: string }]];
    run.watermark = clock.watermark;
    if (run.transport === 'stream') await source.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');

    const ctx: QueryContext = { database: ep.database, sourceName: name, terms, pseudonymiser };
    const changed = full ? undefined : await changedPatients(source, ep.database, last!.watermark);
    run.changedPatients = changed?.length;
    const direct = full && !(await hasSourceRows(central, name));
    const bulk = direct && (await centralIsEmpty(central));
    if (bulk && run.transport === 'same-server') {
      await bulkLoad(centralEp, ctx, tuneSession, (table, extracted) => {
        run.rows[table] = { extracted, deleted: 0 };
        options.onProgress?.({ source: name, table, extracted, deleted: 0 });
      });
      await central.query(
        `UPDATE extract_run SET status = 'success', mode = ?, finished = NOW(), watermark = ?, rows_per_table = ?
         WHERE run_id = ?`,
        [run.mode, run.watermark, JSON.stringify(run.rows), runId],
      );
      run.status = 'success';
      run.seconds = (Date.now() - started) / 1000;
      return run;
    }
    try {
      await central.beginTransaction();
      for (const table of MOZART_TABLES) {
        const def = TABLES[table];
        let count: TableCount;
        if (direct) {
          const extracted = await copyRows(transport, sourceSelect(table, ctx), table, columnsOf(table));
          count = { extracted, deleted: 0 };
        } else if (!changed || !def.patientScoped) {
          count = await merge(transport, table, sourceSelect(table, ctx), name);
        } else {
          count = { extracted: 0, deleted: 0 };
          for (let i = 0; i < changed.length; i += PATIENT_CHUNK) {
            const patients = changed.slice(i, i + PATIENT_CHUNK);
            const uuids = await patientUuids(source, ep.database, patients);
            const c = await merge(transport, table, sourceSelect(table, { ...ctx, patients }), name, uuids);
            count = { extracted: count.extracted + c.extracted, deleted: count.deleted + c.deleted };
          }
        }
        run.rows[table] = count;
        options.onProgress?.({ source: name, table, ...count });
      }
      await central.query(
        `UPDATE extract_run SET status = 'success', mode = ?, finished = NOW(), watermark = ?, rows_per_table = ?
         WHERE run_id = ?`,
        [run.mode, run.watermark, JSON.stringify(run.rows), runId],
      );
      await central.commit();
    } catch (error) {
      await central.rollback().catch(() => undefined);
      throw error;
    }
    run.status = 'success';
  } catch (error) {
    run.error = (error as Error).message;
    await central.query(`UPDATE extract_run SET status = 'failed', finished = NOW(), error = ? WHERE run_id = ?`, [
      run.error,
      runId,
    ]);
  } finally {
    await source?.end().catch(() => undefined);
  }
  run.seconds = (Date.now() - started) / 1000;
  return run;
}

/**
 * The per-encounter pivots (queries.ts) must be built once by a scan, not per encounter (MariaDB's
 * split_materialized rewrites them into a lookup per row: 8× slower on 10 M obs), and their
 * grouping must stay in memory. Unknown settings (MySQL) are skipped.
 */
async function tuneSession(conn: Connection): Promise<void> {
  for (const setting of [
    "optimizer_switch = 'split_materialized=off'",
    'tmp_table_size = 1073741824',
    'max_heap_table_size = 1073741824',
  ]) {
    await conn.query(`SET SESSION ${setting}`).catch(() => undefined);
  }
}

function columnsOf(table: MozartTable): string[] {
  return [...TABLES[table].columns.map((c) => c.name), 'source_database'];
}

/**
 * Stages the facility's rows, deletes central rows of the same scope that the facility no longer
 * has (voided or gone), then upserts by (source_database, key): unchanged rows are not touched, so
 * a repeated run leaves the tables, ids included, as they were.
 */
async function merge(
  t: Transport,
  table: MozartTable,
  select: string,
  name: string,
  scopeUuids?: string[],
): Promise<TableCount> {
  if (scopeUuids && !scopeUuids.length) return { extracted: 0, deleted: 0 };
  const { central } = t;
  const def = TABLES[table];
  const stage = `m2_stage_${table}`;
  const key = q(def.key);
  const cols = columnsOf(table);
  await central.query(`DROP TEMPORARY TABLE IF EXISTS ${q(stage)}`);
  await central.query(`CREATE TEMPORARY TABLE ${q(stage)} LIKE ${q(table)}`);
  try {
    const extracted = await copyRows(t, select, stage, cols);
    const [deleted] = (await central.query(
      `DELETE c FROM ${q(table)} c LEFT JOIN ${q(stage)} s ON s.source_database = c.source_database AND s.${key} = c.${key}
       WHERE c.source_database = ? ${scopeUuids ? 'AND c.patient_uuid IN (?)' : ''} AND s.id IS NULL`,
      scopeUuids ? [name, scopeUuids] : [name],
    )) as unknown as [{ affectedRows: number }];
    const list = cols.map(q).join(', ');
    await central.query(
      `INSERT INTO ${q(table)} (${list}) SELECT ${list} FROM ${q(stage)}
       ON DUPLICATE KEY UPDATE ${cols.map((c) => `${q(c)} = VALUES(${q(c)})`).join(', ')}`,
    );
    return { extracted, deleted: deleted.affectedRows };
  } finally {
    await central.query(`DROP TEMPORARY TABLE IF EXISTS ${q(stage)}`);
  }
}
