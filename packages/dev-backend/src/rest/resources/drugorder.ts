import type { Row } from '../../database';
import { conversionFailed, type FieldError } from '../../http/errors';
import { globalProperty } from '../../settings';
import type { RequestContext } from '../context';
import type { Resource } from '../resource';
import { conceptDisplay } from './concept';
import { subclassColumn, type Draft } from './orderdraft';

// DrugOrderSubclassHandler 1.12 and DrugOrderValidator. `dosingType` holds the class name of the
// dosing instructions (org.openmrs.SimpleDosingInstructions or org.openmrs.FreeTextDosingInstructions).

export const SIMPLE = 'org.openmrs.SimpleDosingInstructions';
export const FREE_TEXT = 'org.openmrs.FreeTextDosingInstructions';

const column = (name: string, col: string, kind: Parameters<typeof subclassColumn>[2]) =>
  subclassColumn(name, col, kind, ['drugorder']);

export const drugOrderProperties: Resource['properties'] = {
  drug: column('drug', 'drug_inventory_id', { resource: 'drug' }),
  // The class is loaded by name in OpenMRS; the two core dosing types are the ones this backend knows.
  dosingType: {
    get: column('dosingType', 'dosing_type', 'string').get,
    set: async (value, change, ctx) => {
      if (value !== null && value !== SIMPLE && value !== FREE_TEXT) {
        throw conversionFailed(`${JSON.stringify(value)} is not a dosing instructions class`);
      }
      await column('dosingType', 'dosing_type', 'string').set?.(value, change, ctx);
    },
  },
  dose: column('dose', 'dose', 'number'),
  doseUnits: column('doseUnits', 'dose_units', { resource: 'concept' }),
  frequency: column('frequency', 'frequency', { resource: 'orderfrequency' }),
  asNeeded: column('asNeeded', 'as_needed', 'boolean'),
  asNeededCondition: column('asNeededCondition', 'as_needed_condition', 'string'),
  quantity: column('quantity', 'quantity', 'number'),
  quantityUnits: column('quantityUnits', 'quantity_units', { resource: 'concept' }),
  numRefills: column('numRefills', 'num_refills', 'integer'),
  // A transient DrugOrder field: OpenMRS accepts it and stores nothing.
  administrationInstructions: { get: () => null, set: () => undefined },
  dosingInstructions: column('dosingInstructions', 'dosing_instructions', 'string'),
  duration: column('duration', 'duration', 'integer'),
  durationUnits: column('durationUnits', 'duration_units', { resource: 'concept' }),
  route: column('route', 'route', { resource: 'concept' }),
  brandName: column('brandName', 'brand_name', 'string'),
  dispenseAsWritten: column('dispenseAsWritten', 'dispense_as_written', 'boolean'),
  drugNonCoded: column('drugNonCoded', 'drug_non_coded', 'string'),
};

export const DRUG_ORDER_CREATABLE = Object.keys(drugOrderProperties);

const FIELDS = (units: string) =>
  `drug:ref,dosingType,dose,doseUnits${units},frequency:ref,asNeeded,asNeededCondition,quantity,quantityUnits${units},numRefills,administrationInstructions,dosingInstructions,duration,durationUnits${units},route:ref,drugNonCoded`;
export const DRUG_ORDER_DEFAULT = FIELDS(':ref');
export const DRUG_ORDER_FULL = FIELDS('');

/** Java's Double.toString for the doses OpenMRS prints: 1 → "1.0". */
function javaDouble(value: unknown): string {
  const number = Number(value);
  return Number.isInteger(number) ? `${number}.0` : String(number);
}

/** "(NEW) <drug>: <dosing instructions>", as DrugOrderSubclassHandler shows it. */
export async function drugOrderDisplay(row: Row, ctx: RequestContext): Promise<string> {
  const sub = (await ctx.loader.load('drug_order', 'order_id', row.order_id)) ?? {};
  const drug = await ctx.row('drug', sub.drug_inventory_id);
  let text = `(${String(row.order_action)}) ${drug ? String(drug.name) : await conceptDisplay(row.concept_id, ctx)}`;
  if (row.order_action !== 'DISCONTINUE' && sub.dosing_type) {
    text += `: ${await instructions(sub, ctx)}`;
  }
  return text;
}

