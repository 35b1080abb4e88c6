import { openDatabase, type Database, type Row } from '../../src/database';
import { Client } from './client';
import { startFacility, type Facility } from './facility';
import { REMOTE } from './target';

// Programs and enrolments as the O3 programs widget uses them, over a generated
// facility whose patients are enrolled in EPTS programs 1, 2 and 8. Checks rows, so dev backend only.

const ART = 'efe2481f-9e75-4515-8d5a-86bfde2b5ad3';
const TRANSFERRED_OUT = '9f2f86e9-303c-4b98-a6ae-37e8806a6f47';
const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
const WIDGET_REP =
  'custom:(uuid,display,program,dateEnrolled,dateCompleted,location:(uuid,display),states:(startDate,endDate,voided,state:(uuid,concept:(display))))';

const local = REMOTE ? describe.skip : describe;

local('programs and enrolments over a generated facility', () => {
  let facility: Facility;
  let db: Database;
  let admin: Client;

  beforeAll(async () => {
    facility = await startFacility();
    db = openDatabase(facility.database, 2);
    admin = await new Client(facility.server.url).logIn({ username: 'admin', password: 'Admin123' });
  });
  afterAll(async () => {
    await db?.close();
    await facility?.close();
  });

  const counts = async () =>
    (
      await db.rows(
        'SELECT (SELECT COUNT(*) FROM patient_program) AS programs, (SELECT COUNT(*) FROM patient_state) AS states',
      )
    )[0];

  /** A state of program `program` other than `not`, preferring initial ones. */
  const stateOf = async (program: string, not = '') =>
    String(
      (
        await db.rows(
          `SELECT s.uuid FROM program_workflow_state s JOIN program_workflow w USING (program_workflow_id)
           JOIN program p USING (program_id) WHERE p.uuid = ? AND s.uuid <> ? ORDER BY s.initial DESC, 1 LIMIT 1`,
          [program, not],
        )
      )[0].uuid,
    );

  test('program lists workflows with their states, each named by its concept', async () => {
    const { status, body } = await admin.rest('program?v=default');
    expect(status).toBe(200);
    const art = body.results.find((p: Row) => p.uuid === ART);
    expect(art).toMatchObject({ retired: false });
    const full = (await admin.rest(`program/${ART}`)).body;
    expect(full).toMatchObject({ uuid: ART, concept: { uuid: expect.any(String) } });
    const states = full.allWorkflows.flatMap((w: Row) => w.states as Row[]);
    const out = states.find((s: Row) => s.uuid === TRANSFERRED_OUT);
    expect(out).toMatchObject({ retired: false, concept: { display: expect.any(String) } });
    expect(out.display).toBe(out.concept.display);
    const flags = (await admin.rest(`program/${ART}?v=custom:(allWorkflows:(states:(uuid,initial,terminal)))`)).body;
    const custom = flags.allWorkflows.flatMap((w: Row) => w.states as Row[]);
    expect(custom.find((s: Row) => s.uuid === TRANSFERRED_OUT)).toEqual({
      uuid: TRANSFERRED_OUT,
      initial: expect.any(Boolean),
      terminal: expect.any(Boolean),
    });
  });

  test("a patient's enrolments in the programs widget's representation, newest first", async () => {
    const [enrolled] = await db.rows(
      `SELECT pe.uuid, COUNT(*) AS n FROM patient_program pp JOIN person pe ON pe.person_id = pp.patient_id
       WHERE pp.voided = 0 GROUP BY pe.uuid ORDER BY n DESC LIMIT 1`,
    );
    const { body } = await admin.rest(`programenrollment?patient=${String(enrolled.uuid)}&v=${WIDGET_REP}`);
    expect(body.results).toHaveLength(Number(enrolled.n));
    const [first] = body.results;
    expect(Object.keys(first).sort()).toEqual(
      ['uuid', 'display', 'program', 'dateEnrolled', 'dateCompleted', 'location', 'states'].sort(),
    );
    expect(first.display).toBe(first.program.display);
    expect(Object.keys(first.location).sort()).toEqual(['display', 'uuid']);
    for (const s of first.states) {
      expect(Object.keys(s).sort()).toEqual(['endDate', 'startDate', 'state', 'voided']);
      expect(s.state).toEqual({ uuid: expect.any(String), concept: { display: expect.any(String) } });
    }
    const dates = body.results.map((r: Row) => String(r.dateEnrolled));
    expect([...dates].sort().reverse()).toEqual(dates);
    expect((await admin.rest('programenrollment?patient=no-such-patient')).body.results).toEqual([]);
  });

  test('enrol, transition, refuse a second enrolment at overlapping dates, void', async () => {
    const [patient] = await db.rows(
      `SELECT pe.uuid FROM patient pa JOIN person pe ON pe.person_id = pa.patient_id
       WHERE NOT EXISTS (SELECT 1 FROM patient_program pp JOIN program p USING (program_id)
                         WHERE pp.patient_id = pa.patient_id AND p.uuid = ?) LIMIT 1`,
      [ART],
    );
    const initial = await stateOf(ART, TRANSFERRED_OUT);
    const before = await counts();
    const created = await admin.rest('programenrollment', {
      method: 'POST',
      body: {
        patient: patient.uuid,
        program: ART,
        dateEnrolled: '2026-01-10',
        location: HD_MANHICA,
        states: [{ state: initial, startDate: '2026-01-10' }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ program: { uuid: ART }, dateCompleted: null, voided: false });
    expect(created.body.states).toHaveLength(1);
    const uuid = created.body.uuid as string;

    const moved = await admin.rest(`programenrollment/${uuid}/state`, {
      method: 'POST',
      body: { state: TRANSFERRED_OUT, startDate: '2026-03-01' },
    });
    expect(moved.status).toBe(201);
    const after = (await admin.rest(`programenrollment/${uuid}?v=${WIDGET_REP}`)).body;
    const byState = Object.fromEntries(after.states.map((s: Row) => [(s.state as Row).uuid, s]));
    expect(byState[initial].endDate).toMatch(/^2026-03-01T/);
    expect(byState[TRANSFERRED_OUT]).toMatchObject({ startDate: expect.stringMatching(/^2026-03-01T/), endDate: null });

    const mid = await counts();
    const twice = await admin.rest('programenrollment', {
      method: 'POST',
      body: {
        patient: patient.uuid,
        program: ART,
        dateEnrolled: '2026-02-01',
        states: [{ state: initial, startDate: '2026-02-01' }],
      },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fieldErrors).toHaveProperty('program');
    const future = await admin.rest('programenrollment', {
      method: 'POST',
      body: { patient: patient.uuid, program: ART, dateEnrolled: '2099-01-01' },
    });
    expect(future.status).toBe(400);
    const [other] = await db.rows('SELECT uuid FROM program WHERE uuid <> ? LIMIT 1', [ART]);
    const foreign = await admin.rest(`programenrollment/${uuid}/state`, {
      method: 'POST',
      body: { state: await stateOf(String(other.uuid)), startDate: '2026-04-01' },
    });
    expect(foreign.status).toBe(400);
    expect(await counts()).toEqual(mid);
    expect(mid).toEqual({ programs: Number(before.programs) + 1, states: Number(before.states) + 2 });

    const updated = await admin.rest(`programenrollment/${uuid}`, {
      method: 'POST',
      body: { dateCompleted: '2026-03-02' },
    });
    expect(updated.body.dateCompleted).toMatch(/^2026-03-02T/);

    expect((await admin.rest(`programenrollment/${uuid}`, { method: 'DELETE' })).status).toBe(204);
    const rows = await db.rows(
      `SELECT pp.voided AS p, ps.voided AS s FROM patient_program pp JOIN patient_state ps USING (patient_program_id)
       WHERE pp.uuid = ?`,
      [uuid],
    );
    expect(rows.every((r) => Number(r.p) === 1 && Number(r.s) === 1)).toBe(true);
    const listed = (await admin.rest(`programenrollment?patient=${String(patient.uuid)}`)).body.results;
    expect(listed.map((r: Row) => r.uuid)).not.toContain(uuid);
  });
});
