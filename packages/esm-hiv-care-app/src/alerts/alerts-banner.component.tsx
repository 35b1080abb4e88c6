import { useTranslation, WidgetBoundary } from '@poc-emr/esm-commons-lib';
import { useHivSummary } from '../resources/hiv-summary.resource';
import { AlertList } from './alert-list.component';
import styles from './alerts.scss';

/** The clinical alerts on top of every chart dashboard but the ones that already show them. */
export default function AlertsBanner({ patientUuid, basePath }: { patientUuid: string; basePath?: string }) {
  const { t } = useTranslation();
  const { data: summary } = useHivSummary(patientUuid);
  if (!summary || basePath === 'patient-summary' || basePath === 'hiv-tarv') return null;
  const alerts = summary.alerts.filter((a) => a.kind === 'clinical' && a.severity !== 'info');
  if (alerts.length === 0) return null;
  return (
    <div className={styles.banner} aria-label={t('hivAlerts', 'HIV alerts')}>
      <WidgetBoundary name={t('hivAlerts', 'HIV alerts')}>
        <AlertList alerts={alerts} today={summary.date} compact />
      </WidgetBoundary>
    </div>
  );
}
