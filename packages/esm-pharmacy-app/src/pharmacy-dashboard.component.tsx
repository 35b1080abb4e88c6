import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, InlineLoading, InlineNotification, Search, Tile } from '@carbon/react';
import { usePatientsByNid } from './resources/patient.resource';
import IdartErrors from './idart-errors.component';
import PatientPharmacy from './patient-pharmacy.component';
import styles from './pharmacy.scss';

// Farmácia: the pharmacist finds the patient by NID (a barcode scanner types it and presses Enter), then
// dispenses and sees the pickups. Stock is not managed here.

export default function PharmacyDashboard() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [nid, setNid] = useState<string>();
  const { patients, error, isLoading } = usePatientsByNid(nid);
  const submit = () => setNid(typed.trim() || undefined);

  return (
    <div className={styles.dashboard}>
      <h2 className={styles.title}>{t('pharmacy', 'Pharmacy')}</h2>
      <p className={styles.hint}>{t('stockNotManaged', 'Stock: not managed here.')}</p>
      <form
        className={styles.search}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Search
          id="pharmacy-nid"
          labelText={t('nid', 'NID')}
          placeholder={t('scanNid', 'Scan or type the NID and press Enter')}
          value={typed}
          onChange={(e) => setTyped((e.target as HTMLInputElement).value)}
          size="lg"
          autoFocus
        />
        <Button type="submit" size="lg">
          {t('find', 'Find')}
        </Button>
      </form>
      {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {error && (
        <InlineNotification kind="error" hideCloseButton title={t('searchFailed', 'The search failed: try again.')} />
      )}
      {patients?.length === 0 && (
        <Tile>{t('noPatient', 'No patient has the NID {{nid}}.', { nid, interpolation: { escapeValue: false } })}</Tile>
      )}
      {patients?.map((p) => (
        <PatientPharmacy key={p.uuid} patient={p} />
      ))}
      <IdartErrors />
    </div>
  );
}
