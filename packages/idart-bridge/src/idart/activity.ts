import type pg from 'pg';
import { addDays } from '@poc-emr/fila';
import { IDART_REGIMENS, SIDE_TREATMENT, type Catalogue, type IdartRegimen } from './catalogue';

// What a pharmacist does in iDART, written as iDART writes it: a patient (with the OpenMRS uuid when
// imported from OpenMRS), a prescription, and each pickup as a package, its packaged drugs, one line per
// drug in the dispensing log (packagedruginfotmp, with the next pickup as text) and a row in iDART's own
// outbox towards OpenMRS. Used by the tests, the benchmark and the demo.

export interface IdartPatientInput {
  nid: string;
  uuid?: string | null;
  firstNames: string;
  lastName: string;
  /** yyyy-mm-dd */
  birthdate?: string | null;
  sex: 'M' | 'F';
}

/** Inserts or updates the patient by OpenMRS uuid, else by NID; answers its iDART id and whether it changed. */
export async function upsertPatient(
  db: pg.Pool | pg.PoolClient,
  catalogue: Catalogue,
  p: IdartPatientInput,
): Promise<{ id: number; changed: boolean }> {
  const { rows } = await db.query(
    `SELECT id FROM patient WHERE ($1::text IS NOT NULL AND COALESCE(NULLIF(uuidopenmrs, ''), uuid) = $1) OR patientid = $2
     ORDER BY (COALESCE(NULLIF(uuidopenmrs, ''), uuid) = $1) DESC NULLS LAST LIMIT 1`,
    [p.uuid ?? null, p.nid],
  );
  const values = [p.nid, p.firstNames, p.lastName, p.birthdate ?? null, p.sex, p.uuid ?? null];
  if (rows.length > 0) {
    const updated = await db.query(
      `UPDATE patient SET patientid = $1, firstnames = $2, lastname = $3, dateofbirth = $4, sex = $5,
         uuidopenmrs = COALESCE($6, uuidopenmrs), modified = 'T'
       WHERE id = $7 AND (patientid, firstnames, lastname, dateofbirth, sex, uuidopenmrs)
         IS DISTINCT FROM ($1, $2, $3, $4::timestamp, $5, COALESCE($6, uuidopenmrs))`,
      [...values, rows[0].id],
    );
    return { id: Number(rows[0].id), changed: Boolean(updated.rowCount) };
  }
  const inserted = await db.query(
    `INSERT INTO patient (patientid, firstnames, lastname, dateofbirth, sex, uuidopenmrs, clinic, accountstatus)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true) RETURNING id`,
    [...values, catalogue.clinic],
  );
  const id = Number(inserted.rows[0].id);
  await db.query(
    `INSERT INTO patientidentifier (patient_id, value, type_id) SELECT $1, $2, id FROM identifiertype WHERE name = 'NID'`,
    [id, p.nid],
  );
  await db.query(
    `INSERT INTO episode (patient, clinic, startdate, startreason) VALUES ($1, $2, now(), 'Novo Paciente')`,
    [id, catalogue.clinic],
  );
  return { id, changed: true };
}

