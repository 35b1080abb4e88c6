import { useTranslation } from '@poc-emr/esm-commons-lib';
import type { PharmacyPatient } from '../resources/patient.resource';
import type { Pickup } from '../resources/pickups.resource';
import styles from '../pharmacy.scss';

/** The FILA on paper (the print stylesheet hides everything else): for the patient's file. */
export default function PrintableFila({
  patient,
  pickup,
  regimen,
}: {
  patient: PharmacyPatient;
  pickup: Pickup;
  regimen: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={styles.printable} data-testid="printable-fila">
      <h2>{t('filaTitle', 'FILA — ARV pickup')}</h2>
      <p>
        {patient.name} · {t('nid', 'NID')} {patient.nid ?? ''}
      </p>
      <p>
        {t('pickupDate', 'Pickup')}: {pickup.datetime.slice(0, 10)} · {t('regimen', 'Regimen')}: {regimen} ·{' '}
        {t('nextPickup', 'Next pickup')}: {pickup.nextPickup ?? ''}
      </p>
      <table>
        <tbody>
          {pickup.drugs.map((d) => (
            <tr key={d.drugUuid}>
              <td>{d.name}</td>
              <td>{d.quantity}</td>
              <td>{d.posology}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
