import { displayDateTime, useTranslation } from '@poc-emr/esm-commons-lib';
import type { SystemStatus } from '../resources/system-status.resource';

import { LevelTag } from './level.component';
import styles from './system-status.scss';

/** The services beside OpenMRS: this report service and the iDART bridge. */
export function Services({ status }: { status: SystemStatus }) {
  const { t } = useTranslation();
  const { reportService, idartBridge } = status;
  return (
    <section className={styles.section} aria-labelledby="status-services">
      <div className={styles.sectionHeader}>
        <h3 id="status-services">{t('services', 'Services')}</h3>
      </div>
      <dl className={styles.facts}>
        <dt>
          {t('reportService', 'Report service')} <LevelTag level={reportService.level} />
        </dt>
        <dd>
          {t('reportServiceDetail', 'version {{version}}, running since {{since}}, {{runs}} report(s) under way', {
            version: reportService.version,
            since: displayDateTime(reportService.startedAt),
            runs: reportService.runsUnderWay,
          })}
        </dd>
        <dt>
          {t('idartBridge', 'iDART bridge')} <LevelTag level={idartBridge.level} />
        </dt>
        <dd>
          {!idartBridge.configured
            ? t('idartOff', 'Not configured: the pharmacy does not dispense in iDART here.')
            : idartBridge.error
              ? t('idartDown', 'Does not answer: {{error}}', { error: idartBridge.error })
              : t('idartDetail', '{{owed}} FILA(s) waiting to be sent, {{errors}} in error', {
                  owed: idartBridge.owed,
                  errors: idartBridge.errors,
                })}
        </dd>
      </dl>
    </section>
  );
}
