import { InlineLoading, InlineNotification } from '@carbon/react';
import { ConfigurableLink } from '@openmrs/esm-framework';
import { problemOf, useTranslation, WidgetBoundary } from '@poc-emr/esm-commons-lib';
import { AlertList } from '../alerts/alert-list.component';
import { useHivSummary } from '../resources/hiv-summary.resource';
import { HivFacts } from './hiv-facts.component';
import { ReportsLine } from './reports-line.component';
import { StatusTags } from './status-tags.component';
import styles from './hiv-summary.scss';

/**
 * The HIV summary on the chart's summary page: status by both rules, the clinical alerts, the facts a
 * clinician decides on. `detailed` (the HIV / TARV dashboard) adds the data-quality alerts, the
 * previous viral load, transfers and what the reports count.
 */
export default function HivSummaryCard({ patientUuid, detailed = false }: { patientUuid: string; detailed?: boolean }) {
  const { t } = useTranslation();
  const { data: summary, error, isLoading } = useHivSummary(patientUuid);
  const alerts = summary?.alerts.filter((a) => detailed || a.kind === 'clinical') ?? [];
  return (
    <section className={styles.card} aria-label={t('hivSummary', 'HIV summary')}>
      <div className={styles.header}>
        <h4>{t('hivSummary', 'HIV summary')}</h4>
        {!detailed ? (
          <ConfigurableLink to={`\${openmrsSpaBase}/patient/${patientUuid}/chart/hiv-tarv`}>
            {t('openHivDashboard', 'HIV / TARV dashboard')}
          </ConfigurableLink>
        ) : null}
      </div>
      {isLoading ? <InlineLoading description={t('loading', 'Loading…')} /> : null}
      {error ? (
        <InlineNotification
          kind="error"
          lowContrast
          hideCloseButton
          title={t('summaryFailed', 'The HIV summary could not be loaded')}
          subtitle={problemOf(error)?.message}
        />
      ) : null}
      {summary ? (
        <WidgetBoundary name={t('hivSummary', 'HIV summary')}>
          <StatusTags summary={summary} />
          <AlertList alerts={alerts} today={summary.date} />
          <HivFacts summary={summary} detailed={detailed} />
          {detailed ? <ReportsLine summary={summary} /> : null}
        </WidgetBoundary>
      ) : null}
    </section>
  );
}
