import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { SystemStatus } from '../resources/system-status.resource';
import { LevelTag } from './level.component';
import styles from './system-status.scss';

type Facility = SystemStatus['facilities'][number];

/** Hybrid mode: whom this facility sends to, or the channels a receiving server applies. */
export function Replication({ facility }: { facility: Facility }) {
  const { t } = useTranslation();
  const replication = facility.replication;
  const states: Record<string, string> = {
    replicating: t('stateReplicating', 'replicating'),
    'link down': t('stateLinkDown', 'link down'),
    broken: t('stateBroken', 'broken'),
    stopped: t('stateStopped', 'stopped'),
    missing: t('stateMissing', 'missing'),
  };
  return (
    <section className={styles.section} aria-labelledby={`sync-${facility.database}`}>
      <div className={styles.sectionHeader}>
        <h3 id={`sync-${facility.database}`}>{t('replication', 'Replication to the district / central server')}</h3>
        <LevelTag level={replication?.level ?? 'error'} />
      </div>
      {!replication ? (
        <p className={styles.problem}>{t('replicationUnknown', 'Unknown: the database could not be read.')}</p>
      ) : replication.role === 'none' ? (
        <p>{t('replicationOff', 'Not configured: this server does not send its data to another server.')}</p>
      ) : replication.role === 'facility' ? (
        <>
          {!replication.canSee && (
            <p className={styles.problem}>
              {t(
                'replicationNoProcess',
                'The read-only account cannot see the connections (PROCESS privilege missing).',
              )}
            </p>
          )}
          {replication.canSee && replication.receivers.length === 0 && (
            <p className={styles.problem}>
              {t(
                'replicationDisconnected',
                'No receiving server is connected now. It resumes by itself when the link returns (the binary log keeps 30 days).',
              )}
            </p>
          )}
          <ul className={styles.items}>
            {replication.receivers.map((r) => (
              <li key={`${r.host}-${r.seconds}`}>
                {r.upToDate
                  ? t('receiverUpToDate', '{{host}}: connected, has everything', { host: r.host })
                  : t('receiverSending', '{{host}}: connected, receiving', { host: r.host })}
              </li>
            ))}
          </ul>
          <p className={styles.detail}>
            {t('replicationPosition', 'Position: {{position}}', { position: replication.position || '—' })}
          </p>
        </>
      ) : (
        <>
          {!replication.canSee && (
            <p className={styles.problem}>
              {t(
                'replicationNoMonitor',
                'The read-only account cannot read the channels (SLAVE MONITOR privilege missing).',
              )}
            </p>
          )}
          <ul className={styles.items}>
            {replication.channels.map((c) => (
              <li key={c.name}>
                {t('channel', '{{name}}: {{state}}, {{behind}} s behind', {
                  name: c.name,
                  state: states[c.state] ?? c.state,
                  behind: c.secondsBehind ?? '—',
                })}
                {c.error && <span className={styles.problem}> {c.error}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
