import { readTerms } from '@poc-emr/metadata';
import {
  ENCOUNTER_ROLES,
  FILA_METADATA,
  FILT_METADATA,
  MASTER_CARD_PICKUP_METADATA,
  NID_IDENTIFIER_TYPE,
  TARV_PROGRAM,
} from '../src';

// Every uuid the builders write is the one distro/configuration names by its term code.

const terms = readTerms();
const uuidOf = (code: string) => terms.get(code)?.uuid ?? `(no term ${code})`;

test.each([
  [FILA_METADATA.encounterType, 'encounterType.fila'],
  [FILA_METADATA.form, 'form.fila'],
  [FILA_METADATA.visitType, 'visitType.arvPickup'],
  [FILA_METADATA.concepts.regimen, 'concept.regimen'],
  [FILA_METADATA.concepts.quantity, 'concept.dispensedQuantity'],
  [FILA_METADATA.concepts.posology, 'concept.posology'],
  [FILA_METADATA.concepts.nextPickup, 'concept.nextPickupDate'],
  [FILA_METADATA.concepts.dispenseMode, 'concept.dispenseMode'],
  [FILA_METADATA.concepts.drugGroup, 'concept.drugGroup'],
  [FILA_METADATA.concepts.drugFormulation, 'concept.drugFormulation'],
  [FILA_METADATA.concepts.drugPosology, 'concept.drugPosology'],
  [FILA_METADATA.dispenseModes.monthly, 'concept.dispenseMode.monthly'],
  [FILA_METADATA.dispenseModes.quarterly, 'concept.dispenseMode.quarterly'],
  [FILA_METADATA.dispenseModes.semiannual, 'concept.dispenseMode.semiannual'],
  [FILT_METADATA.encounterType, 'encounterType.tpt'],
  [FILT_METADATA.form, 'form.filt'],
  [FILT_METADATA.concepts.regimen, 'concept.tptRegimen'],
  [FILT_METADATA.concepts.dispensationType, 'concept.tptDispensationType'],
  [FILT_METADATA.concepts.patientType, 'concept.tptPatientType'],
  [FILT_METADATA.concepts.nextDate, 'concept.nextTptDate'],
  [FILT_METADATA.patientTypes.start, 'concept.artPlan.start'],
  [FILT_METADATA.patientTypes.continue, 'concept.artPlan.continue'],
  [FILT_METADATA.patientTypes.restart, 'concept.artPlan.restart'],
  [FILT_METADATA.patientTypes.end, 'concept.completed'],
  [FILT_METADATA.regimens.isoniazid, 'concept.tptRegimen.isoniazid'],
  [FILT_METADATA.regimens['3hp'], 'concept.tptRegimen.3hp'],
  [FILT_METADATA.regimens['3hpPyridoxine'], 'concept.tptRegimen.3hpPyridoxine'],
  [MASTER_CARD_PICKUP_METADATA.encounterType, 'encounterType.masterCardPickup'],
  [MASTER_CARD_PICKUP_METADATA.pickupDate, 'concept.pickupDate'],
  [ENCOUNTER_ROLES.unknown, 'encounterRole.unknown'],
  [ENCOUNTER_ROLES.pharmacist, 'encounterRole.pharmacist'],
  [TARV_PROGRAM, 'program.tarvTreatment'],
  [NID_IDENTIFIER_TYPE, 'identifierType.nid'],
])('%s is %s', (uuid, code) => {
  expect(uuid).toBe(uuidOf(code));
});
