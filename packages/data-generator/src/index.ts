export { day, iso, type Day } from './dates';
export { generateFacility, SIZES, type GenerateOptions, type GenerateResult } from './generate';
export type * from './model';
export { ART_START_CUTOVER, simulateFacility, type FacilityPlan } from './simulate';
