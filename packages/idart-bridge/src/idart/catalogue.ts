import type pg from 'pg';

// What an iDART installation holds before its first dispensation, as a facility's iDART would: the clinic,
// a doctor, the therapeutic lines, the regimens (each with its OpenMRS concept) and their drugs, ARVs and
// a side treatment, one stock batch each. Names of drugs are those of distro/idart-bridge/drugs.csv.

export const IDART_REGIMENS = {
  'TDF+3TC+DTG': {
    concept: 'e3f6bb60-e2cf-46cb-a9da-27d634ba8607',
    line: 1,
    drugs: [{ name: '[TDF/3TC/DTG] Tenofovir 300mg/Lamivudina 300mg/Dolutegravir 50mg', perDay: 1, times: 1 }],
  },
  'TDF+3TC+EFV': {
    concept: '9dc17c1b-7b6d-488e-a38d-505a7b65ec82',
    line: 1,
    drugs: [{ name: '[TDF/3TC/EFV] Tenofovir 300mg/Lamivudina 300mg/Efavirenz 600mg', perDay: 1, times: 1 }],
  },
  'ABC+3TC+DTG': {
    concept: 'af15246d-30b8-4aff-8391-ca2b58e2c88b',
    line: 1,
    drugs: [
      { name: '[ABC/3TC] Abacavir 120mg/Lamivudina 60mg dispersivel', perDay: 2, times: 1 },
      { name: '[DTG] Dolutegravir 10mg dispersivel', perDay: 2, times: 1 },
    ],
  },
  'ABC+3TC+LPV/r': {
    concept: 'e1da2d30-1d5f-11e0-b929-000c29ad1d07',
    line: 2,
    drugs: [
      { name: '[ABC/3TC] Abacavir 120mg/Lamivudina 60mg dispersivel', perDay: 2, times: 1 },
      { name: '[LPV/r] Lopinavir 100mg/Ritonavir 25mg', perDay: 4, times: 2 },
    ],
  },
  'AZT+3TC+NVP': {
    concept: 'e1dd2f44-1d5f-11e0-b929-000c29ad1d07',
    line: 1,
    drugs: [{ name: '[AZT/3TC/NVP] Zidovudina 300mg/Lamivudina 150mg/Nevirapina 200mg', perDay: 2, times: 2 }],
  },
} as const;

export type IdartRegimen = keyof typeof IDART_REGIMENS;

/** Cotrimoxazole: dispensed with the ARVs, never on the FILA. */
export const SIDE_TREATMENT = '[CTZ] Cotrimoxazol 480mg';

export interface Catalogue {
  clinic: number;
  doctor: number;
  regimens: Record<IdartRegimen, number>;
  /** drug name → its stock batch id. */
  stock: Map<string, number>;
  /** drug name → drug id. */
  drugs: Map<string, number>;
}

async function one(client: pg.PoolClient | pg.Pool, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await client.query(sql, params);
  return Number(rows[0].id);
}

/** Creates the catalogue once (a second call answers the existing one). */
export async function ensureCatalogue(pool: pg.Pool, clinicName = 'HD Manhiça'): Promise<Catalogue> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('idart-catalogue'))`);
    const existing = await client.query('SELECT id FROM clinic WHERE mainclinic ORDER BY id LIMIT 1');
    if (existing.rowCount === 0) {
      await client.query(
        `INSERT INTO clinic (clinicname, code, mainclinic, province, district) VALUES ($1, '1100407', true, 'Maputo', 'Manhiça')`,
        [clinicName],
      );
      await client.query(`INSERT INTO doctor (firstname, lastname) VALUES ('Ana', 'Mondlane')`);
      await client.query(`INSERT INTO identifiertype (name, index) VALUES ('NID', 0), ('CRAM', 1), ('PREP', 2)`);
      await client.query(`INSERT INTO linhat (linhanome) VALUES ('1ª Linha'), ('2ª Linha')`);
      const drugNames = new Set<string>([SIDE_TREATMENT]);
      for (const r of Object.values(IDART_REGIMENS)) for (const d of r.drugs) drugNames.add(d.name);
      for (const name of drugNames) {
        const drug = await one(
          client,
          `INSERT INTO drug (name, packsize, sidetreatment, defaultamnt, defaulttimes) VALUES ($1, 30, $2, 1, 1) RETURNING id`,
          [name, name === SIDE_TREATMENT ? 'T' : 'F'],
        );
        await client.query(
          `INSERT INTO stock (drug, batchnumber, datereceived, expirydate, unitsreceived, manufacturer)
           VALUES ($1, $2, now() - interval '90 days', now() + interval '2 years', 100000, 'CMAM')`,
          [drug, `L${drug}-2026`],
        );
      }
      for (const [key, r] of Object.entries(IDART_REGIMENS)) {
        const regime = await one(
          client,
          `INSERT INTO regimeterapeutico (regimeesquema, codigoregime, regimenomeespecificado, linhaid)
           VALUES ($1, $1, $2, (SELECT linhaid FROM linhat ORDER BY linhaid OFFSET $3 LIMIT 1)) RETURNING regimeid AS id`,
          [key, r.concept, r.line - 1],
        );
        for (const d of r.drugs)
          await client.query(
            'INSERT INTO regimeterapeuticodrugs (regimeid, drug) SELECT $1, id FROM drug WHERE name = $2',
            [regime, d.name],
          );
      }
    }
    await client.query('COMMIT');
    return await readCatalogue(pool);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function readCatalogue(pool: pg.Pool): Promise<Catalogue> {
  const clinic = (await pool.query('SELECT id FROM clinic WHERE mainclinic ORDER BY id LIMIT 1')).rows[0].id;
  const doctor = (await pool.query('SELECT id FROM doctor ORDER BY id LIMIT 1')).rows[0].id;
  const regimens = Object.fromEntries(
    (await pool.query('SELECT regimeid, regimeesquema FROM regimeterapeutico')).rows.map((r) => [
      r.regimeesquema,
      r.regimeid,
    ]),
  ) as Record<IdartRegimen, number>;
  const drugs = await pool.query(
    'SELECT d.id, d.name, min(s.id) AS stock FROM drug d JOIN stock s ON s.drug = d.id GROUP BY d.id',
  );
  return {
    clinic,
    doctor,
    regimens,
    stock: new Map(drugs.rows.map((r) => [r.name as string, Number(r.stock)])),
    drugs: new Map(drugs.rows.map((r) => [r.name as string, Number(r.id)])),
  };
}
