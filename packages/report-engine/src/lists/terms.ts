import type { Connection } from 'mysql2/promise';
import { resolveTermIds } from '@poc-emr/metadata';

// Metadata the follow-up lists read beyond the indicators' (REPORT_TERMS), by term code of
// distro/configuration/metadatatermmappings: contact details, the next consultation, TPT and TB.

export const LIST_TERMS = [
  'personAttributeType.phone',
  'personAttributeType.referencePoint',
  'personAttributeType.confidantName',
  'personAttributeType.confidantPhone',
  'concept.nextConsultationDate',
  'encounterType.tpt',
  'program.tb',
  'concept.isoniazidEndDate',
  'concept.tptRegimen',
  'concept.tptRegimen.3hp',
  'concept.tptRegimen.3hpPyridoxine',
  'concept.tptPatientType',
  'concept.artPlan.restart',
  'concept.completed',
  'concept.activeTb',
  'concept.tbScreening',
] as const;

export type ListTerm = (typeof LIST_TERMS)[number];

export class ListTerms {
  constructor(private readonly ids: ReadonlyMap<string, number>) {}

  id(code: ListTerm): number {
    const id = this.ids.get(code);
    if (id === undefined) throw new Error(`Metadata term ${code} was not resolved`);
    return id;
  }
}

/** Resolves every list term in `database`; a missing uuid fails naming it and the database. */
export async function resolveListTerms(conn: Connection, database: string): Promise<ListTerms> {
  return new ListTerms(await resolveTermIds(conn, database, LIST_TERMS));
}
