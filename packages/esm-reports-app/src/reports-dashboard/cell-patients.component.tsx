import { InlineLoading, Modal, Pagination, Search } from '@carbon/react';
import { useConfig, useDebounce } from '@openmrs/esm-framework';
import { useState } from 'react';
import type { ReportsConfig } from '../config-schema';
import { PatientsTable } from '../patients-table.component';
import { useCellPatients } from '../resources/reports.resource';
import type { CellPatient } from '../resources/types';
import type { SelectedCell } from './report-form.component';
import { Notice } from '../notice.component';
import { displayDate, usePaginationLabels, useSexLabel, useTranslation } from '@poc-emr/esm-commons-lib';

/** The patients a number counts, paged and searchable; each opens their chart. */
export function CellPatients({ runId, cell, onClose }: { runId: string; cell: SelectedCell; onClose: () => void }) {
  const { t } = useTranslation();
  const paginationLabels = usePaginationLabels();
  const config = useConfig<ReportsConfig>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(config.pageSize);
  const [input, setInput] = useState('');
  const search = useDebounce(input, 400);
  const { data, error, isLoading } = useCellPatients(runId, cell, page, pageSize, search);
  const sexLabel = useSexLabel();
  const sex = (p: CellPatient) => sexLabel(p.sex);
  return (
    <Modal
      open
      passiveModal
      size="lg"
      modalHeading={cell.label}
      closeButtonLabel={t('close', 'Close')}
      modalLabel={t('patientsOfCell', '{{count}} patients', { count: cell.value })}
      onRequestClose={onClose}
    >
      <Search
        id="cell-patients-search"
        size="sm"
        labelText={t('searchNidOrName', 'Search by NID or name')}
        placeholder={t('searchNidOrName', 'Search by NID or name')}
        value={input}
        onChange={(e) => {
          setInput(e.target.value);
          setPage(1);
        }}
      />
      {isLoading && <InlineLoading description={t('loading', 'Loading…')} />}
      {error && <Notice title={t('notLoaded', 'Could not load')} error={error} />}
      {data && (
        <>
          <PatientsTable
            title={cell.label}
            rows={data.rows}
            columns={[
              { key: 'nid', header: t('nid', 'NID'), value: (p) => p.nid ?? '—' },
              { key: 'name', header: t('name', 'Name'), value: (p) => p.name },
              { key: 'sex', header: t('sex', 'Sex'), value: sex },
              { key: 'age', header: t('age', 'Age'), value: (p) => p.age ?? '' },
              { key: 'artStart', header: t('artStart', 'ART start'), value: (p) => displayDate(p.artStart) },
              { key: 'lastPickup', header: t('lastPickup', 'Last pickup'), value: (p) => displayDate(p.lastPickup) },
              { key: 'nextPickup', header: t('nextPickup', 'Next pickup'), value: (p) => displayDate(p.nextPickup) },
              { key: 'state', header: t('state', 'State'), value: (p) => p.state ?? '' },
            ]}
          />
          <Pagination
            {...paginationLabels}
            page={page}
            pageSize={pageSize}
            pageSizes={[10, 25, 50, 100]}
            totalItems={data.total}
            onChange={({ page: p, pageSize: s }) => {
              setPage(p);
              setPageSize(s);
            }}
          />
        </>
      )}
    </Modal>
  );
}
