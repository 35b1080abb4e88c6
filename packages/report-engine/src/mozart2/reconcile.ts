import crypto from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import type { Connection as CoreConnection } from 'mysql2';
import { lastSuccessfulRun } from './central';
import { open, resolveEndpoint } from './endpoint';
import { sourceName, type SourceSpec } from './extract';
import { loadPseudonymiser } from './pseudonymise';
import { sourceSelect, type QueryContext } from './queries';
import { MOZART_TABLES, q, TABLES, type MozartTable } from './schema';
import { resolveMozartTerms } from './terms';

// Reconciliation replaces Mozart v1's manual table counts: for each facility and table it compares
// the central rows with what the facility would produce now, row by row on the key, with an
// order-independent checksum (XOR of per-row MD5s) to quote in reports.

export interface ReconcileOptions {
  sources: SourceSpec[];
  central: string;
  sourceDatabaseName?: string;
  pseudonymiseKey?: string | Buffer;
  tables?: MozartTable[];
}

export interface TableReconciliation {
  table: MozartTable;
  sourceRows: number;
  centralRows: number;
  /** In the facility, not in the central database. */
  missing: number;
  /** In the central database, not (or no longer) in the facility. */
  extra: number;
  /** Same key, different values. */
  differing: number;
  sourceChecksum: string;
  centralChecksum: string;
  matches: boolean;
  /** Up to 10 keys per kind, for the report. */
  samples: { missing: string[]; extra: string[]; differing: string[] };
}

export interface FacilityReconciliation {
  source: string;
  sourceDatabase: string;
  status: 'match' | 'mismatch' | 'failed';
  tables: TableReconciliation[];
  error?: string;
}

export interface ReconcileResult {
  facilities: FacilityReconciliation[];
  ok: boolean;
}

const SAMPLES = 10;

export async function reconcileMozart2(options: ReconcileOptions): Promise<ReconcileResult> {
  const centralEp = resolveEndpoint(options.central);
  const pseudonymiser = loadPseudonymiser(options.pseudonymiseKey);
  const central = await open(centralEp.credentials, centralEp.database, centralEp.label);
  const facilities: FacilityReconciliation[] = [];
  try {
    for (const spec of options.sources) {
      const raw = typeof spec === 'string' ? spec : spec.source;
      const name = sourceName(spec, options);
      const facility: FacilityReconciliation = { source: raw, sourceDatabase: name, status: 'failed', tables: [] };
      facilities.push(facility);
      let source: Connection | undefined;
      try {
        const ep = resolveEndpoint(raw);
        facility.source = ep.label;
        const last = await lastSuccessfulRun(central, name);
        if (last && last.keyFingerprint !== (pseudonymiser?.fingerprint() ?? null)) {
          throw new Error(
            `Facility ${name} was extracted ${last.keyFingerprint ? 'with a' : 'without a'} pseudonymisation key ` +
              `that ${pseudonymiser ? 'differs from the one given' : 'was not given'}: identifiers cannot be compared`,
          );
        }
        source = await open(ep.credentials, ep.database, `${ep.label} (facility ${name})`);
        const terms = await resolveMozartTerms(source, ep.database);
        const ctx: QueryContext = { database: ep.database, sourceName: name, terms, pseudonymiser };
        for (const table of options.tables ?? MOZART_TABLES) {
          facility.tables.push(await reconcileTable(source, central, table, ctx));
        }
        facility.status = facility.tables.every((t) => t.matches) ? 'match' : 'mismatch';
      } catch (error) {
        facility.error = (error as Error).message;
      } finally {
        await source?.end().catch(() => undefined);
      }
    }
  } finally {
    await central.end();
  }
  return { facilities, ok: facilities.every((f) => f.status === 'match') };
}

