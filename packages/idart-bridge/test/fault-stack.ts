import { generatePickups } from '../src/idart/activity';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { startBridgeStack, type BridgeStack } from './stack';

// What the fault test files share: the bridge stack, a fault proxy in front of its OpenMRS (letting
// everything pass at the start of each test), and a week of iDART pickups on demand, each call with a
// seed of its own.

export interface FaultStack {
  stack: BridgeStack;
  proxy: FaultProxy;
  /** `count` pickups of the stack's patients over the week from BRIDGE_SINCE. */
  pickups(count: number): ReturnType<typeof generatePickups>;
}

/** Opened before the file's tests, closed after them; `firstSeed` keeps files' pickups apart. */
export function useFaultStack(firstSeed: number): FaultStack {
  let seed = firstSeed;
  const faulty = {
    pickups: (count: number) =>
      generatePickups(faulty.stack.idart.pool, faulty.stack.catalogue, {
        nids: faulty.stack.nids,
        from: faulty.stack.since,
        days: 7,
        count,
        seed: seed++,
      }),
  } as FaultStack;
  beforeAll(async () => {
    faulty.stack = await startBridgeStack();
    faulty.proxy = await startFaultProxy(faulty.stack.backend.url);
  });
  afterAll(async () => {
    await faulty.proxy?.close();
    await faulty.stack?.close();
  });
  beforeEach(() => {
    faulty.proxy.log.splice(0);
    faulty.proxy.decide = () => 'pass';
    faulty.proxy.onUpstreamAnswer = undefined;
  });
  return faulty;
}
