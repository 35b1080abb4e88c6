import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  InlineLoading,
  InlineNotification,
  Pagination,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@carbon/react';
import { useConfig } from '@openmrs/esm-framework';
import type { PharmacyConfig } from '../config-schema';
import { usePickupList, type PickupListId } from '../resources/pickup-lists.resource';
import BandFilter from './band-filter.component';
import styles from '../pharmacy.scss';

interface Props {
  id: PickupListId;
  title: string;
  empty: string;
  onOpen: (patientUuid: string) => void;
}

/** One of the home's lists, a page at a time; each patient's name opens their dispensing. */
export default function PickupList({ id, title, empty, onOpen }: Props) {
  const { t } = useTranslation();
  const { listPageSize } = useConfig<PharmacyConfig>();
  const [band, setBand] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(listPageSize);
  const { data, error, isLoading } = usePickupList(id, { band, page, pageSize });
  const late = id === 'late-for-pickup';
  // The heading counts the whole list; a band only filters the rows.

  return (
    <section className={styles.list} aria-label={title}>
      <h3 className={styles.listTitle}>
        {title}
        {data && ` (${data.list.bands ? Object.values(data.bands).reduce((a, b) => a + b, 0) : data.total})`}
      </h3>
      {data?.list.bands && (
        <BandFilter
          bands={data.list.bands}
          counts={data.bands}
          selected={band}
          onSelect={(code) => {
            setBand(code);
            setPage(1);
          }}
        />
      )}
      {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {error && (
        <InlineNotification kind="error" hideCloseButton title={t('listFailed', 'The list could not be read.')} />
      )}
      {data?.total === 0 && <p className={styles.hint}>{empty}</p>}
      {data && data.total > 0 && (
        <>
          <Table size="sm" useZebraStyles>
            <TableHead>
              <TableRow>
                <TableHeader>{t('nid', 'NID')}</TableHeader>
                <TableHeader>{t('patient', 'Patient')}</TableHeader>
                <TableHeader>{t('sexAge', 'Sex / age')}</TableHeader>
                <TableHeader>{t('phone', 'Phone')}</TableHeader>
                <TableHeader>{t('lastPickup', 'Last pickup')}</TableHeader>
                {late && <TableHeader>{t('expectedOn', 'Expected on')}</TableHeader>}
                {late && <TableHeader>{t('daysLate', 'Days late')}</TableHeader>}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.rows.map((r) => (
                <TableRow key={r.patientUuid}>
                  <TableCell>{r.nid ?? '—'}</TableCell>
                  <TableCell>
                    <Button kind="ghost" size="sm" onClick={() => onOpen(r.patientUuid)}>
                      {r.name}
                    </Button>
                  </TableCell>
                  <TableCell>{`${r.sex} ${r.age ?? ''}`.trim()}</TableCell>
                  <TableCell>{r.phone ?? ''}</TableCell>
                  <TableCell>{r.lastPickup ?? ''}</TableCell>
                  {late && <TableCell>{r.nextPickup ?? ''}</TableCell>}
                  {late && <TableCell>{r.daysLate}</TableCell>}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {data.total > pageSize && (
            <Pagination
              page={page}
              pageSize={pageSize}
              pageSizes={[listPageSize, listPageSize * 4]}
              totalItems={data.total}
              onChange={({ page: p, pageSize: s }) => {
                setPage(p);
                setPageSize(s);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
