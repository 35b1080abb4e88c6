import { connect } from '@poc-emr/db';
import { createTestDatabase, dropDatabase } from '@poc-emr/db/src/testing';
import { loadMetadata, readTerms, resolveTermIds } from '@poc-emr/metadata';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { MaterialisingSession, resolveReportTerms, sql, type Sql, type Terms } from '../src';

// Hand-built patient timelines on the real MariaDB: a fresh database with the distro's metadata (ids
// shuffled on request), and helpers that write what the forms write, referring to metadata by term.

export interface Obs {
  /** A term code of distro/configuration/metadatatermmappings. */
  concept: string;
  /** A coded answer (term code), a date (yyyy-mm-dd…), or a number. */
  value: string | number;
}

export class Timeline {
  private constructor(
    readonly database: string,
    readonly conn: Connection,
    /** What the engine resolves, as a report run would. */
    readonly terms: Terms,
    /** Every term of the configuration, for writing timelines. */
    private readonly ids: Map<string, number>,
  ) {}

  static async create(shuffleSeed?: number): Promise<Timeline> {
    const database = await createTestDatabase('rep');
    await loadMetadata(database, shuffleSeed === undefined ? {} : { ids: { shuffleSeed } });
    const conn = await connect({ database });
    const all = readTerms();
    const ids = await resolveTermIds(conn, database, [...all.keys()], all);
    return new Timeline(database, conn, await resolveReportTerms(conn, database), ids);
  }

  id(code: string): number {
    const id = this.ids.get(code);
    if (id === undefined) throw new Error(`Unknown metadata term ${code}`);
    return id;
  }

  async close(): Promise<void> {
    await this.conn.end();
    await dropDatabase(this.database);
  }

  /** A new patient (a woman of unknown age unless told); answers their person_id. */
  async patient(options: { voided?: boolean; sex?: 'F' | 'M'; birthdate?: string } = {}): Promise<number> {
    const [person] = await this.conn.query<ResultSetHeader>(
      'INSERT INTO person (gender, birthdate, creator, date_created, uuid) VALUES (?, ?, 1, NOW(), UUID())',
      [options.sex ?? 'F', options.birthdate ?? null],
    );
    await this.conn.query('INSERT INTO patient (patient_id, creator, date_created, voided) VALUES (?, 1, NOW(), ?)', [
      person.insertId,
      options.voided ? 1 : 0,
    ]);
    return person.insertId;
  }

  /** An encounter of `type` on `date` with its obs; answers the encounter_id. */
  async encounter(
    patientId: number,
    type: string,
    date: string,
    obs: Obs[] = [],
    options: { voided?: boolean } = {},
  ): Promise<number> {
    const [encounter] = await this.conn.query<ResultSetHeader>(
      `INSERT INTO encounter (encounter_type, patient_id, encounter_datetime, creator, date_created, voided, uuid)
       VALUES (?, ?, ?, 1, NOW(), ?, UUID())`,
      [this.id(type), patientId, date, options.voided ? 1 : 0],
    );
    for (const o of obs) {
      const coded = typeof o.value === 'string' && /^[a-zA-Z]/.test(o.value);
      const isDate = typeof o.value === 'string' && !coded;
      await this.conn.query(
        `INSERT INTO obs (person_id, concept_id, encounter_id, obs_datetime, value_coded, value_datetime, value_numeric,
                          creator, date_created, uuid)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, NOW(), UUID())`,
        [
          patientId,
          this.id(o.concept),
          encounter.insertId,
          date,
          coded ? this.id(o.value as string) : null,
          isDate ? o.value : null,
          typeof o.value === 'number' ? o.value : null,
        ],
      );
    }
    return encounter.insertId;
  }

  /** An enrolment in `program` with its states in order, each (state term, start date); answers its id. */
  async enrol(
    patientId: number,
    program: string,
    date: string,
    options: { voided?: boolean; states?: [string, string][] } = {},
  ): Promise<number> {
    const [enrolment] = await this.conn.query<ResultSetHeader>(
      `INSERT INTO patient_program (patient_id, program_id, date_enrolled, creator, date_created, voided, uuid)
       VALUES (?, ?, ?, 1, NOW(), ?, UUID())`,
      [patientId, this.id(program), date, options.voided ? 1 : 0],
    );
    const states = options.states ?? [];
    for (const [i, [state, start]] of states.entries()) {
      await this.conn.query(
        `INSERT INTO patient_state (patient_program_id, state, start_date, end_date, creator, date_created, uuid)
         VALUES (?, ?, ?, ?, 1, NOW(), UUID())`,
        [enrolment.insertId, this.id(state), start, states[i + 1]?.[1] ?? null],
      );
    }
    return enrolment.insertId;
  }

  /** A FILA on `date`, with its next-pickup date when given. */
  async fila(patientId: number, date: string, nextPickup?: string): Promise<number> {
    const obs = nextPickup ? [{ concept: 'concept.nextPickupDate', value: nextPickup }] : [];
    return this.encounter(patientId, 'encounterType.fila', date, obs);
  }

  /** A pickup written on the Master Card reception form ("levantou ARV"). */
  async receptionPickup(patientId: number, date: string): Promise<number> {
    return this.encounter(patientId, 'encounterType.masterCardPickup', date, [
      { concept: 'concept.pickupDate', value: date },
    ]);
  }

  /** The patients of `cohort` among `patientIds`, in that order. */
  async members(cohort: Sql, patientIds: number[]): Promise<number[]> {
    const rows = await this.rows(sql`SELECT c.patient_id FROM (${cohort}) c WHERE c.patient_id IN (${patientIds})`);
    const found = new Set(rows.map((r) => Number(r.patient_id)));
    return patientIds.filter((id) => found.has(id));
  }

  async die(patientId: number, date: string): Promise<void> {
    await this.conn.query('UPDATE person SET dead = 1, death_date = ? WHERE person_id = ?', [date, patientId]);
  }

  /** The rows of `fragment` as a report run computes them: shared blocks as temporary tables. */
  async rows(fragment: Sql): Promise<RowDataPacket[]> {
    const session = new MaterialisingSession(this.conn);
    try {
      return await session.rows(fragment);
    } finally {
      await session.close();
    }
  }
}
