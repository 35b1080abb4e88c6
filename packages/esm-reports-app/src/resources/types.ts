// What the report service answers (packages/report-service): reports, runs, cells, patients, SIS-MA —
// the service's and the engine's own types where they cross the wire as they are.
import type { Cell, LineListRow, Option, PatientListRow } from '@poc-emr/report-engine';
import type { ReportDescription } from '@poc-emr/report-service/src/routes/runs';
import type { PushRecord, RunRecord } from '@poc-emr/report-service/src/store';

export type { Cell, Option };

export type Report = ReportDescription;
export type Indicator = Report['indicators'][number];
export type Dimension = Indicator['disaggregations'][number][number];

export interface Facility {
  database: string;
  code: string | null;
  name: string;
}

export interface Catalogue {
  reports: Report[];
  facilities: Facility[];
  dhis2: { format: 'json' | 'adx' | null; reports: string[] };
}

export type Push = PushRecord;
export type Run = RunRecord;
export type RunStatus = RunRecord['status'];

export interface RunResult {
  run: Run;
  report: Report;
  facility: Facility | null;
  cells: Cell[];
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  rows: T[];
}

/** A patient of a cell: the engine's line-list row, with the uuid that opens the chart. */
export type CellPatient = Omit<LineListRow, 'options'> & { patientUuid: string | null };

export interface Completeness {
  report: string;
  periods: string[];
  facilities: Facility[];
  cells: Array<{
    facility: string;
    period: string;
    status: 'sent' | 'failed' | 'not-sent' | 'not-run' | 'none';
    runId: string | null;
    at: string | null;
    message: string | null;
  }>;
}

export interface FollowUpList {
  id: string;
  label: string;
  shortLabel: string;
  dueDate?: string;
  bands?: Option[];
}

export type FollowUpRow = PatientListRow;

export interface FollowUpPage extends Page<FollowUpRow> {
  list: FollowUpList;
  date: string;
  facility: Facility;
  bands: Record<string, number>;
}
