import { useTranslation } from '@poc-emr/esm-commons-lib';
import { UserHasAccess } from '@openmrs/esm-framework';
import { downloadUrl, useServiceUrl } from '../resources/reports.resource';
import styles from './reports-dashboard.scss';

export const EXPORT_DATA = 'Task: poc.export data';

/** The run as files: the form as Excel, CSV, JSON, DHIS2's formats; with patients for those who may export them. */
export function Downloads({ runId, sendable }: { runId: string; sendable: boolean }) {
  const { t } = useTranslation();
  const url = useServiceUrl();
  const link = (format: string, label: string) => (
    <a
      key={format}
      className="cds--btn cds--btn--tertiary cds--btn--sm"
      href={downloadUrl(url, runId, format)}
      download
    >
      {label}
    </a>
  );
  return (
    <div className={styles.downloads} role="group" aria-label={t('downloads', 'Downloads')}>
      {link('xlsx', t('downloadXlsx', 'Excel (MISAU form)'))}
      {link('csv', 'CSV')}
      {link('json', 'JSON')}
      {sendable && link('dhis2-json', t('downloadDhis2', 'DHIS2 (dataValueSets)'))}
      {sendable && link('adx', 'ADX')}
      <UserHasAccess privilege={EXPORT_DATA}>
        {link('xlsx?lineLists=true', t('downloadXlsxPatients', 'Excel with patients'))}
        {link('line-lists', t('downloadLineLists', 'Patients (CSV)'))}
      </UserHasAccess>
    </div>
  );
}
