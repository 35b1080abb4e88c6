import {
  DataTable,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
} from '@carbon/react';
import { ConfigurableLink, useConfig } from '@openmrs/esm-framework';
import type { ReactNode } from 'react';
import type { ReportsConfig } from './config-schema';

export interface PatientColumn<T> {
  key: string;
  header: string;
  value(row: T): ReactNode;
}

/** Patients as rows; the name opens the patient's chart. Shared by a cell's patients and the follow-up lists. */
export function PatientsTable<T extends { patientId: number; patientUuid: string | null; name: string }>({
  rows,
  columns,
  title,
}: {
  rows: T[];
  columns: PatientColumn<T>[];
  title: string;
}) {
  const { links } = useConfig<ReportsConfig>();
  const headers = columns.map(({ key, header }) => ({ key, header }));
  const byId = new Map(rows.map((r) => [String(r.patientId), r]));
  const tableRows = rows.map((r) => ({ id: String(r.patientId) }));
  return (
    <DataTable rows={tableRows} headers={headers} size="sm" useZebraStyles>
      {({ rows: shown, headers: shownHeaders, getTableProps, getHeaderProps, getRowProps }) => (
        <TableContainer title={title}>
          <Table {...getTableProps()} aria-label={title}>
            <TableHead>
              <TableRow>
                {shownHeaders.map((header) => (
                  <TableHeader {...getHeaderProps({ header })} key={header.key}>
                    {header.header}
                  </TableHeader>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((row) => {
                // DataTable takes new rows a render late: skip the ones that just left.
                const patient = byId.get(row.id);
                if (!patient) return null;
                return (
                  <TableRow {...getRowProps({ row })} key={row.id}>
                    {columns.map((c) => (
                      <TableCell key={c.key}>
                        {c.key === 'name' && patient.patientUuid ? (
                          <ConfigurableLink
                            to={links.patientChart}
                            templateParams={{ patientUuid: patient.patientUuid }}
                          >
                            {patient.name}
                          </ConfigurableLink>
                        ) : (
                          c.value(patient)
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
  );
}
