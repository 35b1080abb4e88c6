import type { Row } from '../database';
import { fhirInstant } from '../dates';
import type { RequestContext } from '../rest/context';
import { personDisplay } from '../rest/resources/person';
import { idOf, prune, SearchFilter, type FhirType, type SearchSql } from './types';

// fhir2's EncounterTranslator for encounters (visits, also Encounters there, are not served yet):
// the type under the encounter-type code system, participants as Practitioners, partOf the visit.

const TYPE_SYSTEM = 'http://fhir.openmrs.org/code-system/encounter-type';

async function toFhir(row: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const type = await ctx.row('encountertype', row.encounter_type);
  const patient = await ctx.row('person', row.patient_id);
  const location = await ctx.row('location', row.location_id);
  const visit = await ctx.row('visit', row.visit_id);
  const providers = await ctx.sql.rows(
    `SELECT p.* FROM encounter_provider ep JOIN provider p ON p.provider_id = ep.provider_id
     WHERE ep.encounter_id = ? AND ep.voided = 0 ORDER BY ep.encounter_provider_id`,
    [row.encounter_id],
  );
  const provider = ctx.resource('provider');
  return prune({
    resourceType: 'Encounter',
    id: row.uuid,
    meta: {
      lastUpdated: fhirInstant(row.date_changed ?? row.date_created),
      tag: [{ system: 'http://fhir.openmrs.org/ext/encounter-tag', code: 'encounter', display: 'Encounter' }],
    },
    status: 'unknown',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    type: type && [{ coding: [{ system: TYPE_SYSTEM, code: type.uuid, display: type.name }] }],
    subject: patient && {
      reference: `Patient/${String(patient.uuid)}`,
      type: 'Patient',
      display: await personDisplay(row.patient_id, ctx),
    },
    participant: await Promise.all(
      providers.map(async (p) => ({
        individual: {
          reference: `Practitioner/${String(p.uuid)}`,
          type: 'Practitioner',
          display: await provider.display(p, ctx),
        },
      })),
    ),
    period: { start: fhirInstant(row.encounter_datetime) },
    location: location && [
      { location: { reference: `Location/${String(location.uuid)}`, type: 'Location', display: location.name } },
    ],
    partOf: visit && { reference: `Encounter/${String(visit.uuid)}`, type: 'Encounter' },
  });
}

function search(params: URLSearchParams): SearchSql {
  const descending = params.get('_sort') === '-date';
  return new SearchFilter(params, 't.voided = 0')
    .anyOf('_id', 't.uuid = ?')
    .patient('t.patient_id')
    .anyOf('type', 't.encounter_type = (SELECT et.encounter_type_id FROM encounter_type et WHERE et.uuid = ?)')
    .anyOf('location', 't.location_id = (SELECT l.location_id FROM location l WHERE l.uuid = ?)', idOf)
    .sql(descending ? 't.encounter_datetime DESC, t.encounter_id DESC' : 't.encounter_datetime, t.encounter_id');
}

export const Encounter: FhirType = {
  table: 'encounter',
  privilege: 'Get Encounters',
  toFhir,
  search,
};
