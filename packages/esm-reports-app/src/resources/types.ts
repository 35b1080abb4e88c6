// What the report service answers (packages/report-service): reports, runs, cells, patients, SIS-MA.

export interface Option {
  code: string;
  label: string;
}

export interface Dimension {
  id: string;
  label: string;
  options: Option[];
}

export interface Indicator {
  code: string;
  label: string;
  disaggregations: Dimension[][];
}

export interface Report {
  id: string;
  label: string;
  periodType: 'Monthly' | 'Quarterly';
  indicators: Indicator[];
}

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

export interface Push {
  id: string;
  dryRun: boolean;
  at: string;
  by: string;
  status: 'ok' | 'conflicts' | 'failed';
  httpStatus: number | null;
  importCount: { imported: number; updated: number; ignored: number; deleted: number } | null;
  conflicts: Array<{ object: string; value: string; errorCode?: string }>;
  message: string;
  attempts: number;
  values: number;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface Run {
  id: string;
  report: string;
  periodText: string;
  period: { startDate: string; endDate: string };
  facility: Facility;
  requestedBy: { username: string; display: string };
  trigger: 'user' | 'schedule';
  status: RunStatus;
  progress: { done: number; total: number };
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  error: string | null;
  pushes: Push[];
}

export interface Cell {
  indicator: string;
  options: Record<string, string>;
  value: number;
}

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

export interface CellPatient {
  patientId: number;
  patientUuid: string | null;
  nid: string | null;
  name: string;
  sex: string;
  age: number | null;
  artStart: string | null;
  lastPickup: string | null;
  nextPickup: string | null;
  state: string | null;
}

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
  dueDate?: string;
  bands?: Option[];
}

export interface FollowUpRow {
  patientId: number;
  patientUuid: string;
  nid: string | null;
  name: string;
  sex: string;
  age: number | null;
  phone: string | null;
  referencePoint: string | null;
  confidantName: string | null;
  confidantPhone: string | null;
  lastPickup: string | null;
  nextPickup: string | null;
  daysLate: number;
  nextConsultation: string | null;
  lastViralLoad: string | null;
  lastViralLoadDate: string | null;
  band: string | null;
  dueDate: string | null;
}

export interface FollowUpPage extends Page<FollowUpRow> {
  list: FollowUpList;
  date: string;
  facility: Facility;
  bands: Record<string, number>;
}
