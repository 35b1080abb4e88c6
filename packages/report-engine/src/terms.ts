import type { Connection, Pool } from 'mysql2/promise';
import { resolveTermIds } from '@poc-emr/metadata';

// The metadata the indicators read, by term code (distro/configuration/metadatatermmappings): the uuids
// live in the configuration and become this database's integer ids at run time, so a database whose
// ids differ from EPTS's (or were shuffled) gives the same results.

export const REPORT_TERMS = [
  'encounterType.fila',
  'encounterType.fichaClinicaAdult',
  'encounterType.fichaClinicaChild',
  'encounterType.fichaResumo',
  'encounterType.masterCardPickup',
  'encounterType.buscaActiva',
  'program.tarvTreatment',
  'programWorkflowState.tarv.suspended',
  'programWorkflowState.tarv.died',
  'programWorkflowState.tarv.transferredOut',
  'programWorkflowState.tarv.transferredIn',
  'concept.artPlan',
  'concept.artPlan.start',
  'concept.artStartDate',
  'concept.pickupDate',
  'concept.nextPickupDate',
  'concept.stateOfStayArt',
  'concept.suspended',
  'concept.died',
  'concept.transferredOut',
  'concept.buscaActiva.notFoundReason',
  'concept.buscaActiva.missedVisitReason',
  'concept.yes',
  'concept.transferredFrom',
  'concept.transferredFromType',
  'concept.art',
  'concept.transferInDate',
  'encounterType.laboratory',
  'encounterType.fsr',
  'program.tarvCare',
  'program.ptv',
  'programWorkflowState.care.transferredIn',
  'programWorkflowState.ptv.delivered',
  'identifierType.nid',
  'locationAttributeType.healthFacilityCode',
  'concept.preArt',
  'concept.dispensationType',
  'concept.dispenseMode.quarterly',
  'concept.dispenseMode.semiannual',
  'concept.viralLoad',
  'concept.viralLoadQualitative',
  'concept.viralLoad.belowDetectable',
  'concept.viralLoad.undetectable',
  'concept.viralLoad.below839',
  'concept.viralLoad.below10',
  'concept.viralLoad.below20',
  'concept.viralLoad.below40',
  'concept.viralLoad.below400',
  'concept.viralLoad.belowValue',
  'concept.vlRequestReason',
  'concept.vlRequestReason.targeted',
  'concept.vlRequestReason.repeatAfterBreastfeeding',
  'concept.vlRequestReason.suspectedImmunologicalFailure',
  'concept.vlRequestReason.suspectedClinicalFailure',
  'concept.labRequest',
  'concept.pregnant',
  'concept.weeksPregnant',
  'concept.breastfeeding',
  'concept.priorDeliveryDate',
  'concept.tbSymptoms',
  'concept.isoniazidStartDate',
  'concept.tbTreatmentStartDate',
] as const;

export type ReportTerm = (typeof REPORT_TERMS)[number];

export class Terms {
  constructor(private readonly ids: ReadonlyMap<string, number>) {}

  /** The integer id of a term in the database the terms were resolved for. */
  id(code: ReportTerm): number {
    const id = this.ids.get(code);
    if (id === undefined) throw new Error(`Metadata term ${code} was not resolved`);
    return id;
  }
}

/** Resolves every report term in `database`; a missing uuid fails naming the uuid and the database. */
export async function resolveReportTerms(db: Connection | Pool, database: string): Promise<Terms> {
  return new Terms(await resolveTermIds(db, database, REPORT_TERMS));
}
