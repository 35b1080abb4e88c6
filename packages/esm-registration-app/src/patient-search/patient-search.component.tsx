import {
  DataTable,
  InlineLoading,
  InlineNotification,
  Pagination,
  Search,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
} from '@carbon/react';
import { ConfigurableLink, useConfig, useDebounce } from '@openmrs/esm-framework';
import { useState } from 'react';
import type { RegistrationConfig } from '../config-schema';
import { usePatientSearch } from '../resources/patient-search.resource';
import styles from './patient-search.scss';
import { usePaginationLabels, useSexLabel, useTranslation } from '@poc-emr/esm-commons-lib';

/** Search by NID (whole, partial or scanned) or by name fragments; each result opens the patient chart. */
export function PatientSearch() {
  const { t } = useTranslation();
  const paginationLabels = usePaginationLabels();
  const config = useConfig<RegistrationConfig>();
  const sexLabel = useSexLabel();
  const [input, setInput] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(config.search.pageSize);
  const text = useDebounce(input, 400);
  const { patients, total, error, isLoading, searched } = usePatientSearch(
    text,
    page,
    pageSize,
    config.search.minCharacters,
  );
  const headers = [
    { key: 'nid', header: t('nid', 'NID') },
    { key: 'name', header: t('name', 'Name') },
    { key: 'sex', header: t('sex', 'Sex') },
    { key: 'age', header: t('age', 'Age') },
    { key: 'district', header: t('district', 'District') },
  ];
  const rows = patients.map((p) => ({
    id: p.uuid,
    nid: p.identifiers.find((i) => i.identifierType.uuid === config.nid.identifierTypeUuid)?.identifier ?? '—',
    name: p.person.personName?.display ?? '',
    sex: sexLabel(p.person.gender),
    age: p.person.age ?? '',
    district: p.person.preferredAddress?.countyDistrict ?? '',
  }));
  // Looked up by id, not through `rows`: Carbon's DataTable renders its previous rows once more when
  // the results change, and those ids may no longer be among the new ones.
  const deceased = new Set(patients.filter((p) => p.person.dead).map((p) => p.uuid));
  return (
    <section className={styles.search}>
      <Search
        id="registration-search"
        size="lg"
        labelText={t('searchPatient', 'Search patient')}
        placeholder={t('searchPlaceholder', 'NID (or scan it) or names')}
        value={input}
        onChange={(e) => {
          setInput(e.target.value);
          setPage(1);
        }}
      />
      {isLoading && <InlineLoading description={t('searching', 'Searching…')} />}
      {error && (
        <InlineNotification
          kind="error"
          lowContrast
          hideCloseButton
          title={t('searchFailed', 'The search failed')}
          subtitle={String(error.message ?? error)}
        />
      )}
      {searched && !isLoading && !error && rows.length === 0 && (
        <p className={styles.empty}>{t('noResults', 'No patient found for "{{text}}"', { text })}</p>
      )}
      {rows.length > 0 && (
        <>
          <p className={styles.count}>{t('resultCount', '{{count}} patient(s) found', { count: total })}</p>
          <DataTable rows={rows} headers={headers} size="sm" useZebraStyles>
            {({ rows: tableRows, headers: tableHeaders, getTableProps, getHeaderProps, getRowProps }) => (
              <TableContainer>
                <Table {...getTableProps()} aria-label={t('searchResults', 'Search results')}>
                  <TableHead>
                    <TableRow>
                      {tableHeaders.map((header) => {
                        const { key, ...headerProps } = getHeaderProps({ header });
                        return (
                          <TableHeader key={key} {...headerProps}>
                            {header.header}
                          </TableHeader>
                        );
                      })}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {tableRows.map((row) => {
                      const { key, ...rowProps } = getRowProps({ row });
                      return (
                        <TableRow key={key} {...rowProps}>
                          {row.cells.map((cell) => (
                            <TableCell key={cell.id}>
                              {cell.info.header === 'name' ? (
                                <>
                                  <ConfigurableLink
                                    to={config.links.patientChart}
                                    templateParams={{ patientUuid: row.id }}
                                  >
                                    {cell.value}
                                  </ConfigurableLink>
                                  {deceased.has(row.id) && <Tag type="gray">{t('deceased', 'Deceased')}</Tag>}
                                </>
                              ) : (
                                cell.value
                              )}
                            </TableCell>
                          ))}
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              </TableContainer>
            )}
          </DataTable>
          {total > pageSize && (
            <Pagination
              {...paginationLabels}
              page={page}
              pageSize={pageSize}
              pageSizes={[10, 20, 50]}
              totalItems={total}
              onChange={({ page: p, pageSize: size }) => {
                setPage(p);
                setPageSize(size);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
