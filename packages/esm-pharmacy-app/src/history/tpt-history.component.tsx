import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@carbon/react';
import type { TFunction } from 'i18next';
import { displayDate, useTranslation } from '@poc-emr/esm-commons-lib';
import ListSection from '../list-section.component';
import type { TptPickup } from '../resources/tpt-pickups.resource';

interface Props {
  tptPickups: TptPickup[] | undefined;
  error: unknown;
  isLoading: boolean;
}

function regimenName(t: TFunction, regimen: TptPickup['regimen']): string {
  switch (regimen) {
    case '3hp':
      return '3HP';
    case '3hpPyridoxine':
      return t('tpt3hpPyridoxine', '3HP with pyridoxine');
    case 'isoniazid':
      return t('tptIsoniazid', 'Isoniazid (INH)');
    default:
      return '';
  }
}

function treatmentName(t: TFunction, patientType: TptPickup['patientType']): string {
  switch (patientType) {
    case 'start':
      return t('tptStart', 'Start');
    case 'continue':
      return t('tptContinue', 'Continue');
    case 'restart':
      return t('tptRestart', 'Restart');
    case 'end':
      return t('tptEnd', 'End');
    default:
      return '';
  }
}

/** The patient's TPT pickups (FILT), newest first, beside the ARV pickups. */
export default function TptHistory({ tptPickups, error, isLoading }: Props) {
  const { t } = useTranslation();
  const title = t('tptHistory', 'TPT pickup history (FILT)');
  return (
    <ListSection
      title={title}
      heading="h4"
      isLoading={isLoading}
      error={error}
      failedText={t('pickupsFailed', 'The pickups could not be read.')}
      empty={tptPickups?.length === 0}
      emptyText={t('noTptPickups', 'No TPT pickup recorded.')}
    >
      {tptPickups && tptPickups.length > 0 && (
        <Table size="sm">
          <TableHead>
            <TableRow>
              <TableHeader>{t('pickupDate', 'Pickup')}</TableHeader>
              <TableHeader>{t('tptRegimen', 'TPT regimen')}</TableHeader>
              <TableHeader>{t('dispenseMode', 'Dispensation model')}</TableHeader>
              <TableHeader>{t('tptPatientType', 'Treatment')}</TableHeader>
              <TableHeader>{t('nextTptDate', 'Next TPT pickup')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {tptPickups.map((p) => (
              <TableRow key={p.uuid}>
                <TableCell>{displayDate(p.datetime)}</TableCell>
                <TableCell>{regimenName(t, p.regimen)}</TableCell>
                <TableCell>
                  {p.dispensationType === 'quarterly'
                    ? t('quarterly', 'Quarterly (DT)')
                    : p.dispensationType === 'monthly'
                      ? t('monthly', 'Monthly')
                      : ''}
                </TableCell>
                <TableCell>{treatmentName(t, p.patientType)}</TableCell>
                <TableCell>{displayDate(p.nextDate)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </ListSection>
  );
}
