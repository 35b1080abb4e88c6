import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { engineReading } from '@poc-emr/fila/test/engine-reads';
import { addDays } from '@poc-emr/fila';
import { expectedDateText, recordPickup } from '../src/idart/activity';
import { SCHEMA } from '../src/outbox';
import { useFaultStack } from './fault-stack';
import { expectExactlyOnce, settle } from './proof';

// The bridge killed (-9) while sending, pickups edited or returned in iDART after they were sent (and
// while they were being sent), and clocks that disagree: 0 lost, 0 duplicated FILAs each time.

const faulty = useFaultStack(500);
const { pickups } = faulty;

function startCli(env: NodeJS.ProcessEnv): ChildProcess {
  // One process (tsx as a loader, not its CLI, which would leave the real bridge orphaned by a kill -9).
  return spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'src', 'cli.ts'), 'serve'], {
    env: { ...process.env, ...env, PORT: '0' },
    stdio: 'ignore',
  });
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

test('kill -9 of the bridge right after OpenMRS saved a FILA, before the bridge heard of it', async () => {
  await pickups(20);
  const env = faulty.stack.env({
    OPENMRS_URL: faulty.proxy.url,
    BRIDGE_TIMEOUT_SECONDS: '0.3',
    BRIDGE_BATCH_SIZE: '5',
  });
  let child = startCli(env);
  let posts = 0;
  let killed!: () => void;
  const kill = new Promise<void>((resolve) => (killed = resolve));
  faulty.proxy.onUpstreamAnswer = ({ method, url }) => {
    if (method !== 'POST' || !url.endsWith('/encounter') || ++posts !== 6) return;
    child.kill('SIGKILL');
    killed();
  };
  await kill;
  await exited(child);
  faulty.proxy.onUpstreamAnswer = undefined;
  const owed = await faulty.stack.idart.pool.query(
    `SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE state = 'pending'`,
  );
  expect(owed.rows[0].n).toBeGreaterThan(0);
  // Started again: the FILA saved as it died is found, not posted twice; the rest are sent.
  child = startCli(env);
  const bridge = faulty.stack.bridge({ OPENMRS_URL: faulty.proxy.url });
  for (let i = 0; i < 200; i++) {
    const { rows } = await faulty.stack.idart.pool.query(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE state <> 'sent'`,
    );
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  await exited(child);
  await expectExactlyOnce(faulty.stack, bridge);
});

test('a pickup edited in iDART after it was sent: the FILA is replaced (the old one voided); a returned one voided', async () => {
  await pickups(6);
  const bridge = faulty.stack.bridge();
  await settle(bridge);
  const [edited, returned] = await bridge.outbox.items(
    `state = 'sent' AND changed_at > now() - interval '1 minute'`,
    [],
    2,
  );
  const newNext = addDays(edited.content.pickup, 84);
  await faulty.stack.idart.pool.query(`UPDATE packagedruginfotmp SET dateexpectedstring = $1 WHERE packageid = $2`, [
    expectedDateText(newNext),
    edited.content.packageId,
  ]);
  await faulty.stack.idart.pool.query(
    `UPDATE packageddrugs SET amount = amount * 3 WHERE parentpackage = (SELECT id FROM package WHERE packageid = $1)`,
    [edited.content.packageId],
  );
  await faulty.stack.idart.pool.query(
    `UPDATE package SET packagereturned = true, datereturned = now(), reasonforpackagereturn = 'Erro de digitação' WHERE packageid = $1`,
    [returned.content.packageId],
  );
  expect((await bridge.cycle()).scanned).toEqual({ added: 0, changed: 1, removed: 1 });
  await settle(bridge);
  const voided = await faulty.stack.rows(
    `SELECT uuid, voided, void_reason FROM encounter WHERE uuid IN (?) ORDER BY voided`,
    [[edited.encounterUuid, returned.encounterUuid]],
  );
  expect(voided).toEqual([
    { uuid: expect.any(String), voided: 1, void_reason: expect.stringMatching(/alterado|anulado/) },
    { uuid: expect.any(String), voided: 1, void_reason: expect.stringMatching(/alterado|anulado/) },
  ]);
  const [now] = await bridge.outbox.items('package_id = $1', [edited.packageId]);
  expect(now.encounterUuid).not.toBe(edited.encounterUuid);
  const reading = await engineReading(faulty.stack.database, faulty.stack.today);
  expect(reading.medication.get(now.encounterUuid)).toMatchObject({ nextPickup: newNext });
  await expectExactlyOnce(faulty.stack, bridge);
});

test('a pickup edited in iDART while its FILA was being posted: the newer content wins, once', async () => {
  await pickups(3);
  const bridge = faulty.stack.bridge({ OPENMRS_URL: faulty.proxy.url });
  let editedOne = false;
  faulty.proxy.onUpstreamAnswer = async ({ method, url, body }) => {
    if (editedOne || method !== 'POST' || !url.endsWith('/encounter')) return;
    editedOne = true;
    // The very package whose FILA OpenMRS has just saved, before the bridge hears back.
    const edited = await faulty.stack.idart.pool.query(
      `UPDATE packageddrugs SET amount = amount + 1
       WHERE parentpackage = (SELECT package_id FROM ${SCHEMA}.outbox WHERE encounter_uuid = $1)`,
      [JSON.parse(body).uuid],
    );
    expect(edited.rowCount).toBeGreaterThan(0);
  };
  await settle(bridge);
  expect(editedOne).toBe(true);
  await expectExactlyOnce(faulty.stack, bridge);
});

test('clock skew: a pickup iDART dates ahead of OpenMRS waits (owed, not an error); an edit stamped in the past is seen', async () => {
  const bridge = faulty.stack.bridge();
  await settle(bridge);
  const tomorrow = addDays(faulty.stack.today, 1);
  const ahead = await recordPickup(faulty.stack.idart.pool, faulty.stack.catalogue, {
    nid: faulty.stack.nids[1],
    day: tomorrow,
    regimen: 'TDF+3TC+DTG',
    weeks: 4,
  });
  await bridge.cycle();
  const [waiting] = await bridge.outbox.items(`content->>'packageId' = $1`, [ahead.packageId]);
  expect({ state: waiting.state, reason: waiting.reasonCode }).toEqual({ state: 'pending', reason: 'future-date' });
  const reconciliation = await (
    await import('../src/reconcile')
  ).reconcile(faulty.stack.idart.pool, bridge.openmrs, {
    since: faulty.stack.since,
    facility: faulty.stack.env().BRIDGE_LOCATION_UUID!,
  });
  expect(reconciliation.missing).toEqual([
    expect.objectContaining({
      packageId: ahead.packageId,
      state: 'pending',
      reason: expect.stringContaining(tomorrow),
    }),
  ]);
  // The iDART machine's clock set right, the pharmacist corrects the day: sent once, under its new content.
  await faulty.stack.idart.pool.query(`UPDATE package SET pickupdate = $1, packdate = $1 WHERE id = $2`, [
    faulty.stack.today,
    ahead.id,
  ]);
  // A machine whose clock is behind writes a pickup dated before the bridge's last look: still seen.
  await recordPickup(faulty.stack.idart.pool, faulty.stack.catalogue, {
    nid: faulty.stack.nids[2],
    day: faulty.stack.since,
    regimen: 'TDF+3TC+DTG',
    weeks: 12,
  });
  await settle(bridge);
  await expectExactlyOnce(faulty.stack, bridge);
});
