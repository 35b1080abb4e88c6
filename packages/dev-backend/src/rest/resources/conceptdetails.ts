import type { Row } from '../../database';
import { attributeResources } from '../attributes';
import type { RequestContext } from '../context';
import { metadataResource, metadataPrivileges } from '../metadata';
import type { Resource, Privileges } from '../resource';
import { NOBODY_CHECKED } from '../resource';

// What a concept's default and full representations hold besides names: descriptions
// (ConceptDescriptionResource1_8, concept/<uuid>/description), mappings to reference terms
// (ConceptMapResource1_9, concept/<uuid>/mapping, with ConceptReferenceTermResource1_9,
// ConceptSourceResource2_1 and ConceptMapTypeResource1_9) and attributes (ConceptAttributeResource2_0).
// Read-only here: the distro's concepts come from Initializer.

/** What the concept's own parts need: saving the concept (ConceptService.saveConcept). */
const CONCEPT_PART: Privileges = {
  get: 'Get Concepts',
  create: 'Manage Concepts',
  update: 'Manage Concepts',
  delete: 'Manage Concepts',
  purge: 'Manage Concepts',
};

export const conceptdescription: Resource = {
  name: 'conceptdescription',
  parent: { resource: 'concept', path: 'description', column: 'concept_id' },
  version: '1.8',
  kind: 'data',
  table: { name: 'concept_description', key: 'concept_description_id' },
  properties: { description: { column: 'description' }, locale: { column: 'locale' } },
  representations: {
    ref: 'uuid,display',
    default: 'display,uuid,description,locale',
    full: 'uuid,description,locale,auditInfo',
  },
  display: (row) => row.description ?? '',
  privileges: CONCEPT_PART,
};

export const conceptsource = metadataResource({
  name: 'conceptsource',
  version: '2.1',
  table: 'concept_reference_source',
  key: 'concept_source_id',
  privileges: metadataPrivileges('Get Concept Sources', 'Manage Concept Sources', 'Purge Concept Sources'),
  properties: { hl7Code: { column: 'hl7_code' }, uniqueId: { column: 'unique_id' } },
  fields: 'uniqueId',
});

export const conceptmaptype = metadataResource({
  name: 'conceptmaptype',
  version: '1.9',
  table: 'concept_map_type',
  key: 'concept_map_type_id',
  privileges: metadataPrivileges('Get Concept Map Types', 'Manage Concept Map Types', 'Purge Concept Map Types'),
  properties: { isHidden: { column: 'is_hidden', type: 'boolean' } },
  fields: 'isHidden',
});

/** "<source>: <code>", then " (<name>)" when the term has one. */
async function termDisplay(term: Row | undefined, ctx: RequestContext): Promise<string> {
  const source = term && (await ctx.row('conceptsource', term.concept_source_id));
  if (!term || !source) return '';
  const name = String(term.name ?? '').trim();
  return `${String(source.name)}: ${String(term.code)}${name ? ` (${name})` : ''}`;
}

const term = metadataResource({
  name: 'conceptreferenceterm',
  version: '1.9',
  table: 'concept_reference_term',
  key: 'concept_reference_term_id',
  privileges: metadataPrivileges(
    'Get Concept Reference Terms',
    'Manage Concept Reference Terms',
    'Purge Concept Reference Terms',
  ),
  properties: {
    conceptSource: { column: 'concept_source_id', resource: 'conceptsource' },
    code: { column: 'code' },
    version: { column: 'version' },
  },
});
export const conceptreferenceterm: Resource = {
  ...term,
  representations: {
    default: 'uuid,display,name,conceptSource:ref,description,code,version,retired',
    full: 'uuid,display,name,conceptSource,description,code,version,retired,auditInfo',
  },
  display: (row, ctx) => termDisplay(row, ctx),
};

export const conceptmap: Resource = {
  name: 'conceptmap',
  parent: { resource: 'concept', path: 'mapping', column: 'concept_id' },
  version: '1.9',
  kind: 'data',
  table: { name: 'concept_reference_map', key: 'concept_map_id' },
  properties: {
    conceptReferenceTerm: { column: 'concept_reference_term_id', resource: 'conceptreferenceterm' },
    conceptMapType: { column: 'concept_map_type_id', resource: 'conceptmaptype' },
  },
  representations: {
    ref: 'uuid,display',
    default: 'display,uuid,conceptReferenceTerm:ref,conceptMapType:ref',
    full: 'display,uuid,conceptReferenceTerm,conceptMapType,auditInfo',
  },
  display: async (row, ctx) => termDisplay(await ctx.row('conceptreferenceterm', row.concept_reference_term_id), ctx),
  // RestHelperService.getObjectByUuid has no @Authorized; a mapping cannot be voided, and its purge
  // (ConceptMapResource1_8) removes it from the concept without saving.
  privileges: { get: NOBODY_CHECKED, create: 'Manage Concepts', update: 'Manage Concepts', purge: NOBODY_CHECKED },
};

export const { type: conceptattributetype, attribute: conceptattribute } = attributeResources({
  owner: 'concept',
  ownerKey: 'concept_id',
  typePrivileges: metadataPrivileges(
    'Get Concept Attribute Types',
    'Manage Concept Attribute Types',
    'Purge Concept Attribute Types',
  ),
  attributePrivileges: { ...CONCEPT_PART, purge: undefined },
  version: '2.0',
});
