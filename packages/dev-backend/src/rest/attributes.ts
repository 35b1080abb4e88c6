import { metadataResource } from './metadata';
import type { Privileges, Resource } from './resource';

// BaseAttributeTypeCrudResource1_9 and BaseAttributeCrudResource1_9: the attribute types of
// locations, visits… (name, occurrences, datatype, handler) and their attributes, reached as
// <owner>/<uuid>/attribute. Values are shown as stored (value_reference): the types configured
// here are free text.

export interface AttributeSpec {
  /** e.g. 'location', 'visit': tables <owner>_attribute and <owner>_attribute_type. */
  owner: string;
  /** The owner's table key column, e.g. 'visit_id'. */
  ownerKey: string;
  typePrivileges: Privileges;
  /** Each change saves the owner; an attribute cannot be purged (UnsupportedOperationException). */
  attributePrivileges: Privileges;
  /** resourceVersion of both (1.9 unless given). */
  version?: string;
}

export function attributeResources(spec: AttributeSpec): { type: Resource; attribute: Resource } {
  const typeName = `${spec.owner}attributetype`;
  const type = metadataResource({
    name: typeName,
    version: spec.version ?? '1.9',
    table: `${spec.owner}_attribute_type`,
    key: `${spec.owner}_attribute_type_id`,
    privileges: spec.typePrivileges,
    properties: {
      minOccurs: { column: 'min_occurs', type: 'number' },
      maxOccurs: { column: 'max_occurs', type: 'number' },
      datatypeClassname: { column: 'datatype' },
      datatypeConfig: { column: 'datatype_config' },
      preferredHandlerClassname: { column: 'preferred_handler' },
      handlerConfig: { column: 'handler_config' },
    },
    fields: 'minOccurs,maxOccurs,datatypeClassname,datatypeConfig,preferredHandlerClassname,handlerConfig',
    creatable: [
      'minOccurs',
      'maxOccurs',
      'datatypeClassname',
      'datatypeConfig',
      'preferredHandlerClassname',
      'handlerConfig',
    ],
    required: ['name', 'datatypeClassname'],
  });
  const attribute: Resource = {
    name: `${spec.owner}attribute`,
    parent: { resource: spec.owner, path: 'attribute', column: spec.ownerKey },
    version: spec.version ?? '1.9',
    kind: 'data',
    table: { name: `${spec.owner}_attribute`, key: `${spec.owner}_attribute_id` },
    properties: {
      attributeType: { column: 'attribute_type_id', resource: typeName },
      value: { column: 'value_reference' },
    },
    representations: {
      default: 'uuid,display,attributeType:ref,value,voided',
      full: 'uuid,display,attributeType:ref,value,voided,auditInfo',
    },
    display: async (row, ctx) => {
      const attributeType = await ctx.row(typeName, row.attribute_type_id);
      return `${String(attributeType?.name ?? '')}: ${String(row.value_reference)}`;
    },
    privileges: spec.attributePrivileges,
    failing: { purge: `Cannot purge ${spec.owner[0].toUpperCase()}${spec.owner.slice(1)}Attribute` },
    creatable: ['attributeType', 'value'],
    required: ['attributeType', 'value'],
  };
  return { type, attribute };
}
