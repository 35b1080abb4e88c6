import { useState } from 'react';
import type { TFunction } from 'i18next';
import { InlineNotification, Select, SelectItem, TextInput } from '@carbon/react';
import { showSnackbar, useConfig, useSession } from '@openmrs/esm-framework';
import { DateField, displayDate, useTranslation } from '@poc-emr/esm-commons-lib';
import {
  buildFila,
  daysBetween,
  DISPENSE_MODE_DAYS,
  dispensationProblems,
  isWeekend,
  nextPickupFor,
  type Dispensation,
  type DispenseMode,
  type ProblemCode,
} from '@poc-emr/fila';
import type { PharmacyConfig, Regimen } from '../config-schema';
import { markDispensed } from '../resources/prescriptions.resource';
import { localDay } from './clock';
import type { Prescribed } from './prescribed';
import { ALL_MODES, DispenseModeRadios, DispensingForm } from './dispensing-form.component';
import { pharmacistEncounter } from './pharmacist-encounter';
import { useIdempotentSave } from './use-idempotent-save';
import styles from '../pharmacy.scss';

// Dispense ARVs: one FILA built by @poc-emr/fila (the iDART bridge builds its FILAs with the same code).
// The FILA's uuid is chosen when the form opens and kept until it is saved: a second click or a retry after
// a lost answer cannot write a second FILA.

interface DrugLine {
  drugUuid: string;
  name: string;
  quantity: string;
  posology: string;
}

function problemText(t: TFunction, code: ProblemCode): string {
  switch (code) {
    case 'next-pickup-invalid':
      return t('nextPickupInvalid', 'Write the next pickup as a date.');
    case 'next-pickup-not-after-pickup':
      return t('nextPickupPast', 'The next pickup must be after today.');
    case 'next-pickup-too-far':
      return t('nextPickupTooFar', 'The next pickup is more than 190 days away.');
    case 'quantity-invalid':
      return t('quantityInvalid', 'A whole number of units, at least 1.');
    case 'posology-missing':
      return t('posologyMissing', 'Write how to take it.');
    case 'regimen-missing':
      return t('regimenMissing', 'Choose the regimen.');
    case 'location-missing':
      return t('locationMissing', 'Choose the session location first.');
    default:
      return t('dispensationInvalid', 'The dispensation is incomplete ({{code}}).', { code });
  }
}

function linesFor(regimen: Regimen | undefined, days: number, prescribed?: Prescribed): DrugLine[] {
  return (regimen?.drugs ?? []).map((d) => ({
    drugUuid: d.drugUuid,
    name: d.name,
    quantity: String(prescribed?.drugs[d.drugUuid]?.quantity ?? d.unitsPerDay * days),
    posology: prescribed?.drugs[d.drugUuid]?.posology ?? d.posology,
  }));
}

export interface DispenseFormProps {
  patientUuid: string;
  currentRegimen: Regimen | undefined;
  /** Drug orders waiting for this patient, as the form starts from them; saving marks them dispensed. */
  prescribed?: Prescribed;
  onSaved: () => void;
  /** The clock (tests). */
  now?: () => Date;
}

