import {
  InlineLoading,
  StructuredListBody,
  StructuredListCell,
  StructuredListRow,
  StructuredListWrapper,
} from '@carbon/react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import { useFrontend, type SystemStatus } from '../resources/system-status.resource';
import { LevelTag } from './level.component';
import styles from './system-status.scss';

/** The distro, the backend as it reports itself (core, each module) and the frontend the browser loaded. */
export function Versions({ status }: { status: SystemStatus }) {
  const { t } = useTranslation();
  const frontend = useFrontend();
  const { openmrs } = status;
  const rows: Array<[string, string, boolean?]> = [
    [t('distro', 'poc-emr distribution'), status.distro.version],
    [t('openmrsCore', 'OpenMRS (core)'), openmrs.version ?? '—'],
    ...openmrs.modules.map((m): [string, string, boolean] => [
      m.name,
      m.started ? m.version : t('moduleNotStarted', '{{version}} (not started)', { version: m.version }),
      !m.started,
    ]),
    [t('appShell', 'O3 app shell'), window.spaVersion ?? '—'],
    ...(frontend.data ?? []).map((a): [string, string] => [a.name, a.version ?? '—']),
  ];
  return (
    <section className={`${styles.section} ${styles.wide}`} aria-labelledby="status-versions">
      <div className={styles.sectionHeader}>
        <h3 id="status-versions">{t('versions', 'Versions')}</h3>
        <LevelTag level={openmrs.level} />
      </div>
      {openmrs.error && (
        <p className={styles.problem}>
          {t('openmrsUnreadable', 'OpenMRS did not describe itself: {{error}}', { error: openmrs.error })}
        </p>
      )}
      {frontend.isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {frontend.error && (
        <p className={styles.problem}>{t('importMapUnreadable', 'The frontend import map could not be read.')}</p>
      )}
      <StructuredListWrapper isCondensed className={styles.list}>
        <StructuredListBody>
          {rows.map(([name, version, problem]) => (
            <StructuredListRow key={name}>
              <StructuredListCell>{name}</StructuredListCell>
              <StructuredListCell className={problem ? styles.problem : undefined}>{version}</StructuredListCell>
            </StructuredListRow>
          ))}
        </StructuredListBody>
      </StructuredListWrapper>
    </section>
  );
}