/** DosingInstructions.getDosingInstructionsAsString of the two core dosing types. */
async function instructions(sub: Row, ctx: RequestContext): Promise<string> {
  if (sub.dosing_type !== SIMPLE) return String(sub.dosing_instructions ?? '');
  const name = async (conceptId: unknown) => (conceptId ? await conceptDisplay(conceptId, ctx) : '');
  const frequency = await ctx.row('orderfrequency', sub.frequency);
  const parts = [
    javaDouble(sub.dose),
    await name(sub.dose_units),
    await name(sub.route),
    await name(frequency?.concept_id),
  ];
  if (sub.duration !== null && sub.duration !== undefined)
    parts.push(String(sub.duration), await name(sub.duration_units));
  if (Number(sub.as_needed) === 1) {
    parts.push('PRN');
    if (sub.as_needed_condition) parts.push(String(sub.as_needed_condition));
  }
  return parts.join(' ');
}

/** Members of the concept set a global property names; empty when the property is not set. */
async function allowed(property: string, ctx: RequestContext): Promise<unknown[]> {
  const uuid = await globalProperty(ctx.sql, property, '');
  if (!uuid) return [];
  const rows = await ctx.sql.rows(
    'SELECT s.concept_id FROM concept_set s JOIN concept c ON c.concept_id = s.concept_set WHERE c.uuid = ?',
    [uuid],
  );
  return rows.map((r) => r.concept_id);
}

const blank = (value: unknown) => value === null || value === undefined || value === '';

