import { metadataResource } from '../metadata';

// ConceptClassResource 1.8.
export const conceptclass = metadataResource({
  name: 'conceptclass',
  version: '1.8',
  table: 'concept_class',
  key: 'concept_class_id',
  privileges: { read: 'Get Concept Classes', write: 'Manage Concept Classes' },
});
