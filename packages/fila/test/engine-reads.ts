import { connect } from '@poc-emr/db';
import { MaterialisingSession, mozart2, resolveReportTerms, sql, txCurr } from '@poc-emr/report-engine';
import { dropDatabase } from '@poc-emr/db/src/testing';

// What the report engine reads of the FILAs in a facility database: TX_CURR membership with its MMD band
// at a date, and the regimen, drug and next pickup of each FILA as the MozART 2 medication table has
// them. The contract the pharmacy app's and the bridge's FILAs are both held to.

export interface EngineReading {
  /** person_id → MMD band of the patients in TX_CURR at the date. */
  txCurr: Map<number, string>;
  /** FILA encounter uuid → what MozART 2 extracted from it. */
  medication: Map<string, { regimen: string; drug: string; quantity: number; pickup: string; nextPickup: string }>;
}

export async function engineReading(database: string, endDate: string): Promise<EngineReading> {
  const conn = await connect({ database });
  const central = `${database}_m2`;
  try {
    const terms = await resolveReportTerms(conn, database);
    const session = new MaterialisingSession(conn);
    const rows = await session.rows(sql`SELECT c.patient_id, c.mmd FROM (${txCurr({ terms, endDate })}) c`);
    await session.close();
    const result = await mozart2.extractMozart2({ sources: [database], central, full: true });
    if (!result.ok) throw new Error(`MozART 2 extract failed: ${JSON.stringify(result.runs)}`);
    const [medication] = (await conn.query(
      `SELECT m.encounter_uuid, rc.uuid AS regimen, d.uuid AS drug, m.quantity_prescribed AS quantity,
              DATE_FORMAT(m.medication_pickup_date, '%Y-%m-%d') AS pickup,
              DATE_FORMAT(m.next_pickup_date, '%Y-%m-%d') AS next_pickup
       FROM \`${central}\`.medication m
       LEFT JOIN concept rc ON rc.concept_id = m.regimen_id LEFT JOIN drug d ON d.drug_id = m.formulation_id
       WHERE m.regimen_id IS NOT NULL`,
    )) as unknown as [Array<Record<string, unknown>>];
    return {
      txCurr: new Map(rows.map((r) => [Number(r.patient_id), String(r.mmd)])),
      medication: new Map(
        medication.map((m) => [
          String(m.encounter_uuid),
          {
            regimen: String(m.regimen),
            drug: String(m.drug),
            quantity: Number(m.quantity),
            pickup: String(m.pickup),
            nextPickup: String(m.next_pickup),
          },
        ]),
      ),
    };
  } finally {
    await conn.end();
    await dropDatabase(central);
  }
}
