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
    const units = (await ctx.loader.load('concept_numeric', 'concept_id', row.concept_id))?.units;
    return {
      valueQuantity: prune({
        value: Number(row.value_numeric),
        unit: units,
        system: units ? 'http://unitsofmeasure.org' : undefined,
        code: units,
      }),
    };
  }
  if (row.value_datetime !== null && row.value_datetime !== undefined) {
    return { valueDateTime: fhirInstant(row.value_datetime) };
  }
  if (row.value_text !== null && row.value_text !== undefined) return { valueString: row.value_text };
  return {};
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
