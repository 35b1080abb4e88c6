import { useState } from 'react';
import { Button, Pagination, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@carbon/react';
import { useConfig } from '@openmrs/esm-framework';
import { displayDate, usePaginationLabels, useTranslation } from '@poc-emr/esm-commons-lib';
import type { PharmacyConfig } from '../config-schema';
import { usePickupList, type PickupListId } from '../resources/pickup-lists.resource';
import BandFilter from './band-filter.component';
import ListSection from '../list-section.component';

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
  const paginationLabels = usePaginationLabels();
  const [band, setBand] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(listPageSize);
  const { data, error, isLoading } = usePickupList(id, { band, page, pageSize });
  const late = id === 'late-for-pickup';
  // The whole list's count; a band only filters the rows (and may leave none).
  const count = data && (data.list.bands ? Object.values(data.bands).reduce((a, b) => a + b, 0) : data.total);

  return (
    <ListSection
      title={title}
      count={count}
      isLoading={isLoading}
      error={error}
      failedText={t('listFailed', 'The list could not be read.')}
      empty={count === 0}
      emptyText={empty}
    >
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
                  <TableCell>{displayDate(r.lastPickup)}</TableCell>
                  {late && <TableCell>{displayDate(r.nextPickup)}</TableCell>}
                  {late && <TableCell>{r.daysLate}</TableCell>}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {data.total > pageSize && (
            <Pagination
              {...paginationLabels}
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
    </ListSection>
  );
}
