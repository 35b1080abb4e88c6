import { SCHEMA } from '../src/outbox';
import type { Fault } from './fault-proxy';
import { useFaultStack } from './fault-stack';
import { expectExactlyOnce, settle } from './proof';

// The link and OpenMRS failing while the bridge sends, on the real PostgreSQL and MariaDB: every test ends
// with 0 lost and 0 duplicated FILAs, by the reconciliation and by counting rows.

const faulty = useFaultStack(100);
const { pickups } = faulty;

const owed = async () =>
  (
    await faulty.stack.idart.pool.query(
      `SELECT state, reason_code FROM ${SCHEMA}.outbox WHERE state IN ('pending', 'voiding')`,
    )
  ).rows as Array<{ state: string; reason_code: string | null }>;

test('the link cut in the middle of a batch: what was not sent is owed, and sent once the link is back', async () => {
  await pickups(30);
  const bridge = faulty.stack.bridge({ OPENMRS_URL: faulty.proxy.url, BRIDGE_BATCH_SIZE: '10' });
  await bridge.outbox.migrate();
  faulty.proxy.decide = (_request, index) => (index < 40 ? 'pass' : 'cut');
  const first = await bridge.cycle();
  expect(first.sent).toBeGreaterThan(3);
  expect(first.sent).toBeLessThan(30);
  expect(first.deferred).toBe(30 - first.sent);
  expect(first.errors).toBe(0);
  const waiting = await owed();
  expect(waiting).toHaveLength(30 - first.sent);
  expect(waiting.every((w) => w.reason_code === 'openmrs-unavailable')).toBe(true);
  faulty.proxy.decide = () => 'pass';
  await settle(bridge);
  await expectExactlyOnce(faulty.stack, bridge);
});

test('OpenMRS answering 500, not answering (time-outs) and answers lost after the FILA was saved', async () => {
  await pickups(20);
  const bridge = faulty.stack.bridge({ OPENMRS_URL: faulty.proxy.url, BRIDGE_TIMEOUT_SECONDS: '0.2' });
  await bridge.outbox.migrate();
  const onGet: Fault[] = [...'ppppp'].map(() => 'pass' as Fault);
  onGet.splice(2, 0, 'error500');
  onGet.push('pass', 'pass', 'pass', 'pass', 'hang', 'pass', 'pass', 'pass', 'pass', 'cut');
  const onPost: Fault[] = ['lose-answer', 'error500', 'pass', 'hang', 'lose-answer', 'pass'];
  let gets = 0;
  let posts = 0;
  faulty.proxy.decide = ({ method }) =>
    method === 'POST' ? onPost[posts++ % onPost.length] : onGet[gets++ % onGet.length];
  for (let i = 0; i < 5; i++) await bridge.cycle();
  const seen = new Set(faulty.proxy.log.map((l) => l.fault));
  for (const fault of ['error500', 'hang', 'lose-answer', 'cut']) expect(seen).toContain(fault);
  // Answers were lost after OpenMRS had saved the FILA: the retry must find it, not post it again.
  expect(faulty.proxy.log.filter((l) => l.fault === 'lose-answer' && l.method === 'POST').length).toBeGreaterThan(0);
  faulty.proxy.decide = () => 'pass';
  await settle(bridge);
  await expectExactlyOnce(faulty.stack, bridge);
});

test('duplicate delivery: two bridges on one outbox, a FILA posted twice, iDART’s own outbox replayed', async () => {
  await pickups(20);
  const one = faulty.stack.bridge({ OPENMRS_URL: faulty.proxy.url, BRIDGE_BATCH_SIZE: '3' });
  const two = faulty.stack.bridge({ OPENMRS_URL: faulty.proxy.url, BRIDGE_BATCH_SIZE: '3' });
  await one.outbox.migrate();
  faulty.proxy.decide = (request, index) => (request.method === 'POST' && index % 3 === 0 ? 'lose-answer' : 'pass');
  const [a, b] = await Promise.all([one.cycle(), two.cycle()]);
  // An item is leased to one bridge at a time: neither sends what the other is sending.
  expect(a.sent + b.sent).toBeLessThanOrEqual(20);
  expect(a.sent).toBeGreaterThan(0);
  expect(b.sent).toBeGreaterThan(0);
  faulty.proxy.decide = () => 'pass';
  await Promise.all([settle(one), settle(two)]);
  // A FILA posted again as it was (a client retrying on its own) is refused, not saved twice.
  const [item] = await one.outbox.items(`state = 'sent'`, [], 1);
  const again = await fetch(`${faulty.stack.backend.url}/ws/rest/v1/encounter`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('admin:Admin123').toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ uuid: item.encounterUuid, patient: 'x', encounterType: 'y' }),
  });
  expect(again.status).toBe(400);
  // iDART's own outbox rows set back to "ready" (its retry task replaying them) change nothing.
  await faulty.stack.idart.pool.query(`UPDATE sync_openmrs_dispense SET syncstatus = 'R'`);
  expect(await one.cycle()).toMatchObject({ sent: 0, scanned: { added: 0, changed: 0 } });
  await expectExactlyOnce(faulty.stack, one);
});
