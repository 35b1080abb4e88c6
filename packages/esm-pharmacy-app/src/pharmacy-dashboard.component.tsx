import { useState } from 'react';
import { useTranslation, WidgetBoundary } from '@poc-emr/esm-commons-lib';
import { Button, Search } from '@carbon/react';
import { ArrowLeft } from '@carbon/react/icons';
import IdartErrors from './idart-errors.component';
import PickupList from './home/pickup-list.component';
import type { PickupListId } from './resources/pickup-lists.resource';
import PrescriptionQueue from './home/prescription-queue.component';
import { OpenedPatient, PatientsByNid } from './home/found-patients.component';
import styles from './pharmacy.scss';

// Farmácia: the pharmacist's home — who is expected today, who is late, the prescriptions waiting, iDART
// pickups not in OpenMRS — and the search by NID (a barcode scanner types it and presses Enter). A patient found or opened from a
// list shows their dispensing and pickups. Stock is not managed here.

export default function PharmacyDashboard() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [nid, setNid] = useState<string>();
  const [opened, setOpened] = useState<string>();
  const lists: Array<{ id: PickupListId; title: string; empty: string }> = [
    {
      id: 'expected-for-pickup',
      title: t('expectedToday', 'Expected today'),
      empty: t('noneExpected', 'No patient is expected today.'),
    },
    {
      id: 'late-for-pickup',
      title: t('latePickups', 'Late for their pickup'),
      empty: t('noneLate', 'No patient is late.'),
    },
  ];
  const home = () => {
    setTyped('');
    setNid(undefined);
    setOpened(undefined);
  };

  return (
    <div className={styles.dashboard}>
      <h2 className={styles.title}>{t('pharmacy', 'Pharmacy')}</h2>
      <p className={styles.hint}>{t('stockNotManaged', 'Stock: not managed here.')}</p>
      <form
        className={styles.search}
        onSubmit={(e) => {
          e.preventDefault();
          setOpened(undefined);
          setNid(typed.trim() || undefined);
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
      {nid || opened ? (
        <>
          <Button kind="ghost" renderIcon={ArrowLeft} className={styles.back} onClick={home}>
            {t('backToHome', 'Back to the pickup lists')}
          </Button>
          <WidgetBoundary name={t('patient', 'Patient')}>
            {nid ? <PatientsByNid nid={nid} /> : <OpenedPatient uuid={opened!} />}
          </WidgetBoundary>
        </>
      ) : (
        <>
          {lists.map((list) => (
            <WidgetBoundary key={list.id} name={list.title}>
              <PickupList {...list} onOpen={setOpened} />
            </WidgetBoundary>
          ))}
          <WidgetBoundary name={t('prescriptionsWaiting', 'Prescriptions waiting')}>
            <PrescriptionQueue onOpen={setOpened} />
          </WidgetBoundary>
          <WidgetBoundary name={t('idartErrors', 'iDART pickups not in OpenMRS')}>
            <IdartErrors />
          </WidgetBoundary>
        </>
      )}
    </div>
  );
}
