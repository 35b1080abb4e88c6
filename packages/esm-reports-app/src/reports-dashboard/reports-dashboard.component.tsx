import { InlineLoading } from '@carbon/react';
import { UserHasAccess } from '@openmrs/esm-framework';
import { displayDateTime, useTranslation, WidgetBoundary } from '@poc-emr/esm-commons-lib';
import { useState } from 'react';
import { useSWRConfig } from 'swr';
import { periodLabel } from '../period';
import { reportLabel, useCatalogue, useResult, useRun, useRuns } from '../resources/reports.resource';
import type { Catalogue, Run } from '../resources/types';
import { CellPatients } from './cell-patients.component';
import { CompletenessView } from './completeness.component';
import { Downloads, EXPORT_DATA } from './downloads.component';
import { ReportForm, type SelectedCell } from './report-form.component';
import { RunForm } from './run-form.component';
import { RunHistory } from './run-history.component';
import { RunProgress } from './run-progress.component';
import { SismaPanel } from './sisma-panel.component';
import styles from './reports-dashboard.scss';
import { Notice } from '../notice.component';

export const SEND_TO_SISMA = 'Task: poc.send reports to SIS-MA';

/** The M&E officer's "Relatórios": run a report, read it as the MISAU form, open its patients, download it, send it. */
export default function ReportsDashboard() {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const history = useRuns();
  const [runId, setRunId] = useState<string>();
  const run = useRun(runId);
  const { mutate } = useSWRConfig();
  // A run or a send changes the history and what the completeness grid shows.
  const refresh = () => {
    void run.mutate();
    void history.mutate();
    void mutate((key) => typeof key === 'string' && key.includes('/completeness?'));
  };
  return (
    <section className={styles.dashboard}>
      <h2 className={styles.heading}>{t('reports', 'Reports')}</h2>
      {catalogue.isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {catalogue.error && (
        <Notice title={t('serviceUnavailable', 'The report service did not answer')} error={catalogue.error} />
      )}
      {catalogue.data && (
        <>
          <WidgetBoundary name={t('runReport', 'Run report')}>
            <RunForm
              catalogue={catalogue.data}
              onRun={(started) => {
                setRunId(started.id);
                void history.mutate();
              }}
            />
            {run.data && (
              <RunProgress
                run={run.data}
                reportLabel={reportLabel(catalogue.data.reports, run.data.report)}
                onChange={refresh}
              />
            )}
          </WidgetBoundary>
          {run.data?.status === 'done' && (
            <WidgetBoundary name={t('report', 'Report')}>
              <Result run={run.data} catalogue={catalogue.data} onChange={refresh} />
            </WidgetBoundary>
          )}
          <WidgetBoundary name={t('history', 'Runs')}>
            <RunHistory reports={catalogue.data.reports} onOpen={setRunId} />
          </WidgetBoundary>
          <WidgetBoundary name={t('completeness', 'Sent to SIS-MA')}>
            <CompletenessView reports={catalogue.data.reports} />
          </WidgetBoundary>
        </>
      )}
    </section>
  );
}

function Result({ run, catalogue, onChange }: { run: Run; catalogue: Catalogue; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useResult(run.id);
  const [cell, setCell] = useState<SelectedCell>();
  const sendable = catalogue.dhis2.reports.includes(run.report);
  if (error) return <Notice title={t('notLoaded', 'Could not load')} error={error} />;
  if (!data) return <InlineLoading description={t('loading', 'Loading…')} />;
  return (
    <section aria-label={data.report.label}>
      <h3 className={styles.resultHeading}>
        {data.report.label} · {periodLabel(run.period, i18n.language)} · {data.facility?.name ?? run.facility.name}
      </h3>
      <p className={styles.hint}>
        {t('ranByOn', 'Run by {{who}} on {{when}}', {
          who: run.requestedBy.display,
          when: displayDateTime(run.createdAt),
        })}
      </p>
      <Downloads runId={run.id} sendable={sendable} />
      {sendable && (
        <UserHasAccess privilege={SEND_TO_SISMA}>
          <SismaPanel run={run} onChange={onChange} />
        </UserHasAccess>
      )}
      <UserHasAccess
        privilege={EXPORT_DATA}
        fallback={<ReportForm report={data.report} cells={data.cells} onCell={() => undefined} />}
      >
        <ReportForm report={data.report} cells={data.cells} onCell={setCell} />
      </UserHasAccess>
      {cell && <CellPatients runId={run.id} cell={cell} onClose={() => setCell(undefined)} />}
    </section>
  );
}
