import type { Row } from '../database';
import { fhirInstant } from '../dates';
import type { RequestContext } from '../rest/context';
import { conceptDisplay } from '../rest/resources/concept';
import { personDisplay } from '../rest/resources/person';
import { idOf, prune, SearchFilter, type FhirType, type SearchSql } from './types';

// fhir2's ObservationTranslator: code and coded values by concept uuid, the value by the column
// that holds it, the subject, encounter and group members as references.

/** A concept as a CodeableConcept: its uuid without a system, its name as display and text. */
export async function codeableConcept(conceptId: unknown, ctx: RequestContext): Promise<Record<string, unknown>> {
  const concept = await ctx.row('concept', conceptId);
  const display = await conceptDisplay(conceptId, ctx);
  return { coding: [{ code: concept?.uuid, display }], text: display };
}

async function value(row: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  if (row.value_coded !== null && row.value_coded !== undefined) {
    return { valueCodeableConcept: await codeableConcept(row.value_coded, ctx) };
  }
  if (row.value_numeric !== null && row.value_numeric !== undefined) {
    const numeric = await ctx.loader.load('concept_numeric', 'concept_id', row.concept_id);
    const units = numeric?.units as string | null | undefined;
    const ucum = typeof units === 'string' && UCUM.has(units);
    const value = Number(row.value_numeric);
    return {
      valueQuantity: prune({
        value: numeric && Number(numeric.allow_decimal) !== 1 ? Math.trunc(value) : value,
        unit: units,
        system: ucum ? 'http://unitsofmeasure.org' : undefined,
        code: ucum ? units : undefined,
      }),
    };
  }
  if (row.value_datetime !== null && row.value_datetime !== undefined) {
    return { valueDateTime: fhirInstant(row.value_datetime) };
  }
  if (row.value_text !== null && row.value_text !== undefined) return { valueString: row.value_text };
  return {};
}

/**
 * Units fhir2 codes as UCUM (its UcumService validates them); the others are shown as a bare unit.
 * The distro's concepts use these and mmHg, bpm, rpm, °C, kg/m², which are not UCUM codes.
 */
const UCUM = new Set(['kg', 'g', 'mg', 'cm', 'mm', 'm', '%', 'mL', 'L', 'h', 'd', 'min', '/min', 'mm[Hg]', 'Cel']);

/** ObservationCategoryTranslator with fhir2's default map of concept classes. */
const CATEGORIES: Record<string, string> = {
  '8d4907b2-c2cc-11de-8d13-0010c6dffd0f': 'laboratory',
  '8d490bf4-c2cc-11de-8d13-0010c6dffd0f': 'procedure',
  '8d491a9a-c2cc-11de-8d13-0010c6dffd0f': 'exam',
};

async function category(conceptId: unknown, ctx: RequestContext): Promise<Row[]> {
  const concept = await ctx.row('concept', conceptId);
  const conceptClass = await ctx.row('conceptclass', concept?.class_id);
  const code = conceptClass && CATEGORIES[String(conceptClass.uuid)];
  if (!code) return [];
  const display = code.charAt(0).toUpperCase() + code.slice(1);
  return [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code, display }] }];
}

/** ObservationInterpretationTranslator: the v3 code and the status in words. */
const INTERPRETATIONS: Record<string, string> = {
  NORMAL: 'N',
  ABNORMAL: 'A',
  CRITICALLY_ABNORMAL: 'AA',
  CRITICALLY_HIGH: 'HH',
  CRITICALLY_LOW: 'LL',
  HIGH: 'H',
  LOW: 'L',
  OFF_SCALE_LOW: '<',
  OFF_SCALE_HIGH: '>',
  POSITIVE: 'POS',
  NEGATIVE: 'NEG',
};

function interpretation(value: unknown): Row[] {
  const code = typeof value === 'string' ? INTERPRETATIONS[value] : undefined;
  if (!code) return [];
  const display = String(value)
    .split('_')
    .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
    .join(' ');
  return [
    {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code, display }],
      text: display,
    },
  ];
}

/** ObservationReferenceRangeTranslator 2.7: the obs's own range, else the concept's. */
async function referenceRange(row: Row, ctx: RequestContext): Promise<Row[]> {
  const numeric = await ctx.loader.load('concept_numeric', 'concept_id', row.concept_id);
  if (!numeric || row.value_numeric === null) return [];
  const range = (await ctx.loader.load('obs_reference_range', 'obs_id', row.obs_id)) ?? numeric;
  const whole = Number(numeric.allow_decimal) !== 1;
  const bound = (v: unknown) =>
    v === null || v === undefined ? undefined : { value: whole ? Math.trunc(Number(v)) : Number(v) };
  const kinds: Array<[string, string, string]> = [
    ['normal', 'normal', 'http://terminology.hl7.org/CodeSystem/referencerange-meaning'],
    ['critical', 'treatment', 'http://terminology.hl7.org/CodeSystem/referencerange-meaning'],
    ['absolute', 'absolute', 'http://fhir.openmrs.org/ext/obs/reference-range'],
  ];
  return kinds
    .filter(([k]) => range[`hi_${k}`] !== null || range[`low_${k}`] !== null)
    .map(([k, code, system]) =>
      prune({ low: bound(range[`low_${k}`]), high: bound(range[`hi_${k}`]), type: { coding: [{ system, code }] } }),
    );
}

async function toFhir(row: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const person = await ctx.row('person', row.person_id);
  const encounter = await ctx.row('encounter', row.encounter_id);
  const members = await ctx.sql.rows('SELECT uuid FROM obs WHERE obs_group_id = ? AND voided = 0 ORDER BY obs_id', [
    row.obs_id,
  ]);
  return prune({
    resourceType: 'Observation',
    id: row.uuid,
    meta: { lastUpdated: fhirInstant(row.date_changed ?? row.date_created) },
    status: String(row.status ?? 'FINAL').toLowerCase(),
    category: await category(row.concept_id, ctx),
    code: await codeableConcept(row.concept_id, ctx),
    subject: person && {
      reference: `Patient/${String(person.uuid)}`,
      type: 'Patient',
      display: await personDisplay(row.person_id, ctx),
    },
    encounter: encounter && { reference: `Encounter/${String(encounter.uuid)}`, type: 'Encounter' },
    effectiveDateTime: fhirInstant(row.obs_datetime),
    issued: fhirInstant(row.date_created),
    ...(await value(row, ctx)),
    interpretation: interpretation(row.interpretation),
    referenceRange: await referenceRange(row, ctx),
    hasMember: members.map((m) => ({ reference: `Observation/${String(m.uuid)}`, type: 'Observation' })),
  });
}

function search(params: URLSearchParams): SearchSql {
  const descending = params.get('_sort') === '-date';
  return new SearchFilter(params, 't.voided = 0')
    .anyOf('_id', 't.uuid = ?')
    .patient('t.person_id')
    .anyOf('code', 't.concept_id = (SELECT c.concept_id FROM concept c WHERE c.uuid = ?)')
    .anyOf('encounter', 't.encounter_id = (SELECT e.encounter_id FROM encounter e WHERE e.uuid = ?)', idOf)
    .sql(descending ? 't.obs_datetime DESC, t.obs_id DESC' : 't.obs_datetime, t.obs_id');
}

export const Observation: FhirType = {
  table: 'obs',
  privilege: 'Get Observations',
  toFhir,
  search,
};
