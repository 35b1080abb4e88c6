import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { parseDatabaseUrl } from '@poc-emr/db';
import type pg from 'pg';
import { NID_IDENTIFIER_TYPE, TARV_PROGRAM } from '@poc-emr/fila';
import type { DrugMapping } from './drugs';
import { upsertPatient } from './idart/activity';
import type { Catalogue } from './idart/catalogue';

// OpenMRS → iDART: the patients active in the TARV programme (NID, names, birthdate, sex, OpenMRS uuid)
// and their ARV prescriptions from the chart (active drug orders), as iDART/iDMED import them. OpenMRS
// 2.7's REST API cannot list a programme's patients (iDMED relies on a module for that feed), so the
// bridge reads them through the read-only database account the report service also uses. Every write to
// iDART compares first: a run that finds nothing new changes nothing.

export interface FeedResult {
  patients: number;
  updated: number;
  prescriptions: number;
  /** NIDs iDART could not take (another iDART patient holds the NID). */
  refused: string[];
}

interface ArtPatient extends RowDataPacket {
  uuid: string;
  nid: string;
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  birthdate: string | null;
  gender: string;
}

interface ActiveOrder extends RowDataPacket {
  patient_uuid: string;
  encounter_uuid: string;
  drug_uuid: string;
  date_activated: string;
  dose: number | null;
  frequency_per_day: number | null;
  duration: number | null;
}

export async function feedIdart(
  openmrs: Connection,
  pool: pg.Pool,
  catalogue: Catalogue,
  drugs: DrugMapping,
): Promise<FeedResult> {
  const [patients] = await openmrs.query<ArtPatient[]>(
    `SELECT pe.uuid, pi.identifier AS nid, pn.given_name, pn.middle_name, pn.family_name,
            DATE_FORMAT(pe.birthdate, '%Y-%m-%d') AS birthdate, pe.gender
     FROM patient pt
     JOIN person pe ON pe.person_id = pt.patient_id AND pe.voided = 0
     JOIN patient_identifier pi ON pi.patient_identifier_id = (
       SELECT i.patient_identifier_id FROM patient_identifier i
       WHERE i.patient_id = pt.patient_id AND i.voided = 0
         AND i.identifier_type = (SELECT patient_identifier_type_id FROM patient_identifier_type WHERE uuid = ?)
       ORDER BY i.preferred DESC, i.patient_identifier_id LIMIT 1)
     LEFT JOIN person_name pn ON pn.person_name_id = (
       SELECT n.person_name_id FROM person_name n WHERE n.person_id = pt.patient_id AND n.voided = 0
       ORDER BY n.preferred DESC, n.person_name_id LIMIT 1)
     WHERE pt.voided = 0 AND EXISTS (
       SELECT 1 FROM patient_program pp WHERE pp.patient_id = pt.patient_id AND pp.voided = 0
         AND pp.date_completed IS NULL AND pp.program_id = (SELECT program_id FROM program WHERE uuid = ?))`,
    [NID_IDENTIFIER_TYPE, TARV_PROGRAM],
  );
  const result: FeedResult = { patients: patients.length, updated: 0, prescriptions: 0, refused: [] };
  const idartIds = new Map<string, number>();
  for (const p of patients) {
    try {
      const { id, changed } = await upsertPatient(pool, catalogue, {
        nid: p.nid,
        uuid: p.uuid,
        firstNames: [p.given_name, p.middle_name].filter(Boolean).join(' '),
        lastName: p.family_name ?? '',
        birthdate: p.birthdate,
        sex: p.gender === 'M' ? 'M' : 'F',
      });
      idartIds.set(p.uuid, id);
      if (changed) result.updated++;
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      result.refused.push(p.nid);
    }
  }
  result.prescriptions = await feedPrescriptions(openmrs, pool, catalogue, drugs, idartIds);
  return result;
}

