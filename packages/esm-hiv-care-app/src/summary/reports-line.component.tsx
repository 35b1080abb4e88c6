import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { HivSummary } from '../resources/hiv-summary.resource';
import { day } from './dates';
import { mmdLabel, txMlLabel } from './labels';
import styles from './hiv-summary.scss';

/** How the reports count the patient today: the same rules as the status, read from the same answer. */
export function ReportsLine({ summary }: { summary: HivSummary }) {
  const { t } = useTranslation();
  const { reports } = summary;
  const yesNo = (b: boolean) => (b ? t('yes', 'yes') : t('no', 'no'));
  return (
    <p className={styles.reports}>
      {t('inReports', 'In the reports at {{date}}:', { date: day(summary.date) })}{' '}
      {`TX_CURR ${yesNo(reports.txCurr)}${reports.txCurr ? ` (${mmdLabel(t, reports.mmd)})` : ''}`} ·{' '}
      {`${t('resumoMensalB13', 'Resumo Mensal B13')} ${yesNo(reports.b13)}`} ·{' '}
      {t('txMlOfQuarter', 'TX_ML since {{start}}: {{outcome}}', {
        start: day(reports.quarterStart),
        outcome: txMlLabel(t, reports.txMl),
      })}
    </p>
  );
}
