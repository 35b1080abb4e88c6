import { engineReading } from '@poc-emr/fila/test/engine-reads';
import { generatePickups } from '../src/idart/activity';
import { reconcile } from '../src/reconcile';
import { HD_MANHICA, startBridgeStack, type BridgeStack } from './stack';

// The bridge on a quiet day: iDART's dispensations become FILAs in OpenMRS, once each, read by the report
// engine as the pharmacist dispensed them; iDART's own outbox rows are marked exported.

let stack: BridgeStack;

beforeAll(async () => {
  stack = await startBridgeStack();
});
afterAll(() => stack?.close());

test('the feed brought the patients on ART into iDART with their OpenMRS uuid', async () => {
  const [{ n }] = (await stack.rows(
    `SELECT COUNT(DISTINCT pp.patient_id) AS n FROM patient_program pp JOIN program p ON p.program_id = pp.program_id
     WHERE p.uuid = 'efe2481f-9e75-4515-8d5a-86bfde2b5ad3' AND pp.voided = 0 AND pp.date_completed IS NULL`,
  )) as Array<{ n: number }>;
  expect(stack.nids.length).toBeGreaterThan(10);
  expect(stack.nids.length).toBe(Number(n));
});

test('each dispensation becomes exactly one FILA, read by the engine with its MMD and regimen', async () => {
  const pickups = await generatePickups(stack.idart.pool, stack.catalogue, {
    nids: stack.nids,
    from: stack.since,
    days: 7,
    count: 25,
    seed: 11,
  });
  const bridge = stack.bridge();
  await bridge.outbox.migrate();
  const result = await bridge.cycle();
  expect(result).toMatchObject({ scanned: { added: 25, changed: 0, removed: 0 }, sent: 25, errors: 0, deferred: 0 });
  expect(await bridge.cycle()).toMatchObject({ scanned: { added: 0, changed: 0, removed: 0 }, sent: 0 });

  const filas = await stack.rows(
    `SELECT e.uuid, e.patient_id, DATE_FORMAT(e.encounter_datetime, '%Y-%m-%d %H:%i:%s') AS at, l.uuid AS location
     FROM encounter e JOIN encounter_type t ON t.encounter_type_id = e.encounter_type JOIN location l ON l.location_id = e.location_id
     WHERE t.uuid = 'e279133c-1d5f-11e0-b929-000c29ad1d07' AND e.voided = 0
       AND EXISTS (SELECT 1 FROM obs o WHERE o.encounter_id = e.encounter_id AND o.comments = 'IDART')`,
  );
  expect(filas).toHaveLength(25);
  expect(filas.every((f) => String(f.at).endsWith('00:00:00') && f.location === HD_MANHICA)).toBe(true);

  const reading = await engineReading(stack.database, stack.today);
  const items = await bridge.outbox.items(`state = 'sent'`);
  expect(items).toHaveLength(25);
  for (const item of items) {
    const pickup = pickups.find((p) => p.nid === item.content.nid && p.day === item.content.pickup)!;
    const medication = reading.medication.get(item.encounterUuid);
    expect(medication).toMatchObject({ pickup: pickup.day, nextPickup: expect.any(String) });
    const days = (Date.parse(medication!.nextPickup) - Date.parse(pickup.day)) / 86_400_000;
    expect(days).toBe(pickup.weeks * 7);
  }
  const [{ exported, ready }] = (
    await stack.idart.pool.query(
      `SELECT count(*) FILTER (WHERE syncstatus = 'E')::int AS exported, count(*) FILTER (WHERE syncstatus = 'R')::int AS ready
       FROM sync_openmrs_dispense`,
    )
  ).rows;
  expect({ exported, ready }).toEqual({ exported: 25, ready: 0 });
  expect((await reconcile(stack.idart.pool, bridge.openmrs, { since: stack.since, facility: HD_MANHICA })).ok).toBe(
    true,
  );
});
