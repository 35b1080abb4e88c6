import type pg from 'pg';
import { FILA_METADATA, NID_IDENTIFIER_TYPE } from '@poc-emr/fila';
import type { OpenmrsClient } from './openmrs';
import { SCHEMA } from './outbox';

// The proof that nothing was lost or duplicated, from the two systems themselves rather than from what
// the bridge remembers: every dispensation iDART holds now (since BRIDGE_SINCE) must have its FILA in
// OpenMRS, not voided, under the uuid its package and content owe; and every FILA the bridge wrote
// (its obs carry "IDART") for those patients must be one of them.

export interface MissingFila {
  packageId: string;
  nid: string;
  pickup: string;
  encounterUuid: string;
  /** What the outbox says of it (an error queue reason, a retry under way), when it knows it. */
  state: string | null;
  reason: string | null;
}

export interface UnexpectedFila {
  encounterUuid: string;
  nid: string;
  date: string;
}

export interface Reconciliation {
  dispensations: number;
  patients: number;
  missing: MissingFila[];
  unexpected: UnexpectedFila[];
  ok: boolean;
}

interface Expected {
  package_id: number;
  packageid: string;
  nid: string;
  pickup: string;
  uuid: string;
  state: string | null;
  reason: string | null;
}

export async function reconcile(
  pool: pg.Pool,
  openmrs: OpenmrsClient,
  options: { since: string; facility: string },
): Promise<Reconciliation> {
  const { rows } = await pool.query<Expected>(
    `SELECT s.package_id, s.content->>'packageId' AS packageid, s.nid, to_char(s.pickup, 'YYYY-MM-DD') AS pickup,
            ${SCHEMA}.name_uuid($2 || ':' || s.package_id || ':' || md5(s.content::text))::text AS uuid,
            o.state, o.reason
     FROM ${SCHEMA}.source s LEFT JOIN ${SCHEMA}.outbox o ON o.package_id = s.package_id
     WHERE s.pickup >= $1::date ORDER BY s.nid, s.pickup`,
    [options.since, options.facility],
  );
  const byNid = new Map<string, Expected[]>();
  for (const r of rows) byNid.set(r.nid, [...(byNid.get(r.nid) ?? []), r]);
  const result: Reconciliation = {
    dispensations: rows.length,
    patients: byNid.size,
    missing: [],
    unexpected: [],
    ok: true,
  };
  for (const [nid, expected] of byNid) {
    const filas = await patientFilas(openmrs, nid, options.since);
    const live = new Set(filas.filter((f) => !f.voided).map((f) => f.uuid));
    const owed = new Set(expected.map((e) => e.uuid));
    for (const e of expected)
      if (!live.has(e.uuid))
        result.missing.push({
          packageId: e.packageid,
          nid,
          pickup: e.pickup,
          encounterUuid: e.uuid,
          state: e.state,
          reason: e.reason,
        });
    for (const f of filas)
      if (!f.voided && f.fromIdart && !owed.has(f.uuid))
        result.unexpected.push({ encounterUuid: f.uuid, nid, date: f.date });
  }
  result.ok = result.missing.length === 0 && result.unexpected.length === 0;
  return result;
}

interface Fila {
  uuid: string;
  date: string;
  voided: boolean;
  fromIdart: boolean;
}

/** The patients' FILAs since a day (every patient holding the NID), voided ones included. */
async function patientFilas(openmrs: OpenmrsClient, nid: string, since: string): Promise<Fila[]> {
  const found = await openmrs.get<{
    results: Array<{ uuid: string; identifiers: Array<{ identifier: string; identifierType: { uuid: string } }> }>;
  }>(`patient?identifier=${encodeURIComponent(nid)}&v=custom:(uuid,identifiers:(identifier,identifierType:(uuid)))`);
  const patients = (found?.results ?? []).filter((p) =>
    p.identifiers.some((i) => i.identifier === nid && i.identifierType.uuid === NID_IDENTIFIER_TYPE),
  );
  const filas: Fila[] = [];
  for (const p of patients) {
    const answer = await openmrs.get<{
      results: Array<{
        uuid: string;
        encounterDatetime: string;
        voided: boolean;
        obs: Array<{ comment: string | null }>;
      }>;
    }>(
      `encounter?patient=${p.uuid}&encounterType=${FILA_METADATA.encounterType}&fromdate=${since}&includeAll=true` +
        `&v=custom:(uuid,encounterDatetime,voided,obs:(comment))&limit=100`,
    );
    for (const e of answer?.results ?? [])
      filas.push({
        uuid: e.uuid,
        date: e.encounterDatetime.slice(0, 10),
        voided: e.voided,
        fromIdart: (e.obs ?? []).some((o) => o.comment === 'IDART'),
      });
  }
  return filas;
}

export function reconciliationText(r: Reconciliation): string {
  const lines = [
    `${r.dispensations} dispensations of ${r.patients} patients in iDART; ${r.missing.length} without their FILA in OpenMRS; ` +
      `${r.unexpected.length} FILAs of the bridge in OpenMRS without their dispensation in iDART.`,
  ];
  for (const m of r.missing)
    lines.push(
      `  missing  ${m.nid} ${m.pickup} package ${m.packageId} → FILA ${m.encounterUuid}${m.state ? ` (${m.state}${m.reason ? `: ${m.reason}` : ''})` : ''}`,
    );
  for (const u of r.unexpected) lines.push(`  extra    ${u.nid} ${u.date} FILA ${u.encounterUuid}`);
  return lines.join('\n');
}
