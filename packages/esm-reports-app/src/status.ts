import type { useTranslation } from '@poc-emr/esm-commons-lib';
import type { RunStatus } from './resources/types';

/** A run's status as the officer reads it. */
export function statusLabel(t: ReturnType<typeof useTranslation>['t'], status: RunStatus): string {
  const labels: Record<RunStatus, string> = {
    queued: t('statusQueued', 'Queued'),
    running: t('statusRunning', 'Running'),
    done: t('statusDone', 'Done'),
    failed: t('statusFailed', 'Failed'),
    cancelled: t('statusCancelled', 'Cancelled'),
    interrupted: t('statusInterrupted', 'Interrupted'),
  };
  return labels[status];
}
