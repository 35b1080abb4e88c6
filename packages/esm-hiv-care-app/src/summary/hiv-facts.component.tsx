import type { ReactNode } from 'react';
import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { HivSummary } from '../resources/hiv-summary.resource';
import { day, yearsAndMonths } from './dates';
import { artStartSourceLabel, mmdLabel, pregnancyLabel } from './labels';
import styles from './hiv-summary.scss';

/** One labelled fact; `note` in small print under it. */
function Fact({ label, children, note }: { label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <div className={styles.fact}>
      <dt>{label}</dt>
      <dd>
        {children}
        {note ? <span className={styles.note}>{note}</span> : null}
      </dd>
    </div>
  );
}

/** The facts an HIV clinician decides on; `detailed` adds the previous viral load, transfers and sources. */
export function HivFacts({ summary, detailed = false }: { summary: HivSummary; detailed?: boolean }) {
  const { t } = useTranslation();
  const { artStart, pickups, viralLoads, tpt } = summary;
  const onArt = artStart ? yearsAndMonths(artStart.date, summary.date) : null;
  const viralLoad = (i: number) => {
    const v = viralLoads[i];
    if (!v) return t('none', 'None');
    const value = v.copies !== null ? t('copies', '{{copies}} copies/mL', { copies: v.copies }) : v.result;
    return `${value} · ${day(v.date)} · ${v.suppressed ? t('suppressed', 'suppressed') : t('notSuppressed', 'not suppressed')}`;
  };
  return (
    <dl className={styles.facts}>
      <Fact
        label={t('artStart', 'ART start')}
        note={
          artStart
            ? `${t('timeOnArt', '{{years}} years {{months}} months on ART', onArt!)} · ${t(
                'fromSource',
                'from the {{source}}',
                {
                  source: artStartSourceLabel(t, artStart.source),
                },
              )}`
            : undefined
        }
      >
        {artStart ? day(artStart.date) : t('notStarted', 'Not started')}
      </Fact>
      <Fact label={t('regimen', 'Regimen')} note={summary.therapeuticLine?.value}>
        {summary.regimen ? `${summary.regimen.value} · ${day(summary.regimen.date)}` : '—'}
      </Fact>
      <Fact
        label={t('dispensation', 'Dispensation')}
        note={
          summary.dispensationType
            ? `${summary.dispensationType.value} · ${day(summary.dispensationType.date)}`
            : undefined
        }
      >
        {mmdLabel(t, summary.reports.mmd)}
      </Fact>
      <Fact label={t('lastPickup', 'Last pickup')}>{day(pickups.lastPickup)}</Fact>
      <Fact
        label={t('nextPickup', 'Next pickup')}
        note={pickups.daysLate ? t('daysLate', '{{days}} days late', { days: pickups.daysLate }) : undefined}
      >
        {day(pickups.scheduled)}
      </Fact>
      <Fact label={t('lastViralLoad', 'Last viral load')}>{viralLoad(0)}</Fact>
      {detailed ? <Fact label={t('previousViralLoad', 'Previous viral load')}>{viralLoad(1)}</Fact> : null}
      <Fact label={t('lastCd4', 'Last CD4')}>
        {summary.cd4 ? `${summary.cd4.value}${summary.cd4.percent ? ' %' : ''} · ${day(summary.cd4.date)}` : '—'}
      </Fact>
      <Fact label={t('whoStage', 'WHO stage')}>
        {summary.whoStage ? `${summary.whoStage.value} · ${day(summary.whoStage.date)}` : '—'}
      </Fact>
      <Fact label={t('tbScreening', 'TB screening')}>
        {!summary.tbScreening
          ? '—'
          : !summary.tbScreening.screened
            ? t('notScreened', 'Not screened on {{date}}', { date: day(summary.tbScreening.date) })
            : `${summary.tbScreening.symptoms ? t('tbSymptoms', 'TB symptoms') : t('noTbSymptoms', 'No TB symptoms')} · ${day(summary.tbScreening.date)}`}
      </Fact>
      <Fact label={t('tpt', 'TPT')}>
        {tpt.completed
          ? t('tptCompleted', 'Completed on {{date}}', { date: day(tpt.completed) })
          : tpt.started
            ? t('tptStarted', 'Started ({{regimen}}) on {{date}}', {
                regimen: tpt.started.value === '3hp' ? '3HP' : 'INH',
                date: day(tpt.started.date),
              })
            : tpt.eligible
              ? t('tptDue', 'Not started: eligible')
              : '—'}
      </Fact>
      <Fact label={t('pregnancy', 'Pregnancy / breastfeeding')}>{pregnancyLabel(t, summary.pregnancy)}</Fact>
      <Fact label={t('programme', 'TARV programme')}>
        {summary.programme?.state
          ? `${summary.programme.state.name} · ${day(summary.programme.state.date)}`
          : summary.programme
            ? t('enrolledOn', 'Enrolled on {{date}}', { date: day(summary.programme.enrolled) })
            : t('notEnrolled', 'Not enrolled')}
      </Fact>
      {detailed ? (
        <Fact label={t('transfers', 'Transfers')}>
          {[
            summary.transfers.in ? t('transferredIn', 'In on {{date}}', { date: day(summary.transfers.in) }) : null,
            summary.transfers.out
              ? t('transferredOut', 'Out on {{date}}, drugs until {{until}}', {
                  date: day(summary.transfers.out.recorded),
                  until: day(summary.transfers.out.drugsRunOut),
                })
              : null,
          ]
            .filter(Boolean)
            .join(' · ') || '—'}
        </Fact>
      ) : null}
    </dl>
  );
}
