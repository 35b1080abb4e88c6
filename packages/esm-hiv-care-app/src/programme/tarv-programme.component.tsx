import { useState } from 'react';
import { Button, InlineLoading, InlineNotification } from '@carbon/react';
import { launchWorkspace2, showSnackbar, useConfig } from '@openmrs/esm-framework';
import { problemOf, useTranslation } from '@poc-emr/esm-commons-lib';
import { useSWRConfig } from 'swr';
import type { HivCareConfig } from '../config-schema';
import { hivSummaryKey } from '../resources/hiv-summary.resource';
import { currentState, useTarvEnrolments, voidState } from '../resources/tarv-programme.resource';
import { day } from '../summary/dates';
import styles from '../hiv-care.scss';

/** The TARV programme: the enrolment and its state, with what a clinician may do about them. */
export function TarvProgramme({ patientUuid }: { patientUuid: string }) {
  const { t } = useTranslation();
  const { serviceUrl, tarvProgram } = useConfig<HivCareConfig>();
  const { mutate } = useSWRConfig();
  const { enrolments, isLoading, error, mutate: reload } = useTarvEnrolments(patientUuid);
  const [undoing, setUndoing] = useState(false);
  const enrolment = enrolments[0];
  const state = enrolment ? currentState(enrolment) : undefined;
  const open = (mode: 'enrol' | 'change') =>
    void launchWorkspace2('hiv-tarv-programme-workspace', { mode, patientUuid, enrolment });

  const undo = async () => {
    setUndoing(true);
    try {
      await voidState(enrolment!.uuid, state!.uuid, state!.state.uuid === tarvProgram.states.died);
      await reload();
      await mutate(hivSummaryKey(serviceUrl, patientUuid));
      showSnackbar({ kind: 'success', isLowContrast: true, title: t('stateUndone', 'The last state was voided') });
    } catch (failure) {
      showSnackbar({
        kind: 'error',
        title: t('stateUndoFailed', 'The state could not be voided'),
        subtitle: problemOf(failure)?.message,
      });
    } finally {
      setUndoing(false);
    }
  };

  return (
    <section className={styles.panel} aria-label={t('tarvProgramme', 'TARV programme')}>
      <h4>{t('tarvProgramme', 'TARV programme')}</h4>
      {isLoading ? <InlineLoading description={t('loading', 'Loading…')} /> : null}
      {error ? (
        <InlineNotification kind="error" lowContrast hideCloseButton title={problemOf(error)?.message ?? ''} />
      ) : null}
      {!isLoading && !enrolment ? <p>{t('notEnrolled', 'Not enrolled')}</p> : null}
      {enrolment ? (
        <p>
          {t('enrolledAt', 'Enrolled on {{date}} at {{location}}', {
            date: day(enrolment.dateEnrolled),
            location: enrolment.location?.display ?? '—',
          })}
          {state
            ? ` · ${state.state.concept.display} ${t('since', 'since {{date}}', { date: day(state.startDate) })}`
            : ''}
          {enrolment.dateCompleted
            ? ` · ${t('completedOn', 'completed on {{date}}', { date: day(enrolment.dateCompleted) })}`
            : ''}
        </p>
      ) : null}
      <div className={styles.actions}>
        {!isLoading && (!enrolment || enrolment.dateCompleted) ? (
          <Button size="sm" onClick={() => open('enrol')}>
            {t('enrol', 'Enrol in the TARV programme')}
          </Button>
        ) : null}
        {enrolment && !enrolment.dateCompleted ? (
          <Button size="sm" kind="secondary" onClick={() => open('change')}>
            {t('changeState', 'Change state')}
          </Button>
        ) : null}
        {state && enrolment.states.filter((s) => !s.voided).length > 1 ? (
          <Button size="sm" kind="danger--ghost" disabled={undoing} onClick={() => void undo()}>
            {t('undoState', 'Void the last state')}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
