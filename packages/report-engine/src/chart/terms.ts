import type { Connection } from 'mysql2/promise';
import { resolveTermIds } from '@poc-emr/metadata';

// Metadata the patient summary, its alerts and the data-quality checks read beyond the indicators'
// (REPORT_TERMS) and the follow-up lists' (LIST_TERMS), by term code of
// distro/configuration/metadatatermmappings.

export const CHART_TERMS = [
  'concept.regimen',
  'concept.therapeuticLine',
  'concept.cd4',
  'concept.cd4Clinical',
  'concept.cd4Percent',
  'concept.whoStage',
  'concept.whoStage.3',
  'concept.whoStage.4',
  'concept.dispenseMode.monthly',
  'concept.sampleCollectionDate',
  'concept.abandoned',
  'programWorkflowState.tarv.abandoned',
] as const;

export type ChartTerm = (typeof CHART_TERMS)[number];

export class ChartTerms {
  constructor(private readonly ids: ReadonlyMap<string, number>) {}

  id(code: ChartTerm): number {
    const id = this.ids.get(code);
    if (id === undefined) throw new Error(`Metadata term ${code} was not resolved`);
    return id;
  }
}

/** Resolves every chart term in `database`; a missing uuid fails naming it and the database. */
export async function resolveChartTerms(conn: Connection, database: string): Promise<ChartTerms> {
  return new ChartTerms(await resolveTermIds(conn, database, CHART_TERMS));
}
