import { Tag } from '@carbon/react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { HivSummary, PatientStatus } from '../resources/hiv-summary.resource';
import { day } from './dates';
import { statusLabel } from './labels';
import styles from './hiv-summary.scss';

const COLOUR: Record<PatientStatus['status'], 'green' | 'red' | 'magenta' | 'gray' | 'cool-gray'> = {
  active: 'green',
  iit: 'red',
  abandoned: 'red',
  'no-pickup': 'magenta',
  'transferred-out': 'gray',
  suspended: 'gray',
  died: 'cool-gray',
  'not-started': 'cool-gray',
};

/**
 * The patient's status by PEPFAR's 28 days and MISAU's 59 days: the rules of TX_CURR and of the Resumo
 * Mensal's B13. "Faltoso" is a patient still active by MISAU's rule but late for the pickup.
 */
export function StatusTags({ summary }: { summary: HivSummary }) {
  const { t } = useTranslation();
  const { pepfar, misau } = summary.status;
  const late = summary.pickups.daysLate ?? 0;
  const since = (s: PatientStatus) =>
    s.status !== 'active' && s.since ? ` ${t('since', 'since {{date}}', { date: day(s.since) })}` : '';
  return (
    <div className={styles.status} aria-label={t('statusToday', 'Status today')}>
      <Tag type={COLOUR[pepfar.status]}>{`PEPFAR: ${statusLabel(t, pepfar.status)}${since(pepfar)}`}</Tag>
      <Tag type={COLOUR[misau.status]}>{`MISAU: ${statusLabel(t, misau.status)}${since(misau)}`}</Tag>
      {misau.status === 'active' && late > 0 ? (
        <Tag type="warm-gray">{t('faltoso', 'Faltoso: {{days}} days late', { days: late })}</Tag>
      ) : null}
      <span className={styles.note}>
        {t(
          'statusRules',
          'PEPFAR (TX_CURR): on ART until 28 days after the scheduled pickup; MISAU (B13): until 59 days.',
        )}
      </span>
    </div>
  );
}
