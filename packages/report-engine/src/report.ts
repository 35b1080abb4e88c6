import type { FlowDefinition } from './balance';
import type { PeriodContext } from './context';
import type { Sql } from './sql';

// What a report is (its indicators and their disaggregations) and what running it on one facility
// database produces. Writers (CSV, XLSX, JSON, DHIS2) and the CLI work only with these types.

export interface Option {
  /** Stable code used in outputs and DHIS2 mappings, e.g. "15-19", "F", "<3". */
  code: string;
  label: string;
}

/** One axis of disaggregation: its options in report order and how a cohort row gets its option. */
export interface Dimension {
  id: string;
  label: string;
  options: readonly Option[];
  /**
   * SQL expression over the cohort row `c` and its `person` row `p` giving an option code; NULL leaves
   * the row out of this dimension (e.g. an adult in the children's columns of the Resumo Mensal).
   */
  value(ctx: PeriodContext): Sql;
}

export interface IndicatorDefinition {
  /** Report code: "TX_CURR", "B13"… */
  code: string;
  /** Portuguese label as printed on the MISAU/PEPFAR forms. */
  label: string;
  /** One row per patient counted, with at least `patient_id` (more columns for the dimensions). */
  cohort(ctx: PeriodContext): Sql;
  /**
   * Each disaggregation is a list of dimensions crossed with each other; every combination gets a
   * cell, zeros included. A one-dimension disaggregation also gets the cell `{ [dim]: "total" }`.
   */
  disaggregations: ReadonlyArray<readonly Dimension[]>;
}

export interface ReportDefinition {
  /** CLI name: "mer", "resumo-mensal". */
  id: string;
  label: string;
  /** DHIS2 period type the report is sent with. */
  periodType: 'Monthly' | 'Quarterly';
  indicators: readonly IndicatorDefinition[];
  /** The patient-flow identity the report's numbers obey (stock at the start + ins − outs = stock at the end). */
  flow?: FlowDefinition;
}

/** A counted value: `options` is {} for the indicator's total, else one option code per dimension id. */
export interface Cell {
  indicator: string;
  options: Readonly<Record<string, string>>;
  value: number;
}

/** One patient of a line list, as an M&E officer checks a count against the files. */
export interface LineListRow {
  patientId: number;
  nid: string | null;
  name: string;
  sex: string;
  /** Whole years at the report's end date. */
  age: number | null;
  artStart: string | null;
  lastPickup: string | null;
  nextPickup: string | null;
  /** Latest state in the ART programme by the end date (Portuguese name), if any. */
  state: string | null;
  /** The patient's option code of each dimension of the indicator (null: outside it), as the cells count them. */
  options?: Readonly<Record<string, string | null>>;
}

export interface Facility {
  /** Health Facility Code (7 digits) of the location the data was recorded at. */
  code: string | null;
  name: string;
  locationUuid: string;
}

export interface FacilityReport {
  report: string;
  database: string;
  facility: Facility | null;
  startDate: string;
  endDate: string;
  cells: Cell[];
  /** Per indicator code, when line lists were asked for; each list's length equals the total cell. */
  lineLists?: Record<string, LineListRow[]>;
  /** Rows the server examined (Handler_read_* of the session), for the run manifest. */
  rowsRead: number;
  durationMs: number;
}
