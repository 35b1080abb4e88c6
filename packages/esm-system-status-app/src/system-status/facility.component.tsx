import { displayDateTime, useTranslation } from '@poc-emr/esm-commons-lib';
import type { SystemStatus } from '../resources/system-status.resource';
import { ageParts, formatBytes, formatNumber } from './format';
import { LevelTag } from './level.component';
import { Replication } from './replication.component';
import styles from './system-status.scss';

type Facility = SystemStatus['facilities'][number];

/** One facility database: MariaDB and the data, its backups, its replication. */
export function FacilityStatus({ facility }: { facility: Facility }) {
  const { t } = useTranslation();
  const { facts, backups } = facility;
  const age = (hours: number) => {
    const parts = ageParts(hours);
    if (parts.days !== undefined) return t('ageDays', '{{days}} days ago', { days: parts.days });
    return parts.hours
      ? t('ageHours', '{{hours}} h ago', { hours: parts.hours })
      : t('ageUnderAnHour', 'under an hour ago');
  };
  return (
    <>
      <section className={styles.section} aria-labelledby={`db-${facility.database}`}>
        <div className={styles.sectionHeader}>
          <h3 id={`db-${facility.database}`}>{t('database', 'Database — {{name}}', { name: facility.name })}</h3>
          <LevelTag level={facts ? 'ok' : 'error'} />
        </div>
        {facts ? (
          <dl className={styles.facts}>
            <dt>{t('mariadb', 'MariaDB')}</dt>
            <dd>{facts.serverVersion}</dd>
            <dt>{t('size', 'Size')}</dt>
            <dd>{formatBytes(facts.sizeBytes)}</dd>
            <dt>{t('patients', 'Patients')}</dt>
            <dd>{formatNumber(facts.patients)}</dd>
            <dt>{t('encounters', 'Encounters')}</dt>
            <dd>{formatNumber(facts.encounters)}</dd>
            <dt>{t('lastEntry', 'Last data entry')}</dt>
            <dd>{facts.lastEntry ? displayDateTime(facts.lastEntry) : t('noData', 'No data yet')}</dd>
          </dl>
        ) : (
          <p className={styles.problem}>
            {t('databaseUnreadable', 'The database could not be read: {{error}}', { error: facility.error })}
          </p>
        )}
      </section>

      <section className={styles.section} aria-labelledby={`backups-${facility.database}`}>
        <div className={styles.sectionHeader}>
          <h3 id={`backups-${facility.database}`}>{t('backups', 'Backups')}</h3>
          <LevelTag level={backups.level} />
        </div>
        {!backups.dir ? (
          <p className={styles.problem}>
            {t('backupsNotWatched', 'Backups are not watched: BACKUP_DIR is not set for the report service.')}
          </p>
        ) : !backups.lastGood ? (
          <p className={styles.problem}>
            {t('noBackup', 'No successful backup recorded in {{dir}}.', { dir: backups.dir })}
          </p>
        ) : (
          <dl className={styles.facts}>
            <dt>{t('lastBackup', 'Last successful backup')}</dt>
            <dd>
              {displayDateTime(backups.lastGood.finished)} ({age(backups.lastGood.ageHours)})
            </dd>
            <dt>{t('backupSize', 'Size')}</dt>
            <dd>{formatBytes(backups.lastGood.sizeBytes)}</dd>
            <dt>{t('backupWhere', 'Where')}</dt>
            <dd>
              {backups.dir}/{backups.lastGood.file}
            </dd>
            <dt>{t('backupsKept', 'Backups kept')}</dt>
            <dd>{backups.kept}</dd>
            <dt>{t('offsite', 'Off-site copy')}</dt>
            <dd>
              {!backups.offsite
                ? t('offsiteNone', 'None')
                : backups.offsite.ok
                  ? `${backups.offsite.destination} (${displayDateTime(backups.offsite.at)})`
                  : t('offsiteFailed', 'Failed: {{error}}', { error: backups.offsite.error })}
            </dd>
          </dl>
        )}
        {backups.lastGood && backups.lastGood.ageHours > backups.maxAgeHours && (
          <p className={styles.problem}>
            {t('backupTooOld', 'The last backup is older than {{hours}} h: check the daily backup.', {
              hours: backups.maxAgeHours,
            })}
          </p>
        )}
        {backups.lastGood && !backups.lastGoodPresent && (
          <p className={styles.problem}>
            {t('backupMissing', 'The file of the last backup is no longer in the folder.')}
          </p>
        )}
        {backups.lastAttempt && !backups.lastAttempt.ok && (
          <p className={styles.problem}>
            {t('backupFailed', 'The last attempt ({{at}}) failed: {{error}}', {
              at: displayDateTime(backups.lastAttempt.at),
              error: backups.lastAttempt.error ?? '—',
            })}
          </p>
        )}
      </section>

      <Replication facility={facility} />
    </>
  );
}