async function reconcileTable(
  source: Connection,
  central: Connection,
  table: MozartTable,
  ctx: QueryContext,
): Promise<TableReconciliation> {
  const def = TABLES[table];
  const names = def.columns.map((c) => c.name);
  const keyAt = names.indexOf(def.key);
  const expected = new Map<string, string>();
  const sourceSum = new Checksum();
  await eachRow(source, sourceSelect(table, ctx), [], (row) => {
    const h = rowHash(row.slice(0, names.length));
    expected.set(String(row[keyAt]), h);
    sourceSum.add(h);
  });
  const r: TableReconciliation = {
    table,
    sourceRows: expected.size,
    centralRows: 0,
    missing: 0,
    extra: 0,
    differing: 0,
    sourceChecksum: '',
    centralChecksum: '',
    matches: false,
    samples: { missing: [], extra: [], differing: [] },
  };
  const centralSum = new Checksum();
  const note = (kind: 'missing' | 'extra' | 'differing', key: string) => {
    r[kind]++;
    if (r.samples[kind].length < SAMPLES) r.samples[kind].push(key);
  };
  await eachRow(
    central,
    `SELECT ${names.map(q).join(', ')} FROM ${q(table)} WHERE source_database = ?`,
    [ctx.sourceName],
    (row) => {
      r.centralRows++;
      const key = String(row[keyAt]);
      const h = rowHash(row);
      centralSum.add(h);
      const want = expected.get(key);
      if (want === undefined) note('extra', key);
      else {
        if (want !== h) note('differing', key);
        expected.delete(key);
      }
    },
  );
  for (const key of expected.keys()) note('missing', key);
  r.sourceChecksum = sourceSum.hex();
  r.centralChecksum = centralSum.hex();
  r.matches = r.missing === 0 && r.extra === 0 && r.differing === 0 && r.sourceRows === r.centralRows;
  return r;
}

/** Values as text (dates already are): an aggregate's BIGINT string and an int column's number agree. */
function rowHash(values: unknown[]): string {
  const text = values.map((v) => (v === null || v === undefined ? null : String(v)));
  return crypto.createHash('md5').update(JSON.stringify(text)).digest('hex');
}

class Checksum {
  private value = 0n;
  add(hex: string): void {
    this.value ^= BigInt(`0x${hex.slice(0, 16)}`);
  }
  hex(): string {
    return this.value.toString(16).padStart(16, '0');
  }
}

async function eachRow(conn: Connection, sql: string, params: unknown[], fn: (row: unknown[]) => void): Promise<void> {
  const core = (conn as unknown as { connection: CoreConnection }).connection;
  const stream = core.query({ sql, values: params, rowsAsArray: true }).stream({ highWaterMark: 1000 });
  for await (const row of stream as AsyncIterable<unknown[]>) fn(row);
}

/** A plain-text report naming every facility and table that does not match. */
export function formatReconciliation(result: ReconcileResult): string {
  const lines: string[] = [];
  for (const f of result.facilities) {
    lines.push(`${f.sourceDatabase} (${f.source}): ${f.status.toUpperCase()}${f.error ? ` — ${f.error}` : ''}`);
    for (const t of f.tables) {
      lines.push(
        `  ${t.matches ? 'ok      ' : 'MISMATCH'} ${t.table.padEnd(22)} source ${t.sourceRows} central ${t.centralRows} ` +
          `missing ${t.missing} extra ${t.extra} differing ${t.differing} checksum ${t.sourceChecksum}/${t.centralChecksum}`,
      );
      for (const kind of ['missing', 'extra', 'differing'] as const) {
        if (t.samples[kind].length) lines.push(`           ${kind}: ${t.samples[kind].join(', ')}`);
      }
    }
  }
  const bad = result.facilities.filter((f) => f.status !== 'match');
  lines.push(
    bad.length
      ? `NOT RECONCILED: ${bad
          .map((f) =>
            f.status === 'failed'
              ? `${f.sourceDatabase} (failed)`
              : `${f.sourceDatabase} [${f.tables
                  .filter((t) => !t.matches)
                  .map((t) => t.table)
                  .join(', ')}]`,
          )
          .join('; ')}`
      : `All ${result.facilities.length} facilities match.`,
  );
  return lines.join('\n');
}
