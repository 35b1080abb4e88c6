import { InlineNotification } from '@carbon/react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { Alert } from '../resources/hiv-summary.resource';
import { day, daysBetween } from '../summary/dates';
import { alertRule, alertTitle } from '../summary/labels';
import styles from './alerts.scss';

const KIND = { danger: 'error', warning: 'warning', info: 'info' } as const;

/** What the alert's date and detail say: since when, how late, which reason. */
function alertWhen(t: ReturnType<typeof useTranslation>['t'], alert: Alert, today: string): string {
  const { code, date, detail } = alert;
  if (code === 'missed-pickup' && date) {
    return t('lateSince', '{{days}} days late (pickup was due on {{date}})', {
      days: daysBetween(date, today),
      date: day(date),
    });
  }
  if (code === 'viral-load-due' && date) {
    return detail
      ? t('vlRequested', 'Due since {{date}}; requested on {{requested}}, awaiting the result', {
          date: day(date),
          requested: day(detail),
        })
      : date < today
        ? t('overdueSince', 'Overdue since {{date}}', { date: day(date) })
        : t('dueOn', 'Due on {{date}}', { date: day(date) });
  }
  if (code === 'high-viral-load' && date) return t('repeatOn', 'Repeat due on {{date}}', { date: day(date) });
  if (code === 'cd4-due' && date) return t('cd4Since', 'Due since {{date}}', { date: day(date) });
  if (code === 'no-tb-screening' && date)
    return t('lastConsultation', 'Last consultation: {{date}}', { date: day(date) });
  if (alert.kind === 'data-quality' && date) return t('recordOf', 'Record of {{date}}', { date: day(date) });
  return '';
}

/** The alerts of the summary, each with its rule and its date. */
export function AlertList({ alerts, today, compact = false }: { alerts: Alert[]; today: string; compact?: boolean }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return null;
  return (
    <ul className={styles.alerts} aria-label={t('alerts', 'Alerts')}>
      {alerts.map((alert) => (
        <li key={alert.code}>
          <InlineNotification
            kind={KIND[alert.severity]}
            lowContrast
            hideCloseButton
            title={alertTitle(t, alert)}
            subtitle={
              compact
                ? alertWhen(t, alert, today)
                : [alertWhen(t, alert, today), alertRule(t, alert)].filter(Boolean).join(' — ')
            }
          />
        </li>
      ))}
    </ul>
  );
}
