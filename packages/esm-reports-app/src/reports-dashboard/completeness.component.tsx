import { Select, SelectItem, Tag } from '@carbon/react';
import { useConfig } from '@openmrs/esm-framework';
import { useState } from 'react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { ReportsConfig } from '../config-schema';
import { useCompleteness } from '../resources/reports.resource';
import type { Completeness, Report } from '../resources/types';
import styles from './reports-dashboard.scss';

/** Which facilities and periods were sent to SIS-MA, which failed, which were never sent. */
export function CompletenessView({ reports }: { reports: Report[] }) {
  const { t } = useTranslation();
  const { completenessPeriods } = useConfig<ReportsConfig>();
  // The monthly report first: the one sent every month.
  const [report, setReport] = useState((reports.find((r) => r.periodType === 'Monthly') ?? reports[0])?.id ?? '');
  const { data } = useCompleteness(report, completenessPeriods);
  const status: Record<Completeness['cells'][number]['status'], [string, 'green' | 'red' | 'gray' | 'cool-gray']> = {
    sent: [t('completenessSent', 'Sent'), 'green'],
    failed: [t('completenessFailed', 'Failed'), 'red'],
    'not-sent': [t('completenessNotSent', 'Not sent'), 'gray'],
    'not-run': [t('completenessNotRun', 'Run failed'), 'red'],
    none: [t('completenessNone', 'Not run'), 'cool-gray'],
  };
  return (
    <section>
      <h3>{t('completeness', 'Sent to SIS-MA')}</h3>
      <Select
        id="completeness-report"
        labelText={t('report', 'Report')}
        value={report}
        onChange={(e) => setReport(e.target.value)}
        inline
      >
        {reports.map((r) => (
          <SelectItem key={r.id} value={r.id} text={r.label} />
        ))}
      </Select>
      {data && (
        <table className={styles.formTable} aria-label={t('completeness', 'Sent to SIS-MA')}>
          <thead>
            <tr>
              <th>{t('facility', 'Health facility')}</th>
              {data.periods.map((p) => (
                <th key={p}>{p}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.facilities.map((f) => (
              <tr key={f.database}>
                <th scope="row">{f.name}</th>
                {data.periods.map((p) => {
                  const cell = data.cells.find((c) => c.facility === f.database && c.period === p);
                  const [label, colour] = status[cell?.status ?? 'none'];
                  return (
                    <td key={p} title={cell?.message ?? ''}>
                      <Tag type={colour} size="sm">
                        {label}
                      </Tag>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
