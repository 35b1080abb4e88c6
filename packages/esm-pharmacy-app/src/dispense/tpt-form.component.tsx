import { useState } from 'react';
import { Select, SelectItem } from '@carbon/react';
import { showSnackbar, useSession } from '@openmrs/esm-framework';
import { DateField, useTranslation } from '@poc-emr/esm-commons-lib';
import {
  buildFilt,
  filtProblems,
  nextPickupFor,
  type TptDispensation,
  type TptPatientType,
  type TptRegimen,
} from '@poc-emr/fila';
import { localDay } from './clock';
import { DispenseModeRadios, DispensingForm } from './dispensing-form.component';
import { pharmacistEncounter } from './pharmacist-encounter';
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
    ...pharmacistEncounter(uuid, patientUuid, session, now()),
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
    <DispensingForm
      title={t('dispenseTpt', 'Dispense TPT')}
      saveLabel={t('saveFilt', 'Save FILT')}
      saving={saving}
      failure={failure}
      primary={false}
      onSave={() => void save()}
    >
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
        <DispenseModeRadios
          name="filt-type"
          value={dispensationType}
          modes={['monthly', 'quarterly'] as const}
          onChange={(type) => {
            setDispensationType(type);
            setNextDate(nextPickupFor(today, DAYS[type]));
          }}
        />
        {patientType !== 'end' && (
          <DateField
            id="filt-next-date"
            labelText={t('nextTptDate', 'Next TPT pickup')}
            value={nextDate}
            invalid={dateProblem}
            invalidText={t('nextPickupPast', 'The next pickup must be after today.')}
            onChange={setNextDate}
          />
        )}
      </div>
    </DispensingForm>
  );
}
