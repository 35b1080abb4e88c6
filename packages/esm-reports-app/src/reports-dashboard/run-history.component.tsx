import {
  Button,
  StructuredListBody,
  StructuredListCell,
  StructuredListHead,
  StructuredListRow,
  StructuredListWrapper,
} from '@carbon/react';
import { displayDateTime, useTranslation } from '@poc-emr/esm-commons-lib';
import { reportLabel, useRuns } from '../resources/reports.resource';
import type { Report } from '../resources/types';
import { periodLabel } from '../period';
import { statusLabel } from '../status';

/** The runs kept: what, for which period and facility, who ran it (or the schedule) and when. */
export function RunHistory({ reports, onOpen }: { reports: Report[]; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { data } = useRuns();
  if (!data?.runs.length) return null;
  return (
    <section>
      <h3>{t('history', 'Runs')}</h3>
      <StructuredListWrapper isCondensed aria-label={t('history', 'Runs')}>
        <StructuredListHead>
          <StructuredListRow head>
            <StructuredListCell head>{t('report', 'Report')}</StructuredListCell>
            <StructuredListCell head>{t('period', 'Period')}</StructuredListCell>
            <StructuredListCell head>{t('facility', 'Health facility')}</StructuredListCell>
            <StructuredListCell head>{t('ranBy', 'Run by')}</StructuredListCell>
            <StructuredListCell head>{t('when', 'When')}</StructuredListCell>
            <StructuredListCell head>{t('status', 'Status')}</StructuredListCell>
            <StructuredListCell head />
          </StructuredListRow>
        </StructuredListHead>
        <StructuredListBody>
          {data.runs.map((run) => (
            <StructuredListRow key={run.id}>
              <StructuredListCell>{reportLabel(reports, run.report)}</StructuredListCell>
              <StructuredListCell>{periodLabel(run.period, i18n.language)}</StructuredListCell>
              <StructuredListCell>{run.facility.name}</StructuredListCell>
              <StructuredListCell>{run.requestedBy.display}</StructuredListCell>
              <StructuredListCell>{displayDateTime(run.createdAt)}</StructuredListCell>
              <StructuredListCell>{statusLabel(t, run.status)}</StructuredListCell>
              <StructuredListCell>
                <Button kind="ghost" size="sm" onClick={() => onOpen(run.id)}>
                  {t('open', 'Open')}
                </Button>
              </StructuredListCell>
            </StructuredListRow>
          ))}
        </StructuredListBody>
      </StructuredListWrapper>
    </section>
  );
}
