import { metadataResource } from '../metadata';

// ConceptDatatypeResource 1.8: read-only in practice; hl7Abbreviation beside the name.
export const conceptdatatype = metadataResource({
  name: 'conceptdatatype',
  version: '1.8',
  table: 'concept_datatype',
  key: 'concept_datatype_id',
  // ConceptDatatypeResource2_0: read-only.
  privileges: { get: 'Get Concept Datatypes' },
  properties: { hl7Abbreviation: { column: 'hl7_abbreviation' } },
  fields: 'hl7Abbreviation',
  creatable: ['hl7Abbreviation'],
});
