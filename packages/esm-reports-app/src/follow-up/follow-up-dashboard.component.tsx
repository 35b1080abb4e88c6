import { Button, ContentSwitcher, InlineLoading, Pagination, Search, Switch } from '@carbon/react';
import { useConfig, useDebounce } from '@openmrs/esm-framework';
import { DateField, displayDate, usePaginationLabels, useTranslation, WidgetBoundary } from '@poc-emr/esm-commons-lib';
import { useState } from 'react';
import type { ReportsConfig } from '../config-schema';
import { PatientsTable, type PatientColumn } from '../patients-table.component';
import { useFollowUpList, useFollowUpLists } from '../resources/reports.resource';
import type { FollowUpRow } from '../resources/types';
import styles from './follow-up.scss';
import { Notice } from '../notice.component';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The clinicians' "Seguimento": who to look for (faltosos, Busca Activa) and who is due what, printable. */
export default function FollowUpDashboard() {
  const { t } = useTranslation();
  const paginationLabels = usePaginationLabels();
  const config = useConfig<ReportsConfig>();
  const catalogue = useFollowUpLists();
  const [listIndex, setListIndex] = useState(0);
  const [date, setDate] = useState(today);
  const [band, setBand] = useState<string>();
  const [input, setInput] = useState('');
  const search = useDebounce(input, 400);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(config.pageSize);
  const list = catalogue.data?.lists[listIndex];
  const { data, error, isLoading } = useFollowUpList(list?.id, { date, band, search, page, pageSize });
  const reset = () => setPage(1);

  const columns: PatientColumn<FollowUpRow>[] = [
    { key: 'nid', header: t('nid', 'NID'), value: (r) => r.nid ?? '—' },
    { key: 'name', header: t('name', 'Name'), value: (r) => r.name },
    { key: 'age', header: t('sexAge', 'Sex / age'), value: (r) => `${r.sex} ${r.age ?? ''}` },
    { key: 'phone', header: t('phone', 'Phone'), value: (r) => r.phone ?? '' },
    { key: 'referencePoint', header: t('referencePoint', 'Reference point'), value: (r) => r.referencePoint ?? '' },
    {
      key: 'confidant',
      header: t('confidant', 'Confidant'),
      value: (r) => [r.confidantName, r.confidantPhone].filter(Boolean).join(' · '),
    },
    { key: 'lastPickup', header: t('lastPickup', 'Last pickup'), value: (r) => displayDate(r.lastPickup) },
    { key: 'daysLate', header: t('daysLate', 'Days late'), value: (r) => (r.daysLate > 0 ? r.daysLate : '') },
    {
      key: 'nextConsultation',
      header: t('nextConsultation', 'Next consultation'),
      value: (r) => displayDate(r.nextConsultation),
    },
    {
      key: 'lastViralLoad',
      header: t('lastViralLoad', 'Last viral load'),
      value: (r) => (r.lastViralLoad ? `${r.lastViralLoad} (${displayDate(r.lastViralLoadDate)})` : ''),
    },
    ...(list?.dueDate
      ? [{ key: 'dueDate', header: list.dueDate, value: (r: FollowUpRow) => displayDate(r.dueDate) }]
      : []),
  ];

  return (
    <section className={styles.dashboard}>
      <div className={styles.header}>
        <h2 className={styles.heading}>{t('followUp', 'Follow-up')}</h2>
        {catalogue.data && (
          <p className={styles.facility}>
            {catalogue.data.facility.name} · {date}
          </p>
        )}
      </div>
      {catalogue.error && (
        <Notice title={t('serviceUnavailable', 'The report service did not answer')} error={catalogue.error} />
      )}
      {catalogue.data && (
        <>
          <ContentSwitcher
            className={styles.noPrint}
            selectedIndex={listIndex}
            onChange={({ index }) => {
              setListIndex(index ?? 0);
              setBand(undefined);
              reset();
            }}
          >
            {catalogue.data.lists.map((l) => (
              <Switch key={l.id} name={l.id} text={l.shortLabel} />
            ))}
          </ContentSwitcher>
          <h3 className={styles.listTitle}>{list?.label}</h3>
          <div className={`${styles.tools} ${styles.noPrint}`}>
            <DateField
              id="follow-up-date"
              labelText={t('date', 'Date')}
              value={date}
              max={today()}
              onChange={(value) => {
                setDate(value || today());
                reset();
              }}
            />
            <Search
              id="follow-up-search"
              size="md"
              labelText={t('searchNidNamePhone', 'Search by NID, name or phone')}
              placeholder={t('searchNidNamePhone', 'Search by NID, name or phone')}
              value={input}
              onChange={(e) => {
                setInput(e.target.value);
                reset();
              }}
            />
            <Button kind="tertiary" onClick={() => window.print()}>
              {t('print', 'Print')}
            </Button>
          </div>
          {list?.bands && data && (
            <div className={`${styles.bands} ${styles.noPrint}`} role="group" aria-label={t('bands', 'Days late')}>
              {[
                { code: undefined, label: t('allBands', 'All'), count: data.total },
                ...list.bands.map((b) => ({ ...b, count: data.bands[b.code] ?? 0 })),
              ].map((b) => (
                <Button
                  key={b.code ?? 'all'}
                  size="sm"
                  kind={band === b.code ? 'primary' : 'tertiary'}
                  aria-pressed={band === b.code}
                  onClick={() => {
                    setBand(b.code);
                    reset();
                  }}
                >
                  {b.label} ({b.code === undefined ? Object.values(data.bands).reduce((x, y) => x + y, 0) : b.count})
                </Button>
              ))}
            </div>
          )}
          {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
          {error && <Notice title={t('notLoaded', 'Could not load')} error={error} />}
          {data && (
            <WidgetBoundary name={t('followUp', 'Follow-up')}>
              <PatientsTable
                title={t('patientsCount', '{{count}} patients', { count: data.total })}
                rows={data.rows}
                columns={columns}
              />
              <Pagination
                {...paginationLabels}
                className={styles.noPrint}
                page={page}
                pageSize={pageSize}
                pageSizes={[25, 50, 100, 500]}
                totalItems={data.total}
                onChange={({ page: p, pageSize: s }) => {
                  setPage(p);
                  setPageSize(s);
                }}
              />
            </WidgetBoundary>
          )}
        </>
      )}
    </section>
  );
}
