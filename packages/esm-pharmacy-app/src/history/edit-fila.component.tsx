import { useState } from 'react';
import { InlineNotification, Modal, TextInput } from '@carbon/react';
import { showSnackbar, useSession } from '@openmrs/esm-framework';
import { DateField, displayDate, useTranslation } from '@poc-emr/esm-commons-lib';
import {
  DISPENSE_MODE_DAYS,
  dispensationProblems,
  FILA_METADATA,
  nextPickupFor,
  type Dispensation,
  type DispenseMode,
} from '@poc-emr/fila';
import { ALL_MODES, DispenseModeRadios } from '../dispense/dispensing-form.component';
import { editFila, type Pickup } from '../resources/pickups.resource';
import styles from '../pharmacy.scss';

interface Props {
  patientUuid: string;
  pickup: Pickup;
  onClose: () => void;
  onSaved: () => void;
}

const modeOf = (uuid: string | undefined): DispenseMode =>
  (Object.keys(FILA_METADATA.dispenseModes) as DispenseMode[]).find((m) => FILA_METADATA.dispenseModes[m] === uuid) ??
  'monthly';

/**
 * Edits a saved FILA in place — the dispensation model, the next pickup, each drug's quantity — as OpenMRS
 * edits obs (each changed obs voided, a new version saved). The regimen and drugs are not edited here: a
 * FILA with the wrong ones is voided and dispensed again.
 */
export default function EditFila({ patientUuid, pickup, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const pickupDay = pickup.datetime.slice(0, 10);
  const [mode, setMode] = useState<DispenseMode>(modeOf(pickup.dispenseModeUuid));
  const [nextPickup, setNextPickup] = useState(pickup.nextPickup ?? '');
  const [quantities, setQuantities] = useState(pickup.drugs.map((d) => String(d.quantity ?? '')));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();

  const edited: Dispensation = {
    uuid: pickup.uuid,
    patientUuid,
    locationUuid: session.sessionLocation?.uuid ?? '',
    pickupDatetime: pickup.datetime,
    nextPickupDate: nextPickup,
    regimenUuid: pickup.regimenUuid ?? '',
    dispenseMode: mode,
    drugs: pickup.drugs.map((d, i) => ({
      drugUuid: d.drugUuid,
      quantity: Number(quantities[i]),
      posology: d.posology ?? '',
    })),
  };
  const problems = dispensationProblems(edited);
  // A FILA without its drug groups (iDART's older FILAs) cannot be rebuilt: void it and dispense again.
  const editable = pickup.drugs.length > 0 && !!pickup.regimenUuid && pickup.drugs.every((d) => d.posology);
  const problemOf = (field: string) =>
    tried && problems.some((p) => p.field === field)
      ? field === 'nextPickupDate'
        ? t('nextPickupAfterPickup', 'The next pickup must be after the pickup and at most 190 days later.')
        : t('quantityInvalid', 'A whole number of units, at least 1.')
      : undefined;

  const save = async () => {
    setTried(true);
    setFailure(undefined);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      await editFila(edited);
      showSnackbar({ kind: 'success', title: t('filaEdited', 'FILA edited') });
      onSaved();
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      modalHeading={t('editHeading', 'Edit the FILA of {{date}}', {
        date: displayDate(pickupDay),
      })}
      primaryButtonText={saving ? t('saving', 'Saving…') : t('save', 'Save')}
      secondaryButtonText={t('cancel', 'Cancel')}
      primaryButtonDisabled={saving || !editable}
      onRequestClose={onClose}
      onRequestSubmit={() => void save()}
    >
      {!editable ? (
        <InlineNotification
          kind="warning"
          hideCloseButton
          title={t('notEditable', 'This FILA cannot be edited here: void it and dispense again.')}
        />
      ) : (
        <div className={styles.form}>
          <DispenseModeRadios
            name="edit-fila-mode"
            value={mode}
            modes={ALL_MODES}
            onChange={(m) => {
              setMode(m);
              setNextPickup(nextPickupFor(pickupDay, DISPENSE_MODE_DAYS[m]));
            }}
          />
          <DateField
            id="edit-fila-next-pickup"
            labelText={t('nextPickup', 'Next pickup')}
            value={nextPickup}
            invalid={!!problemOf('nextPickupDate')}
            invalidText={problemOf('nextPickupDate')}
            onChange={setNextPickup}
          />
          {pickup.drugs.map((d, i) => (
            <TextInput
              key={d.drugUuid}
              id={`edit-fila-quantity-${i}`}
              type="number"
              labelText={t('quantityOf', 'Quantity of {{drug}}', {
                drug: d.name,
              })}
              value={quantities[i]}
              invalid={!!problemOf(`drugs[${i}].quantity`)}
              invalidText={problemOf(`drugs[${i}].quantity`)}
              onChange={(e) => setQuantities(quantities.map((q, j) => (j === i ? e.target.value : q)))}
            />
          ))}
        </div>
      )}
      {failure && (
        <InlineNotification
          kind="error"
          hideCloseButton
          title={t('editFailed', 'Not all saved: save again (nothing is changed twice).')}
          subtitle={failure}
        />
      )}
    </Modal>
  );
}