export default function DispenseForm({
  patientUuid,
  currentRegimen,
  prescribed,
  onSaved,
  now = () => new Date(),
}: DispenseFormProps) {
  const { t } = useTranslation();
  const { regimens, holidays } = useConfig<PharmacyConfig>();
  const session = useSession();
  const today = localDay(now());
  const { uuid, tried, saving, failure, save: saveOnce } = useIdempotentSave();
  const [regimenUuid, setRegimenUuid] = useState(
    prescribed?.regimen.conceptUuid ?? currentRegimen?.conceptUuid ?? regimens[0]?.conceptUuid ?? '',
  );
  const regimen = regimens.find((r) => r.conceptUuid === regimenUuid);
  const [mode, setMode] = useState<DispenseMode>(prescribed?.mode ?? 'monthly');
  const [nextPickup, setNextPickup] = useState(nextPickupFor(today, DISPENSE_MODE_DAYS[mode]));
  const [lines, setLines] = useState<DrugLine[]>(() => linesFor(regimen, DISPENSE_MODE_DAYS[mode], prescribed));

  const choose = (conceptUuid: string, newMode: DispenseMode) => {
    setRegimenUuid(conceptUuid);
    setMode(newMode);
    setNextPickup(nextPickupFor(today, DISPENSE_MODE_DAYS[newMode]));
    setLines(
      linesFor(
        regimens.find((r) => r.conceptUuid === conceptUuid),
        DISPENSE_MODE_DAYS[newMode],
      ),
    );
  };

  const dispensation: Dispensation = {
    ...pharmacistEncounter(uuid, patientUuid, session, now()),
    nextPickupDate: nextPickup,
    regimenUuid,
    dispenseMode: mode,
    drugs: lines.map((l) => ({ drugUuid: l.drugUuid, quantity: Number(l.quantity), posology: l.posology })),
  };
  const problems = dispensationProblems(dispensation);
  const problemOf = (field: string) => {
    const problem = problems.find((p) => p.field === field);
    return tried && problem ? problemText(t, problem.code) : undefined;
  };
  const closedDay = isWeekend(nextPickup) || holidays.includes(nextPickup);
  const days = daysBetween(today, nextPickup);

  // The orders of the drugs dispensed are marked dispensed once the FILA is saved (again on a retry).
  const fulfilled = prescribed?.orders.filter((o) => lines.some((l) => l.drugUuid === o.drugUuid)) ?? [];
  const markFulfilled = async (filaUuid: string) => {
    for (const order of fulfilled) await markDispensed(order.uuid, filaUuid);
  };

  const save = async () => {
    if (!(await saveOnce(problems, () => buildFila(dispensation), markFulfilled))) return;
    showSnackbar({
      kind: 'success',
      title: t('dispensed', 'Dispensed'),
      subtitle: t('dispensedSubtitle', 'FILA saved; next pickup {{date}}.', {
        date: displayDate(nextPickup),
      }),
    });
    onSaved();
  };

  return (
    <DispensingForm
      title={t('dispenseArv', 'Dispense ARVs')}
      saveLabel={t('saveFila', 'Save FILA')}
      saving={saving}
      failure={failure}
      onSave={() => void save()}
    >
      {fulfilled.map((o) => (
        <p key={o.uuid} className={styles.hint}>
          {t('prescribed', 'Prescription {{number}} of {{date}}: {{drug}}, {{quantity}} — {{prescriber}}', {
            number: o.orderNumber,
            date: o.dateActivated.slice(0, 10),
            drug: o.drugName,
            quantity: o.quantity ?? '—',
            prescriber: o.prescriber ?? '—',
          })}
        </p>
      ))}
      <div className={styles.row}>
        <Select
          id="fila-regimen"
          labelText={t('regimen', 'Regimen')}
          value={regimenUuid}
          invalid={!!problemOf('regimenUuid')}
          invalidText={problemOf('regimenUuid')}
          onChange={(e) => choose(e.target.value, mode)}
        >
          {regimens.map((r) => (
            <SelectItem
              key={r.conceptUuid}
              value={r.conceptUuid}
              text={t('regimenOption', '{{name}} (line {{line}})', {
                name: r.name,
                line: r.line,
              })}
            />
          ))}
        </Select>
        <DispenseModeRadios name="fila-mode" value={mode} modes={ALL_MODES} onChange={(m) => choose(regimenUuid, m)} />
        <DateField
          id="fila-next-pickup"
          labelText={t('nextPickup', 'Next pickup')}
          min={nextPickupFor(today, 1)}
          value={nextPickup}
          invalid={!!problemOf('nextPickupDate')}
          invalidText={problemOf('nextPickupDate')}
          warnText={closedDay ? t('closedDay', 'The pharmacy is closed that day (weekend or holiday).') : undefined}
          helperText={days > 0 ? t('daysSupplied', '{{days}} days', { days }) : undefined}
          onChange={setNextPickup}
        />
      </div>
      {lines.map((line, i) => (
        <div className={styles.drug} key={line.drugUuid}>
          <span>{line.name}</span>
          <TextInput
            id={`fila-quantity-${i}`}
            type="number"
            labelText={t('quantity', 'Quantity')}
            value={line.quantity}
            invalid={!!problemOf(`drugs[${i}].quantity`)}
            invalidText={problemOf(`drugs[${i}].quantity`)}
            onChange={(e) => setLines(lines.map((l, j) => (j === i ? { ...l, quantity: e.target.value } : l)))}
          />
          <TextInput
            id={`fila-posology-${i}`}
            labelText={t('posology', 'Posology')}
            value={line.posology}
            invalid={!!problemOf(`drugs[${i}].posology`)}
            invalidText={problemOf(`drugs[${i}].posology`)}
            onChange={(e) => setLines(lines.map((l, j) => (j === i ? { ...l, posology: e.target.value } : l)))}
          />
        </div>
      ))}
      {tried && problemOf('locationUuid') && (
        <InlineNotification kind="error" hideCloseButton title={problemOf('locationUuid')!} />
      )}
    </DispensingForm>
  );
}
