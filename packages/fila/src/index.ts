export {
  buildFila,
  dispensationProblems,
  dispenseModeForDays,
  nextPickupFor,
  posologyText,
  DISPENSE_MODE_DAYS,
  MAX_SUPPLY_DAYS,
  type DispensedDrug,
  type Dispensation,
  type DispensingEncounter,
  type DispenseMode,
  type FilaEncounter,
  type Problem,
  type ProblemCode,
  type RestObs,
} from './fila';
export { filaEdits, type ObsEdit, type SavedObs } from './edit';
export { buildFilt, filtProblems, type TptDispensation, type TptPatientType, type TptRegimen } from './filt';
export { addDays, dayOf, daysBetween, isDay, isWeekend } from './dates';
export {
  ENCOUNTER_ROLES,
  FILA_METADATA,
  FILT_METADATA,
  MASTER_CARD_PICKUP_METADATA,
  NID_IDENTIFIER_TYPE,
  TARV_PROGRAM,
} from './metadata';
