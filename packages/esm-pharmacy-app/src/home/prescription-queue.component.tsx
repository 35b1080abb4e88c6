import { useTranslation } from 'react-i18next';
import {
  Button,
  InlineLoading,
  InlineNotification,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@carbon/react';
import { usePrescriptionQueue } from '../resources/prescriptions.resource';
import styles from '../pharmacy.scss';

/** The prescriptions written in the chart and waiting at the pharmacy; the patient opens their dispensing. */
export default function PrescriptionQueue({ onOpen }: { onOpen: (patientUuid: string) => void }) {
  const { t } = useTranslation();
  const { prescriptions, error, isLoading } = usePrescriptionQueue();
  const title = t('prescriptionsWaiting', 'Prescriptions waiting');

  return (
    <section className={styles.list} aria-label={title}>
      <h3 className={styles.listTitle}>
        {title}
        {prescriptions && ` (${prescriptions.length})`}
      </h3>
      {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {error && (
        <InlineNotification
          kind="error"
          hideCloseButton
          title={t('prescriptionsFailed', 'The prescriptions could not be read.')}
        />
      )}
      {prescriptions?.length === 0 && (
        <p className={styles.hint}>{t('noPrescriptions', 'No prescription is waiting.')}</p>
      )}
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
                <TableCell>{p.dateActivated.slice(0, 10)}</TableCell>
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
    </section>
  );
}
