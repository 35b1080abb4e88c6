import { Button, ProgressBar } from '@carbon/react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import { cancelRun, useServiceUrl } from '../resources/reports.resource';
import type { Run } from '../resources/types';
import { periodLabel } from '../period';
import { statusLabel } from '../status';
import { Notice } from '../notice.component';

/** The run's progress (indicators done), who asked for it, and a way to stop it. */
export function RunProgress({ run, reportLabel, onChange }: { run: Run; reportLabel: string; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const url = useServiceUrl();
  const running = run.status === 'queued' || run.status === 'running';
  if (running) {
    return (
      <div>
        <ProgressBar
          label={t('running', 'Running {{report}} {{period}}', {
            report: reportLabel,
            period: periodLabel(run.period, i18n.language),
          })}
          helperText={t('indicatorsDone', '{{done}} of {{total}} indicators', run.progress)}
          value={run.progress.done}
          max={run.progress.total}
        />
        <Button kind="ghost" size="sm" onClick={() => cancelRun(url, run.id).then(onChange, onChange)}>
          {t('cancel', 'Cancel')}
        </Button>
      </div>
    );
  }
  if (run.status === 'done') return null;
  return (
    <Notice
      kind={run.status === 'cancelled' ? 'info' : 'error'}
      title={statusLabel(t, run.status)}
      message={run.error ?? ''}
    />
  );
}
