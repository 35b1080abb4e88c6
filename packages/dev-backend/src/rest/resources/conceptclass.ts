import { metadataResource, metadataPrivileges } from '../metadata';

// ConceptClassResource 1.8.
export const conceptclass = metadataResource({
  name: 'conceptclass',
  version: '1.8',
  table: 'concept_class',
  key: 'concept_class_id',
  privileges: metadataPrivileges('Get Concept Classes', 'Manage Concept Classes', 'Purge Concept Classes'),
});