const MONTHS = {
  pt: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** "dd MMM yyyy" as iDART formats the next pickup, in the machine's language. */
export function expectedDateText(day: string, language: 'pt' | 'en' = 'pt'): string {
  const [y, m, d] = day.split('-');
  return `${d} ${MONTHS[language][Number(m) - 1]} ${y}`;
}

export interface PickupInput {
  nid: string;
  /** yyyy-mm-dd */
  day: string;
  regimen: IdartRegimen;
  /** weeks supplied: 4 monthly, 12 DT, 24 DS */
  weeks: number;
  /** The iDART machine's language, which the next-pickup text is written in. */
  language?: 'pt' | 'en';
  /** Cotrimoxazole in the same package. */
  sideTreatment?: boolean;
}

/** The patient's current prescription for the regimen (a new one when the regimen changes). */
async function currentPrescription(
  db: pg.PoolClient,
  catalogue: Catalogue,
  patient: number,
  p: PickupInput,
): Promise<number> {
  const regimeid = catalogue.regimens[p.regimen];
  const quarterly = p.weeks >= 12 && p.weeks < 24 ? 1 : 0;
  const semiannual = p.weeks >= 24 ? 1 : 0;
  // A change of regimen or of dispensing mode (DT, DS) is a new prescription in iDART: the packages
  // already dispensed keep theirs, so what the bridge sent for them does not change.
  const current = await db.query(
    `SELECT id FROM prescription WHERE patient = $1 AND current = 'T' AND regimeid = $2
       AND COALESCE(dispensatrimestral, 0) = $3 AND COALESCE(dispensasemestral, 0) = $4 ORDER BY id DESC LIMIT 1`,
    [patient, regimeid, quarterly, semiannual],
  );
  if (current.rowCount) return Number(current.rows[0].id);
  await db.query(`UPDATE prescription SET current = 'F' WHERE patient = $1`, [patient]);
  const earlier = await db.query('SELECT count(*)::int AS n FROM prescription WHERE patient = $1', [patient]);
  const created = await db.query(
    `INSERT INTO prescription (patient, date, doctor, duration, prescriptionid, regimeid, linhaid, reasonforupdate,
       dispensatrimestral, tipodt, dispensasemestral, tipods)
     SELECT $1, $2, $3, 24, $4, regimeid, linhaid, 'Inicia', $5, CASE WHEN $5 = 1 THEN 'Inicia' END, $6,
       CASE WHEN $6 = 1 THEN 'Inicia' END
     FROM regimeterapeutico WHERE regimeid = $7 RETURNING id`,
    [
      patient,
      p.day,
      catalogue.doctor,
      `${p.nid}-${p.day}-${Number(earlier.rows[0].n) + 1}`,
      quarterly,
      semiannual,
      regimeid,
    ],
  );
  const id = Number(created.rows[0].id);
  for (const d of IDART_REGIMENS[p.regimen].drugs)
    await db.query(
      `INSERT INTO prescribeddrugs (prescription, drug, timesperday, amtpertime) VALUES ($1, $2, $3, $4)`,
      [id, catalogue.drugs.get(d.name), d.times, d.perDay / d.times],
    );
  return id;
}

/** One pickup, in one transaction as iDART saves it; answers the package's row id and packageid. */
export async function recordPickup(
  pool: pg.Pool,
  catalogue: Catalogue,
  p: PickupInput,
): Promise<{ id: number; packageId: string }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const patient = await client.query(
      'SELECT id, firstnames, lastname, uuidopenmrs FROM patient WHERE patientid = $1',
      [p.nid],
    );
    if (patient.rowCount === 0) throw new Error(`No iDART patient with NID ${p.nid}`);
    const pa = patient.rows[0];
    const prescription = await currentPrescription(client, catalogue, Number(pa.id), p);
    // Unique for the patient and day, whichever prescription earlier packages of the day were on.
    const sequence = await client.query(`SELECT count(*)::int AS n FROM package WHERE packageid LIKE $1 || '-%'`, [
      `${p.nid}-${p.day}`,
    ]);
    const packageId = `${p.nid}-${p.day}-${Number(sequence.rows[0].n) + 1}`;
    const created = await client.query(
      `INSERT INTO package (packageid, clinic, packdate, pickupdate, prescription, weekssupply, drugtypes, dateleft)
       VALUES ($1, $2, $3, $3, $4, $5, 'ARV', $3) RETURNING id`,
      [packageId, catalogue.clinic, p.day, prescription, p.weeks],
    );
    const id = Number(created.rows[0].id);
    const next = addDays(p.day, p.weeks * 7);
    const drugs: Array<{ name: string; perDay: number; times: number; amount: number }> = IDART_REGIMENS[
      p.regimen
    ].drugs.map((d) => ({ ...d, amount: d.perDay * p.weeks * 7 }));
    if (p.sideTreatment) drugs.push({ name: SIDE_TREATMENT, perDay: 1, times: 1, amount: p.weeks * 7 });
    for (const d of drugs) {
      const packaged = await client.query(
        `INSERT INTO packageddrugs (amount, parentpackage, stock) VALUES ($1, $2, $3) RETURNING id`,
        [d.amount, id, catalogue.stock.get(d.name)],
      );
      await client.query(
        `INSERT INTO packagedruginfotmp (amountpertime, batchnumber, clinic, dispensedqty, drugname, patientid,
           patientfirstname, patientlastname, stockid, timesperday, dispensedate, pickupdate, weekssupply,
           dateexpectedstring, packageid, packageddrug, sidetreatment)
         VALUES ($1, 'L', 'HD Manhiça', $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13, $14)`,
        [
          String(d.perDay / d.times),
          d.amount,
          d.name,
          p.nid,
          pa.firstnames,
          pa.lastname,
          catalogue.stock.get(d.name),
          d.times,
          p.day,
          p.weeks,
          expectedDateText(next, p.language),
          packageId,
          packaged.rows[0].id,
          d.name === SIDE_TREATMENT,
        ],
      );
    }
    await client.query(
      `INSERT INTO sync_openmrs_dispense (nid, uuid, packageid, pickupdate, dateexpectedstring, regimenuuid, dispensedqty)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        p.nid,
        pa.uuidopenmrs,
        packageId,
        p.day,
        expectedDateText(next, p.language),
        IDART_REGIMENS[p.regimen].concept,
        drugs[0].amount,
      ],
    );
    await client.query('COMMIT');
    return { id, packageId };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` pickups spread over the days from `from` (inclusive) for `days` days, by patients drawn from
 * `nids`: mostly monthly, some DT and DS, regimens as a facility's mix, a third with cotrimoxazole, one
 * machine in ten writing dates in English. Each patient picks up at most once a day.
 */
export async function generatePickups(
  pool: pg.Pool,
  catalogue: Catalogue,
  options: { nids: string[]; from: string; days: number; count: number; seed?: number },
): Promise<PickupInput[]> {
  const next = random(options.seed ?? 1);
  const regimens: IdartRegimen[] = [
    'TDF+3TC+DTG',
    'TDF+3TC+DTG',
    'TDF+3TC+DTG',
    'TDF+3TC+EFV',
    'ABC+3TC+DTG',
    'ABC+3TC+LPV/r',
    'AZT+3TC+NVP',
  ];
  const taken = new Set<string>();
  // A patient stays on one regimen: chosen by the NID, whatever the seed.
  const regimenOf = (nid: string) =>
    regimens[[...nid].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % regimens.length];
  const pickups: PickupInput[] = [];
  for (let i = 0; pickups.length < options.count && i < options.count * 20; i++) {
    const nid = options.nids[Math.floor(next() * options.nids.length)];
    const day = addDays(options.from, Math.floor(next() * options.days));
    if (taken.has(`${nid}|${day}`)) continue;
    taken.add(`${nid}|${day}`);
    const roll = next();
    const regimen = regimenOf(nid);
    const p: PickupInput = {
      nid,
      day,
      regimen,
      weeks: roll < 0.7 ? 4 : roll < 0.92 ? 12 : 24,
      language: next() < 0.1 ? 'en' : 'pt',
      sideTreatment: next() < 0.33,
    };
    await recordPickup(pool, catalogue, p);
    pickups.push(p);
  }
  return pickups;
}
