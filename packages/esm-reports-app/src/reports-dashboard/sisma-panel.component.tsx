import { Button, InlineLoading, Tag, Tile } from '@carbon/react';
import { useState } from 'react';
import { displayDateTime, useTranslation } from '@poc-emr/esm-commons-lib';
import { problemOf, sendToSisma, useServiceUrl } from '../resources/reports.resource';
import type { Push, Run } from '../resources/types';
import styles from './reports-dashboard.scss';
import { Notice } from '../notice.component';

/** DHIS2's answer: what would be (or was) imported, updated, ignored, and each conflict. */
export function ImportSummary({ push }: { push: Push }) {
  const { t } = useTranslation();
  const count = push.importCount;
  const kind = push.status === 'ok' ? 'success' : push.status === 'conflicts' ? 'warning' : 'error';
  const title = push.dryRun
    ? push.status === 'ok'
      ? t('dryRunOk', 'Test passed: SIS-MA would take every value')
      : t('dryRunProblems', 'Test found problems: nothing can be sent yet')
    : push.status === 'ok'
      ? t('sentOk', 'Sent to SIS-MA')
      : t('sentProblems', 'SIS-MA did not take everything');
  return (
    <div className={styles.summary} aria-label={t('importSummary', 'Import summary')}>
      <Notice kind={kind} title={title} message={push.message} />
      {count && (
        <dl className={styles.counts}>
          <dt>{t('imported', 'Imported')}</dt>
          <dd>{count.imported}</dd>
          <dt>{t('updated', 'Updated')}</dt>
          <dd>{count.updated}</dd>
          <dt>{t('ignored', 'Ignored')}</dt>
          <dd>{count.ignored}</dd>
          <dt>{t('deleted', 'Deleted')}</dt>
          <dd>{count.deleted}</dd>
        </dl>
      )}
      {push.conflicts.length > 0 && (
        <ul className={styles.conflicts} aria-label={t('conflicts', 'Conflicts')}>
          {push.conflicts.map((c) => (
            <li key={`${c.errorCode}-${c.object}`}>
              <Tag type="red" size="sm">
                {c.errorCode ?? '—'}
              </Tag>{' '}
              {c.value}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Send to SIS-MA: a test (DHIS2's dry run) first; only a clean test lets the real push through. */
export function SismaPanel({ run, onChange }: { run: Run; onChange: () => void }) {
  const { t } = useTranslation();
  const url = useServiceUrl();
  const [busy, setBusy] = useState<'test' | 'send'>();
  const [problem, setProblem] = useState<string>();
  const last = run.pushes[run.pushes.length - 1];
  const send = async (dryRun: boolean) => {
    setBusy(dryRun ? 'test' : 'send');
    setProblem(undefined);
    try {
      await sendToSisma(url, run.id, dryRun);
    } catch (error) {
      setProblem(problemOf(error)?.message);
    } finally {
      setBusy(undefined);
      onChange();
    }
  };
  return (
    <Tile className={styles.sisma}>
      <h4>{t('sendToSisma', 'Send to SIS-MA')}</h4>
      <div className={styles.inline}>
        <Button kind="secondary" size="sm" disabled={!!busy} onClick={() => send(true)}>
          {t('testSend', 'Test sending (dry run)')}
        </Button>
        {last?.dryRun && last.status === 'ok' && (
          <Button kind="primary" size="sm" disabled={!!busy} onClick={() => send(false)}>
            {t('confirmSend', 'Send to SIS-MA now')}
          </Button>
        )}
        {busy && <InlineLoading description={busy === 'test' ? t('testing', 'Testing…') : t('sending', 'Sending…')} />}
      </div>
      {problem && <Notice title={t('notSent', 'Not sent')} message={problem} />}
      {last && <ImportSummary push={last} />}
      {run.pushes.some((p) => !p.dryRun) && (
        <ul className={styles.pushes} aria-label={t('sendHistory', 'Sent before')}>
          {run.pushes
            .filter((p) => !p.dryRun)
            .map((p) => (
              <li key={p.id}>
                {displayDateTime(p.at)} · {p.by} ·{' '}
                {p.status === 'ok'
                  ? t('sentOk', 'Sent to SIS-MA')
                  : t('sentProblems', 'SIS-MA did not take everything')}
              </li>
            ))}
        </ul>
      )}
    </Tile>
  );
}
