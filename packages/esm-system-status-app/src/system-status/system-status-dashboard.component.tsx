import { Button, InlineLoading, InlineNotification } from '@carbon/react';
import { Renew } from '@carbon/react/icons';
import { displayDateTime, problemOf, useTranslation } from '@poc-emr/esm-commons-lib';
import { useSystemStatus } from '../resources/system-status.resource';
import { FacilityStatus } from './facility.component';

import { LevelTag } from './level.component';
import { Services } from './services.component';
import { Versions } from './versions.component';
import styles from './system-status.scss';

/** The administrator's home, "Estado do sistema": what a facility's IT officer checks first. */
export default function SystemStatusDashboard() {
  const { t } = useTranslation();
  const { data, error, isLoading, isValidating, mutate } = useSystemStatus();
  return (
    <div className={styles.dashboard}>
      <div className={styles.header}>
        <h2>{t('systemStatus', 'System status')}</h2>
        {data && <LevelTag level={data.level} />}
        <Button kind="ghost" size="sm" renderIcon={Renew} disabled={isValidating} onClick={() => void mutate()}>
          {t('refresh', 'Check again')}
        </Button>
      </div>
      {data && (
        <p className={styles.detail}>{t('checkedAt', 'Checked at {{at}}', { at: displayDateTime(data.checkedAt) })}</p>
      )}
      {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {error && (
        <InlineNotification
          kind="error"
          lowContrast
          hideCloseButton
          title={t('statusUnavailable', 'The system status could not be read')}
          subtitle={problemOf(error)?.message ?? ''}
        />
      )}
      {data && (
        <div className={styles.grid}>
          {data.facilities.map((f) => (
            <FacilityStatus key={f.database} facility={f} />
          ))}
          <Services status={data} />
          <Versions status={data} />
        </div>
      )}
    </div>
  );
}
