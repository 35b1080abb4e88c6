import { useState } from 'react';
import type { FilaEncounter } from '@poc-emr/fila';
import { saveFila } from '../resources/pickups.resource';
import { randomUuid } from './clock';

/**
 * A form's save of one encounter under a uuid chosen when the form opens and kept until the save
 * succeeds: a second click or a retry after a lost answer cannot write a second encounter. `tried` says
 * whether to show the problems (after the first attempt).
 */
export function useIdempotentSave() {
  const [uuid, setUuid] = useState(randomUuid);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();

  /**
   * Saves `build()` unless there are problems, then runs `after` (marking orders dispensed); true when both
   * succeeded. A failure of either keeps the uuid, so the retry finds the encounter and does `after` again.
   */
  const save = async (
    problems: unknown[],
    build: () => FilaEncounter,
    after?: (encounterUuid: string) => Promise<void>,
  ): Promise<boolean> => {
    setTried(true);
    setFailure(undefined);
    if (problems.length > 0) return false;
    setSaving(true);
    try {
      await saveFila(build());
      await after?.(uuid);
      setUuid(randomUuid());
      setTried(false);
      return true;
    } catch (error) {
      setFailure((error as Error).message);
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { uuid, tried, saving, failure, save };
}