/** DrugOrderValidator and the dosing type's own validate. `order` holds the orders row being saved. */
export async function validateDrugOrder(
  order: Row,
  draft: Draft,
  ctx: RequestContext,
): Promise<Record<string, FieldError[]>> {
  const sub = draft.sub;
  const errors: Record<string, FieldError[]> = {};
  const reject = (field: string, code: string, message: string) => {
    (errors[field] ??= []).push({ code, message });
  };
  const discontinue = order.order_action === 'DISCONTINUE';
  if (!discontinue && blank(sub.dosing_type)) reject('dosingType', 'error.null', 'Cannot be empty or null');
  const drug = await ctx.row('drug', sub.drug_inventory_id);
  if (!drug && blank(order.concept_id)) reject('concept', 'error.null', 'Cannot be empty or null');
  if (drug && !blank(order.concept_id) && drug.concept_id !== order.concept_id) {
    reject('drug', 'error.general', 'Error while submitting form');
    reject('concept', 'error.concept', 'Invalid concept');
  }
  if (!discontinue && sub.dosing_type === SIMPLE) {
    if (blank(sub.dose))
      reject('dose', 'DrugOrder.error.doseIsNullForDosingTypeSimple', 'Dose is required for simple dosing type');
    if (blank(sub.dose_units))
      reject(
        'doseUnits',
        'DrugOrder.error.doseUnitsIsNullForDosingTypeSimple',
        'Dose units is required for simple dosing type',
      );
    if (blank(sub.route))
      reject('route', 'DrugOrder.error.routeIsNullForDosingTypeSimple', 'Route is required for simple dosing type');
    if (blank(sub.frequency))
      reject(
        'frequency',
        'DrugOrder.error.frequencyIsNullForDosingTypeSimple',
        'Frequency is required for simple dosing type',
      );
  } else if (!discontinue && sub.dosing_type === FREE_TEXT && blank(sub.dosing_instructions)) {
    reject(
      'dosingInstructions',
      'DrugOrder.error.dosingInstructionsIsNullForDosingTypeFreeText',
      'Dosing instructions is required if dosing type is FreeText',
    );
  }
  const careSetting = await ctx.row('caresetting', order.care_setting);
  const requireQuantity = (await globalProperty(ctx.sql, 'drugOrder.requireOutpatientQuantity', 'true')) === 'true';
  if (!discontinue && careSetting?.care_setting_type === 'OUTPATIENT' && requireQuantity) {
    if (blank(sub.quantity))
      reject(
        'quantity',
        'DrugOrder.error.quantityIsNullForOutPatient',
        'Quantity is required for out patient drug orders',
      );
    if (blank(sub.num_refills))
      reject(
        'numRefills',
        'DrugOrder.error.numRefillsIsNullForOutPatient',
        'Number of refills is required for out patient drug orders',
      );
  }
  if (!blank(sub.dose)) {
    if (blank(sub.dose_units))
      reject('doseUnits', 'DrugOrder.error.doseUnitsRequiredWithDose', 'Dose Units is required when dose is specified');
    if (Number(sub.dose) <= 0) reject('dose', 'DrugOrder.error.doseZeroOrLess', 'Dose should be greater than 0');
  }
  if (!blank(sub.quantity) && blank(sub.quantity_units))
    reject(
      'quantityUnits',
      'DrugOrder.error.quantityUnitsRequiredWithQuantity',
      'Quantity units is required when quantity is specified',
    );
  if (!blank(sub.duration) && blank(sub.duration_units))
    reject(
      'durationUnits',
      'DrugOrder.error.durationUnitsRequiredWithDuration',
      'Durations units is required when duration is specified',
    );
  await validateUnits(sub, reject, ctx);
  const requireDrug = (await globalProperty(ctx.sql, 'drugOrder.requireDrug', 'false')) === 'true';
  if (requireDrug && !drug) reject('drug', 'DrugOrder.error.drugIsRequired', 'Drug is required');
  for (const [field, col] of [
    ['asNeededCondition', 'as_needed_condition'],
    ['brandName', 'brand_name'],
  ]) {
    if (typeof sub[col] === 'string' && sub[col].length > 255)
      reject(field, 'error.exceededMaxLengthOfField', 'Exceeded maximum length of field (255)');
  }
  return errors;
}

/** Units must be members of the concept sets the order.* global properties name (dispensing units also take dosing units). */
async function validateUnits(
  sub: Row,
  reject: (field: string, code: string, message: string) => void,
  ctx: RequestContext,
): Promise<void> {
  const dosing = await allowed('order.drugDosingUnitsConceptUuid', ctx);
  const notAllowed = 'The units concept must be among allowed concepts';
  if (!blank(sub.dose_units) && !dosing.includes(sub.dose_units))
    reject('doseUnits', 'DrugOrder.error.notAmongAllowedConcepts', notAllowed);
  const dispensing = [...(await allowed('order.drugDispensingUnitsConceptUuid', ctx)), ...dosing];
  if (!blank(sub.quantity_units) && !dispensing.includes(sub.quantity_units))
    reject('quantityUnits', 'DrugOrder.error.notAmongAllowedConcepts', notAllowed);
  if (
    !blank(sub.duration_units) &&
    !(await allowed('order.durationUnitsConceptUuid', ctx)).includes(sub.duration_units)
  )
    reject('durationUnits', 'DrugOrder.error.notAmongAllowedConcepts', notAllowed);
  if (!blank(sub.route) && !(await allowed('order.drugRoutesConceptUuid', ctx)).includes(sub.route)) {
    reject(
      'route',
      'DrugOrder.error.routeNotAmongAllowedConcepts',
      'The route concept must be among allowed concepts as specified by the order.drugRoutesConceptUuid global property',
    );
  }
}

/** Used by the order resource to decide a posted drug order's concept: the drug's, when none is given. */
export async function drugConcept(draft: Draft, ctx: RequestContext): Promise<unknown> {
  return (await ctx.row('drug', draft.sub.drug_inventory_id))?.concept_id;
}
