import { FILA_METADATA, NID_IDENTIFIER_TYPE } from '@poc-emr/fila';
import type { Bridge } from '../src/bridge';
import { OpenmrsClient } from '../src/openmrs';
import { SCHEMA } from '../src/outbox';
import { reconcile, type Reconciliation } from '../src/reconcile';
import { HD_MANHICA, type BridgeStack } from './stack';

// "0 lost, 0 duplicated", checked twice: by the bridge's reconciliation (through REST) and by counting rows
// in both databases directly.

/**
 * Cycles until one finds nothing new in iDART, does nothing and leaves nothing owed (waiting out retry
 * times); fails if that does not happen. A quiet cycle, not just an empty outbox: an edit made while a FILA
 * was being sent is seen only by the next scan.
 */
export async function settle(bridge: Bridge, maxCycles = 200): Promise<void> {
  for (let i = 0; i < maxCycles; i++) {
    const { scanned, sent, voided } = await bridge.cycle();
    const { rows } = await bridge.pool.query(
      `SELECT count(*)::int AS owed FROM ${SCHEMA}.outbox WHERE state IN ('pending', 'voiding')`,
    );
    const quiet = scanned.added + scanned.changed + scanned.removed + sent + voided === 0;
    if (quiet && rows[0].owed === 0) return;
    const wait = Math.min(250, (await bridge.outbox.msUntilDue()) ?? 0) + 5;
    await new Promise((r) => setTimeout(r, wait));
  }
  throw new Error(`Still owed after ${maxCycles} cycles`);
}

export interface Proof {
  reconciliation: Reconciliation;
  /** Live iDART dispensations since BRIDGE_SINCE. */
  dispensations: number;
  /** Non-voided FILAs written by the bridge. */
  filas: number;
  /** Dispensations without exactly one FILA under their uuid. */
  lost: string[];
  /** (patient, day) with more bridge FILAs than iDART dispensations. */
  duplicated: string[];
}

export async function proof(stack: BridgeStack, bridge: Bridge): Promise<Proof> {
  // Straight to OpenMRS with a patient time-out: the faults under test (a cut link, a 0.2 s time-out) are
  // the bridge's, not the proof's, and a loaded machine must not fail the proof.
  const openmrs = new OpenmrsClient({
    url: stack.backend.url,
    username: bridge.config.openmrsUsername,
    password: bridge.config.openmrsPassword,
    timeoutMs: 60_000,
  });
  const reconciliation = await reconcile(stack.idart.pool, openmrs, {
    since: stack.since,
    facility: HD_MANHICA,
  });
  const expected = (
    await stack.idart.pool.query(
      `SELECT s.nid, to_char(s.pickup, 'YYYY-MM-DD') AS day,
              ${SCHEMA}.name_uuid($2 || ':' || s.package_id || ':' || md5(s.content::text))::text AS uuid
       FROM ${SCHEMA}.source s WHERE s.pickup >= $1::date`,
      [stack.since, HD_MANHICA],
    )
  ).rows as Array<{ nid: string; day: string; uuid: string }>;
  const filas = (await stack.rows(
    `SELECT e.uuid, i.identifier AS nid, DATE_FORMAT(e.encounter_datetime, '%Y-%m-%d') AS day FROM encounter e
     JOIN patient_identifier i ON i.patient_id = e.patient_id AND i.voided = 0
       AND i.identifier_type = (SELECT patient_identifier_type_id FROM patient_identifier_type WHERE uuid = ?)
     WHERE e.voided = 0 AND e.encounter_type = (SELECT encounter_type_id FROM encounter_type WHERE uuid = ?)
       AND EXISTS (SELECT 1 FROM obs o WHERE o.encounter_id = e.encounter_id AND o.comments = 'IDART')`,
    [NID_IDENTIFIER_TYPE, FILA_METADATA.encounterType],
  )) as Array<{ uuid: string; nid: string; day: string }>;
  const live = new Set(filas.map((f) => f.uuid));
  const count = (list: Array<{ nid: string; day: string }>) => {
    const m = new Map<string, number>();
    for (const x of list) m.set(`${x.nid} ${x.day}`, (m.get(`${x.nid} ${x.day}`) ?? 0) + 1);
    return m;
  };
  const owed = count(expected);
  return {
    reconciliation,
    dispensations: expected.length,
    filas: filas.length,
    lost: expected.filter((e) => !live.has(e.uuid)).map((e) => `${e.nid} ${e.day}`),
    duplicated: [...count(filas)].filter(([key, n]) => n > (owed.get(key) ?? 0)).map(([key]) => key),
  };
}

/** Expects 0 lost and 0 duplicated by both counts; answers the proof for further checks. */
export async function expectExactlyOnce(stack: BridgeStack, bridge: Bridge): Promise<Proof> {
  const p = await proof(stack, bridge);
  expect({ lost: p.lost, duplicated: p.duplicated, filas: p.filas }).toEqual({
    lost: [],
    duplicated: [],
    filas: p.dispensations,
  });
  expect({ missing: p.reconciliation.missing, unexpected: p.reconciliation.unexpected }).toEqual({
    missing: [],
    unexpected: [],
  });
  return p;
}
