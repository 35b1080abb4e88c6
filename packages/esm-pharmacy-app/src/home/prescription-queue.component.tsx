import { Button, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@carbon/react';
import { displayDate, useTranslation } from '@poc-emr/esm-commons-lib';
import { usePrescriptionQueue } from '../resources/prescriptions.resource';
import ListSection from '../list-section.component';

/** The prescriptions written in the chart and waiting at the pharmacy; the patient opens their dispensing. */
export default function PrescriptionQueue({ onOpen }: { onOpen: (patientUuid: string) => void }) {
  const { t } = useTranslation();
  const { prescriptions, error, isLoading } = usePrescriptionQueue();
  const title = t('prescriptionsWaiting', 'Prescriptions waiting');

  return (
    <ListSection
      title={title}
      count={prescriptions?.length}
      isLoading={isLoading}
      error={error}
      failedText={t('prescriptionsFailed', 'The prescriptions could not be read.')}
      empty={prescriptions?.length === 0}
      emptyText={t('noPrescriptions', 'No prescription is waiting.')}
    >
      {prescriptions && prescriptions.length > 0 && (
        <Table size="sm" useZebraStyles>
          <TableHead>
            <TableRow>
              <TableHeader>{t('prescribedOn', 'Prescribed')}</TableHeader>
              <TableHeader>{t('patient', 'Patient')}</TableHeader>
              <TableHeader>{t('drug', 'Drug')}</TableHeader>
              <TableHeader>{t('quantity', 'Quantity')}</TableHeader>
              <TableHeader>{t('prescriber', 'Prescriber')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {prescriptions.map((p) => (
              <TableRow key={p.uuid}>
                <TableCell>{displayDate(p.dateActivated)}</TableCell>
                <TableCell>
                  <Button kind="ghost" size="sm" onClick={() => onOpen(p.patientUuid)}>
                    {p.patientDisplay}
                  </Button>
                </TableCell>
                <TableCell>{p.drugName}</TableCell>
                <TableCell>{p.quantity ?? ''}</TableCell>
                <TableCell>{p.prescriber ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </ListSection>
  );
}
