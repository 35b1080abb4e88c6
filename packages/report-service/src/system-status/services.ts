import type { Level } from './levels';
import { plainError } from './levels';

// The iDART bridge's own health route (public, as the container's healthcheck asks it): FILAs owed to
// OpenMRS and those in error. Not configured where the pharmacy does not dispense in iDART.

export interface BridgeHealth {
  level: Level;
  configured: boolean;
  owed: number | null;
  errors: number | null;
  error: string | null;
}

export const BRIDGE_HEALTH_PATH = '/openmrs/ws/idart/health';

export async function bridgeHealth(url: string | undefined): Promise<BridgeHealth> {
  if (!url) return { level: 'off', configured: false, owed: null, errors: null, error: null };
  try {
    const answer = await fetch(`${url}${BRIDGE_HEALTH_PATH}`, { signal: AbortSignal.timeout(5_000) });
    if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
    const body = (await answer.json()) as { owed?: number; errors?: number };
    const errors = Number(body.errors ?? 0);
    return {
      level: errors > 0 ? 'warning' : 'ok',
      configured: true,
      owed: Number(body.owed ?? 0),
      errors,
      error: null,
    };
  } catch (error) {
    return { level: 'error', configured: true, owed: null, errors: null, error: plainError(error) };
  }
}
