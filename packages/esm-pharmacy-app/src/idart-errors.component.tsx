import { useState } from 'react';
import {
  Button,
  InlineNotification,
  StructuredListBody,
  StructuredListCell,
  StructuredListHead,
  StructuredListRow,
  StructuredListWrapper,
} from '@carbon/react';
import { useConfig } from '@openmrs/esm-framework';
import { displayDate, useTranslation } from '@poc-emr/esm-commons-lib';
import type { PharmacyConfig } from './config-schema';
import { retryIdartError, useIdartErrors } from './resources/idart.resource';

/**
 * Pickups made in iDART that did not reach OpenMRS, with the reason the pharmacist can act on (register the
 * NID, reopen the TARV enrolment, map the drug); once fixed, "Send again" does not wait for the next hourly
 * check. Nothing is shown where no bridge runs or nothing is waiting.
 */
export default function IdartErrors() {
  const { t } = useTranslation();
  const { idartBridgeUrl } = useConfig<PharmacyConfig>();
  const { errors, mutate } = useIdartErrors(idartBridgeUrl);
  const [failure, setFailure] = useState<string>();
  if (!errors?.length) return null;

  const retry = async (packageId: number) => {
    setFailure(undefined);
    try {
      await retryIdartError(idartBridgeUrl, packageId);
      await mutate();
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  return (
    <section aria-label={t('idartErrors', 'iDART pickups not in OpenMRS')}>
      <h4>{t('idartErrorsCount', 'iDART pickups not in OpenMRS ({{count}})', { count: errors.length })}</h4>
      <StructuredListWrapper isCondensed>
        <StructuredListHead>
          <StructuredListRow head>
            <StructuredListCell head>{t('nid', 'NID')}</StructuredListCell>
            <StructuredListCell head>{t('patient', 'Patient')}</StructuredListCell>
            <StructuredListCell head>{t('pickupDate', 'Pickup')}</StructuredListCell>
            <StructuredListCell head>{t('reason', 'Reason')}</StructuredListCell>
            <StructuredListCell head />
          </StructuredListRow>
        </StructuredListHead>
        <StructuredListBody>
          {errors.map((e) => (
            <StructuredListRow key={e.packageId}>
              <StructuredListCell>{e.nid}</StructuredListCell>
              <StructuredListCell>{e.patientName}</StructuredListCell>
              <StructuredListCell>{displayDate(e.pickup)}</StructuredListCell>
              <StructuredListCell>{e.reason}</StructuredListCell>
              <StructuredListCell>
                <Button kind="ghost" size="sm" onClick={() => void retry(e.packageId)}>
                  {t('sendAgain', 'Send again')}
                </Button>
              </StructuredListCell>
            </StructuredListRow>
          ))}
        </StructuredListBody>
      </StructuredListWrapper>
      {failure && (
        <InlineNotification
          kind="error"
          hideCloseButton
          title={t('retryFailed', 'Not sent again.')}
          subtitle={failure}
        />
      )}
    </section>
  );
}
