import fs from 'node:fs';
import path from 'node:path';
import type { Connection, Pool } from 'mysql2/promise';
import { parseCsv } from './csv';
import { DEFAULT_CONFIG_DIR } from './load';

/**
 * Metadata term mappings (the metadatamapping module's model, Initializer domain
 * "metadatatermmappings"): code names such as "concept.nextPickupDate" for metadata uuids.
 * Code refers to metadata through these names; the uuids live only in the configuration.
 */
export interface MetadataTerm {
  source: string;
  code: string;
  className: string;
  uuid: string;
}

export const TERMS_FOLDER = 'metadatatermmappings';
export const POC_TERM_SOURCE = 'poc-emr';

/** The OpenMRS table, and the configuration folder, behind each metadata class a term may point at. */
export const METADATA_TABLES: Record<string, { table: string; id: string; domain: string }> = {
  'org.openmrs.Concept': { table: 'concept', id: 'concept_id', domain: 'concepts' },
  'org.openmrs.Drug': { table: 'drug', id: 'drug_id', domain: 'drugs' },
  'org.openmrs.EncounterType': { table: 'encounter_type', id: 'encounter_type_id', domain: 'encountertypes' },
  'org.openmrs.EncounterRole': { table: 'encounter_role', id: 'encounter_role_id', domain: 'encounterroles' },
  'org.openmrs.Form': { table: 'form', id: 'form_id', domain: 'forms' },
  'org.openmrs.Location': { table: 'location', id: 'location_id', domain: 'locations' },
  'org.openmrs.LocationAttributeType': {
    table: 'location_attribute_type',
    id: 'location_attribute_type_id',
    domain: 'attributetypes',
  },
  'org.openmrs.PatientIdentifierType': {
    table: 'patient_identifier_type',
    id: 'patient_identifier_type_id',
    domain: 'patientidentifiertypes',
  },
  'org.openmrs.PersonAttributeType': {
    table: 'person_attribute_type',
    id: 'person_attribute_type_id',
    domain: 'personattributetypes',
  },
  'org.openmrs.Program': { table: 'program', id: 'program_id', domain: 'programs' },
  'org.openmrs.ProgramWorkflow': { table: 'program_workflow', id: 'program_workflow_id', domain: 'programworkflows' },
  'org.openmrs.ProgramWorkflowState': {
    table: 'program_workflow_state',
    id: 'program_workflow_state_id',
    domain: 'programworkflowstates',
  },
  'org.openmrs.VisitType': { table: 'visit_type', id: 'visit_type_id', domain: 'visittypes' },
};

/** Reads every term of one source, keyed by code. */
export function readTerms(configDir = DEFAULT_CONFIG_DIR, source = POC_TERM_SOURCE): Map<string, MetadataTerm> {
  const dir = path.join(configDir, TERMS_FOLDER);
  const terms = new Map<string, MetadataTerm>();
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const table = parseCsv(fs.readFileSync(path.join(dir, file), 'utf8'));
    const col = (name: string) => table.headers.indexOf(name);
    const [src, code, cls, uuid] = ['Mapping source', 'Mapping code', 'Metadata class name', 'Metadata uuid'].map(col);
    for (const r of table.records) {
      if (r.cells[src] !== source) continue;
      terms.set(r.cells[code], { source, code: r.cells[code], className: r.cells[cls], uuid: r.cells[uuid] });
    }
  }
  return terms;
}

/**
 * Resolves terms to the integer ids of one database, by uuid. A missing uuid is an error that names
 * the term, the uuid and the database, so a facility lacking metadata is reported, not miscounted.
 */
export async function resolveTermIds(
  db: Connection | Pool,
  database: string,
  codes: readonly string[],
  terms: Map<string, MetadataTerm> = readTerms(),
): Promise<Map<string, number>> {
  const byTable = new Map<string, MetadataTerm[]>();
  for (const code of codes) {
    const term = terms.get(code);
    if (!term) throw new Error(`Unknown metadata term "${code}" (not in ${TERMS_FOLDER}/)`);
    const target = METADATA_TABLES[term.className];
    if (!target) throw new Error(`Metadata term "${code}": unsupported class ${term.className}`);
    byTable.set(target.table, [...(byTable.get(target.table) ?? []), term]);
  }
  const ids = new Map<string, number>();
  for (const [table, list] of byTable) {
    const { id } = Object.values(METADATA_TABLES).find((t) => t.table === table)!;
    const [rows] = (await db.query(`SELECT uuid, ${id} AS id FROM \`${database}\`.${table} WHERE uuid IN (?)`, [
      list.map((t) => t.uuid),
    ])) as unknown as [Array<{ uuid: string; id: number }>];
    const found = new Map(rows.map((r) => [r.uuid, r.id]));
    for (const term of list) {
      const value = found.get(term.uuid);
      if (value === undefined) {
        throw new Error(`Database ${database} lacks ${term.className} ${term.uuid} (metadata term "${term.code}")`);
      }
      ids.set(term.code, value);
    }
  }
  return ids;
}
