import { useEffect, useState } from 'react';
import {
  Button,
  DataTable,
  InlineNotification,
  Modal,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  TextArea,
} from '@carbon/react';
import { showSnackbar, useConfig } from '@openmrs/esm-framework';
import { displayDate, useTranslation } from '@poc-emr/esm-commons-lib';
import { FILA_METADATA } from '@poc-emr/fila';
import type { PharmacyConfig } from '../config-schema';
import type { PharmacyPatient } from '../resources/patient.resource';
import { voidPickup, type Pickup } from '../resources/pickups.resource';
import EditFila from './edit-fila.component';
import PrintableFila from './printable-fila.component';

// The patient's pickups, FILA and Master Card, newest first; a FILA can be printed, edited in place
// (model, next pickup, quantities) or voided with a reason (a FILA of the wrong regimen or drugs is voided
// and dispensed again: the reports read only what is not voided).

export default function PickupHistory({
  patient,
  pickups,
  onChanged,
}: {
  patient: PharmacyPatient;
  pickups: Pickup[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { regimens } = useConfig<PharmacyConfig>();
  const [voiding, setVoiding] = useState<Pickup>();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string>();
  const [printing, setPrinting] = useState<Pickup>();
  const [editing, setEditing] = useState<Pickup>();

  useEffect(() => {
    if (!printing) return;
    window.print();
    setPrinting(undefined);
  }, [printing]);

  const modeName = (uuid: string | undefined) => {
    const modes = FILA_METADATA.dispenseModes;
    if (uuid === modes.monthly) return t('monthly', 'Monthly');
    if (uuid === modes.quarterly) return t('quarterly', 'Quarterly (DT)');
    if (uuid === modes.semiannual) return t('semiannual', 'Semi-annual (DS)');
    return '';
  };
  const regimenName = (p: Pickup) => regimens.find((r) => r.conceptUuid === p.regimenUuid)?.name ?? p.regimenName ?? '';

  const confirmVoid = async () => {
    if (!voiding || !reason.trim()) return;
    try {
      await voidPickup(voiding.uuid, reason.trim());
      showSnackbar({ kind: 'success', title: t('voided', 'Pickup voided') });
      setVoiding(undefined);
      setReason('');
      onChanged();
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  const headers = [
    { key: 'date', header: t('pickupDate', 'Pickup') },
    { key: 'source', header: t('source', 'Record') },
    { key: 'regimen', header: t('regimen', 'Regimen') },
    { key: 'mode', header: t('dispenseMode', 'Dispensation model') },
    { key: 'next', header: t('nextPickup', 'Next pickup') },
    { key: 'actions', header: '' },
  ];

  return (
    <section aria-label={t('pickupHistory', 'Pickup history')}>
      <h4>{t('pickupHistory', 'Pickup history')}</h4>
      {pickups.length === 0 ? (
        <p>{t('noPickups', 'No pickup recorded.')}</p>
      ) : (
        <DataTable rows={pickups.map((p) => ({ id: p.uuid }))} headers={headers} size="sm">
          {() => (
            <Table>
              <TableHead>
                <TableRow>
                  {headers.map((h) => (
                    <TableHeader key={h.key}>{h.header}</TableHeader>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {pickups.map((p) => (
                  <TableRow key={p.uuid}>
                    <TableCell>{displayDate(p.datetime)}</TableCell>
                    <TableCell>{p.kind === 'fila' ? 'FILA' : t('masterCard', 'Master Card')}</TableCell>
                    <TableCell>{regimenName(p)}</TableCell>
                    <TableCell>{modeName(p.dispenseModeUuid)}</TableCell>
                    <TableCell>{displayDate(p.nextPickup)}</TableCell>
                    <TableCell>
                      {p.kind === 'fila' && (
                        <>
                          <Button kind="ghost" size="sm" onClick={() => setPrinting(p)}>
                            {t('print', 'Print')}
                          </Button>
                          <Button kind="ghost" size="sm" onClick={() => setEditing(p)}>
                            {t('edit', 'Edit')}
                          </Button>
                          <Button kind="danger--ghost" size="sm" onClick={() => setVoiding(p)}>
                            {t('void', 'Void')}
                          </Button>
                        </>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </DataTable>
      )}
      {voiding && (
        <Modal
          open
          danger
          modalHeading={t('voidHeading', 'Void the FILA of {{date}}', {
            date: displayDate(voiding.datetime),
          })}
          primaryButtonText={t('void', 'Void')}
          secondaryButtonText={t('cancel', 'Cancel')}
          primaryButtonDisabled={!reason.trim()}
          onRequestClose={() => setVoiding(undefined)}
          onRequestSubmit={() => void confirmVoid()}
        >
          <TextArea
            id="fila-void-reason"
            labelText={t('voidReason', 'Reason (required)')}
            value={reason}
            maxLength={255}
            onChange={(e) => setReason(e.target.value)}
          />
          {failure && (
            <InlineNotification
              kind="error"
              hideCloseButton
              title={t('voidFailed', 'Not voided.')}
              subtitle={failure}
            />
          )}
        </Modal>
      )}
      {editing && (
        <EditFila
          patientUuid={patient.uuid}
          pickup={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            onChanged();
          }}
        />
      )}
      {printing && <PrintableFila patient={patient} pickup={printing} regimen={regimenName(printing)} />}
    </section>
  );
}
