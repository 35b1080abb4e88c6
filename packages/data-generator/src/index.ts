export { day, iso, today, type Day } from './dates';
export { progressBar } from './progress';
export { generateFacility, SIZES, type GenerateOptions, type GenerateResult } from './generate';
export type * from './model';
export { ART_START_CUTOVER, simulateFacility, type FacilityPlan } from './simulate';
