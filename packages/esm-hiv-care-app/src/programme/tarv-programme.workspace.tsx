import { useState } from 'react';
import { Button, ButtonSet, InlineNotification, RadioButton, RadioButtonGroup } from '@carbon/react';
import {
  OpenmrsDatePicker,
  showSnackbar,
  useConfig,
  useSession,
  Workspace2,
  type Workspace2DefinitionProps,
} from '@openmrs/esm-framework';
import { problemOf, useTranslation } from '@poc-emr/esm-commons-lib';
import { useSWRConfig } from 'swr';
import type { HivCareConfig } from '../config-schema';
import { hivSummaryKey } from '../resources/hiv-summary.resource';
import { changeState, currentState, enrol, type Enrolment } from '../resources/tarv-programme.resource';
import { day } from '../summary/dates';
import { STATE_CHANGES, stateLabel, stateRule, type StateName } from './state-rules';
import styles from '../hiv-care.scss';

export interface ProgrammeWorkspaceProps {
  mode: 'enrol' | 'change';
  patientUuid: string;
  enrolment?: Enrolment;
}

const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** Enrolment in the TARV programme, or a change of its state, with the date and what it does to the reports. */
export default function TarvProgrammeWorkspace({
  workspaceProps,
  closeWorkspace,
}: Workspace2DefinitionProps<ProgrammeWorkspaceProps>) {
  const { t } = useTranslation();
  const { tarvProgram, serviceUrl } = useConfig<HivCareConfig>();
  const { mutate } = useSWRConfig();
  const session = useSession();
  const { mode, patientUuid, enrolment } = workspaceProps!;
  const current = enrolment ? currentState(enrolment) : undefined;
  const currentName = (Object.keys(tarvProgram.states) as StateName[]).find(
    (n) => tarvProgram.states[n] === current?.state.uuid,
  );
  const offered: StateName[] =
    mode === 'enrol' ? ['active', 'transferredIn'] : STATE_CHANGES.filter((s) => s !== currentName);
  const [state, setState] = useState<StateName>(offered[0]);
  const [date, setDate] = useState<Date | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();

  const today = isoDay(new Date());
  const earliest = mode === 'change' ? (current?.startDate ?? enrolment?.dateEnrolled)?.slice(0, 10) : undefined;
  const dateProblem = !date
    ? t('dateRequired', 'The date is required')
    : isoDay(date) > today
      ? t('dateInFuture', 'The date cannot be in the future')
      : earliest && isoDay(date) < earliest
        ? t('dateBeforeCurrent', 'The date cannot be before {{date}}, the current state', { date: day(earliest) })
        : undefined;

  const save = async () => {
    if (dateProblem) return setProblem(dateProblem);
    setSaving(true);
    setProblem(undefined);
    try {
      if (mode === 'enrol') {
        await enrol({
          patient: patientUuid,
          program: tarvProgram.uuid,
          dateEnrolled: isoDay(date!),
          location: session.sessionLocation?.uuid,
          state: tarvProgram.states[state],
        });
      } else {
        await changeState(enrolment!.uuid, tarvProgram.states[state], isoDay(date!));
      }
      await mutate((key) => typeof key === 'string' && key.includes('/programenrollment?patient='));
      await mutate(hivSummaryKey(serviceUrl, patientUuid));
      showSnackbar({ kind: 'success', isLowContrast: true, title: t('programmeSaved', 'TARV programme saved') });
      await closeWorkspace({ discardUnsavedChanges: true });
    } catch (failure) {
      setProblem(problemOf(failure)?.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Workspace2 title={mode === 'enrol' ? t('enrol', 'Enrol in the TARV programme') : t('changeState', 'Change state')}>
      <div className={styles.form}>
        <RadioButtonGroup
          legendText={mode === 'enrol' ? t('initialState', 'Initial state') : t('newState', 'New state')}
          name="tarv-state"
          orientation="vertical"
          valueSelected={state}
          onChange={(value) => setState(value as StateName)}
        >
          {offered.map((s) => (
            <RadioButton key={s} id={`tarv-state-${s}`} value={s} labelText={stateLabel(t, s)} />
          ))}
        </RadioButtonGroup>
        <InlineNotification
          kind="info"
          lowContrast
          hideCloseButton
          title={t('inTheReports', 'In the reports')}
          subtitle={stateRule(t, state)}
        />
        <OpenmrsDatePicker
          id="tarv-state-date"
          labelText={mode === 'enrol' ? t('enrolmentDate', 'Date of enrolment') : t('stateDate', 'Date of the state')}
          value={date}
          maxDate={new Date()}
          onChange={(value) => setDate(value ?? null)}
          invalid={Boolean(problem && dateProblem)}
          invalidText={dateProblem}
        />
        {problem ? <InlineNotification kind="error" lowContrast hideCloseButton title={problem} /> : null}
        <ButtonSet>
          <Button kind="secondary" onClick={() => void closeWorkspace()}>
            {t('cancel', 'Cancel')}
          </Button>
          <Button kind="primary" disabled={saving} onClick={() => void save()}>
            {t('save', 'Save')}
          </Button>
        </ButtonSet>
      </div>
    </Workspace2>
  );
}