/** One iDART prescription per prescribing encounter of active ARV drug orders, once. */
async function feedPrescriptions(
  openmrs: Connection,
  pool: pg.Pool,
  catalogue: Catalogue,
  drugs: DrugMapping,
  idartIds: Map<string, number>,
): Promise<number> {
  const idartDrug = new Map([...drugs].map(([name, uuid]) => [uuid, catalogue.drugs.get(name)]));
  const [orders] = await openmrs.query<ActiveOrder[]>(
    `SELECT pe.uuid AS patient_uuid, e.uuid AS encounter_uuid, d.uuid AS drug_uuid,
            DATE_FORMAT(o.date_activated, '%Y-%m-%d') AS date_activated, dor.dose, f.frequency_per_day, dor.duration
     FROM orders o
     JOIN drug_order dor ON dor.order_id = o.order_id
     JOIN drug d ON d.drug_id = dor.drug_inventory_id AND d.uuid IN (?)
     JOIN encounter e ON e.encounter_id = o.encounter_id
     JOIN person pe ON pe.person_id = o.patient_id
     LEFT JOIN order_frequency f ON f.order_frequency_id = dor.frequency
     WHERE o.voided = 0 AND o.date_stopped IS NULL AND o.order_action <> 'DISCONTINUE'
       AND (o.auto_expire_date IS NULL OR o.auto_expire_date >= CURDATE())
     ORDER BY o.date_activated, o.order_id`,
    [[...idartDrug.keys(), '-']],
  );
  const byEncounter = new Map<string, ActiveOrder[]>();
  for (const o of orders) byEncounter.set(o.encounter_uuid, [...(byEncounter.get(o.encounter_uuid) ?? []), o]);
  const regimenDrugs = await pool.query(
    'SELECT regimeid, array_agg(drug ORDER BY drug) AS drugs FROM regimeterapeuticodrugs GROUP BY regimeid',
  );
  let created = 0;
  for (const [encounter, lines] of byEncounter) {
    const patient = idartIds.get(lines[0].patient_uuid);
    if (patient === undefined) continue;
    const prescriptionId = `OpenMRS-${encounter}`;
    const exists = await pool.query('SELECT 1 FROM prescription WHERE prescriptionid = $1', [prescriptionId]);
    if (exists.rowCount) continue;
    const drugIds = lines.map((l) => idartDrug.get(l.drug_uuid)!).sort((a, b) => a - b);
    const regime = regimenDrugs.rows.find((r) => JSON.stringify(r.drugs) === JSON.stringify(drugIds));
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE prescription SET current = 'F' WHERE patient = $1 AND current = 'T'`, [patient]);
      const { rows } = await client.query(
        `INSERT INTO prescription (patient, date, doctor, duration, prescriptionid, regimeid, reasonforupdate, notes)
         VALUES ($1, $2, $3, $4, $5, $6, 'Manter', 'Prescrição do OpenMRS') RETURNING id`,
        [
          patient,
          lines[0].date_activated,
          catalogue.doctor,
          Math.round(Number(lines[0].duration ?? 30) / 7),
          prescriptionId,
          regime?.regimeid ?? null,
        ],
      );
      for (const l of lines)
        await client.query(
          'INSERT INTO prescribeddrugs (prescription, drug, timesperday, amtpertime) VALUES ($1, $2, $3, $4)',
          [
            rows[0].id,
            idartDrug.get(l.drug_uuid),
            Math.max(1, Math.round(Number(l.frequency_per_day ?? 1))),
            Number(l.dose ?? 1),
          ],
        );
      await client.query('COMMIT');
      created++;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return created;
}

/** The feed over a mysql:// URL of the OpenMRS database (the read-only account). */
export async function feedFromDatabase(
  url: string,
  pool: pg.Pool,
  catalogue: Catalogue,
  drugs: DrugMapping,
): Promise<FeedResult> {
  const { credentials, database } = parseDatabaseUrl(url);
  const openmrs = await mysql.createConnection({ ...credentials, database, dateStrings: true });
  try {
    return await feedIdart(openmrs, pool, catalogue, drugs);
  } finally {
    await openmrs.end();
  }
}
