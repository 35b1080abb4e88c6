import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  InlineNotification,
  RadioButton,
  RadioButtonGroup,
  Select,
  SelectItem,
  TextInput,
} from '@carbon/react';
import { showSnackbar, useSession } from '@openmrs/esm-framework';
import {
  buildFilt,
  ENCOUNTER_ROLES,
  filtProblems,
  nextPickupFor,
  type TptDispensation,
  type TptPatientType,
  type TptRegimen,
} from '@poc-emr/fila';
import { localDatetime, localDay } from './clock';
import { useIdempotentSave } from './use-idempotent-save';
import styles from '../pharmacy.scss';

// Dispense TPT: one FILT (encounter type 60) built by @poc-emr/fila — regimen, monthly or quarterly, where
// the patient is in the treatment and the next TPT date (none when it ends). Same idempotent save as FILA.

const DAYS = { monthly: 30, quarterly: 90 } as const;

export default function TptForm({
  patientUuid,
  onSaved,
  now = () => new Date(),
}: {
  patientUuid: string;
  onSaved?: () => void;
  now?: () => Date;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const today = localDay(now());
  const { uuid, tried, saving, failure, save: saveOnce } = useIdempotentSave();
  const [regimen, setRegimen] = useState<TptRegimen>('3hp');
  const [dispensationType, setDispensationType] = useState<'monthly' | 'quarterly'>('monthly');
  const [patientType, setPatientType] = useState<TptPatientType>('continue');
  const [nextDate, setNextDate] = useState(nextPickupFor(today, DAYS.monthly));

  const dispensation: TptDispensation = {
    uuid,
    patientUuid,
    locationUuid: session.sessionLocation?.uuid ?? '',
    providerUuid: session.currentProvider?.uuid,
    encounterRoleUuid: ENCOUNTER_ROLES.pharmacist,
    pickupDatetime: localDatetime(now()),
    regimen,
    dispensationType,
    patientType,
    nextDate: patientType === 'end' ? undefined : nextDate,
  };
  const problems = filtProblems(dispensation);
  const dateProblem = tried && problems.some((p) => p.field === 'nextDate');

  const save = async () => {
    if (!(await saveOnce(problems, () => buildFilt(dispensation)))) return;
    showSnackbar({ kind: 'success', title: t('tptDispensed', 'TPT dispensed'), subtitle: 'FILT' });
    onSaved?.();
  };

  return (
    <form
      className={styles.form}
      noValidate
      aria-label={t('dispenseTpt', 'Dispense TPT')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>{t('dispenseTpt', 'Dispense TPT')}</h4>
      <div className={styles.row}>
        <Select
          id="filt-regimen"
          labelText={t('tptRegimen', 'TPT regimen')}
          value={regimen}
          onChange={(e) => setRegimen(e.target.value as TptRegimen)}
        >
          <SelectItem value="3hp" text="3HP" />
          <SelectItem value="3hpPyridoxine" text={t('tpt3hpPyridoxine', '3HP with pyridoxine')} />
          <SelectItem value="isoniazid" text={t('tptIsoniazid', 'Isoniazid (INH)')} />
        </Select>
        <Select
          id="filt-patient-type"
          labelText={t('tptPatientType', 'Treatment')}
          value={patientType}
          onChange={(e) => setPatientType(e.target.value as TptPatientType)}
        >
          <SelectItem value="start" text={t('tptStart', 'Start')} />
          <SelectItem value="continue" text={t('tptContinue', 'Continue')} />
          <SelectItem value="restart" text={t('tptRestart', 'Restart')} />
          <SelectItem value="end" text={t('tptEnd', 'End')} />
        </Select>
        <RadioButtonGroup
          legendText={t('dispenseMode', 'Dispensation model')}
          name="filt-type"
          valueSelected={dispensationType}
          onChange={(value) => {
            const type = value as 'monthly' | 'quarterly';
            setDispensationType(type);
            setNextDate(nextPickupFor(today, DAYS[type]));
          }}
        >
          <RadioButton id="filt-type-monthly" value="monthly" labelText={t('monthly', 'Monthly')} />
          <RadioButton id="filt-type-quarterly" value="quarterly" labelText={t('quarterly', 'Quarterly (DT)')} />
        </RadioButtonGroup>
        {patientType !== 'end' && (
          <TextInput
            id="filt-next-date"
            type="date"
            labelText={t('nextTptDate', 'Next TPT pickup')}
            value={nextDate}
            invalid={dateProblem}
            invalidText={t('nextPickupPast', 'The next pickup must be after today.')}
            onChange={(e) => setNextDate(e.target.value)}
          />
        )}
      </div>
      {failure && (
        <InlineNotification
          kind="error"
          hideCloseButton
          title={t('saveFailed', 'Not saved: try again (it will not be saved twice).')}
          subtitle={failure}
        />
      )}
      <div>
        <Button type="submit" kind="secondary" disabled={saving}>
          {saving ? t('saving', 'Saving…') : t('saveFilt', 'Save FILT')}
        </Button>
      </div>
    </form>
  );
}
