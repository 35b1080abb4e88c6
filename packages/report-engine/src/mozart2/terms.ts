import type { Connection } from 'mysql2/promise';
import { resolveTermIds } from '@poc-emr/metadata';

// Which encounter types and concepts feed each table is decided by term code (uuid in
// distro/configuration); the integer ids written out are the source database's own, as MozART 2 ships.

export const MOZART_TERMS = [
  'encounterType.fila',
  'encounterType.fichaClinicaAdult',
  'encounterType.fichaClinicaChild',
  'encounterType.fichaResumo',
  'encounterType.masterCardPickup',
  'encounterType.laboratory',
  'encounterType.fsr',
  'encounterType.buscaActiva',
  'locationAttributeType.healthFacilityCode',
  // observation whitelist (MozART's ObservationTableGenerator list, as far as this distro defines it)
  'concept.artStartDate',
  'concept.artPlan',
  'concept.transferredFrom',
  'concept.pregnant',
  'concept.buscaActiva.missedVisitReason',
  'concept.buscaActiva.notFoundReason',
  'concept.transferredFromType',
  'concept.breastfeeding',
  // medication
  'concept.regimen',
  'concept.drugFormulation',
  'concept.dispensedQuantity',
  'concept.posology',
  'concept.nextPickupDate',
  'concept.dispenseMode',
  'concept.dispensationType',
  'concept.pickupDate',
  // laboratory
  'concept.labRequest',
  'concept.sampleCollectionDate',
  'concept.viralLoad',
  'concept.viralLoadQualitative',
  'concept.cd4',
  // clinical consultation
  'concept.nextConsultationDate',
  'concept.whoStage',
  'concept.weight',
  'concept.height',
  // patient state
  'concept.stateOfStayArt',
  'concept.died',
] as const;

export type MozartTerm = (typeof MOZART_TERMS)[number];

export const OBSERVATION_CONCEPTS: MozartTerm[] = [
  'concept.artStartDate',
  'concept.artPlan',
  'concept.transferredFrom',
  'concept.pregnant',
  'concept.buscaActiva.missedVisitReason',
  'concept.buscaActiva.notFoundReason',
  'concept.transferredFromType',
  'concept.breastfeeding',
];

/** MozART 2 observation encounter types 6, 9, 18, 21, 51, 53 (5, 35, 90 are not in this distro). */
export const OBSERVATION_ENCOUNTER_TYPES: MozartTerm[] = [
  'encounterType.fichaClinicaAdult',
  'encounterType.fichaClinicaChild',
  'encounterType.fila',
  'encounterType.buscaActiva',
  'encounterType.fsr',
  'encounterType.fichaResumo',
];

export class MozartTerms {
  constructor(private readonly ids: ReadonlyMap<string, number>) {}

  id(code: MozartTerm): number {
    const id = this.ids.get(code);
    if (id === undefined) throw new Error(`Metadata term ${code} was not resolved`);
    return id;
  }

  /** A comma-separated id list for an IN clause. */
  list(codes: readonly MozartTerm[]): string {
    return codes.map((c) => this.id(c)).join(', ');
  }
}

/** Throws naming the missing uuid and the facility database. */
export async function resolveMozartTerms(conn: Connection, database: string): Promise<MozartTerms> {
  return new MozartTerms(await resolveTermIds(conn, database, MOZART_TERMS));
}
