import { attributeResources } from '../attributes';
import { metadataPrivileges } from '../metadata';

// VisitAttributeTypeResource1_9 and VisitAttributeResource1_9 (visit/<uuid>/attribute). The distro
// configures no visit attribute type; the chart's visit form reads the list and sends what is set.
export const { type: visitattributetype, attribute: visitattribute } = attributeResources({
  owner: 'visit',
  ownerKey: 'visit_id',
  typePrivileges: metadataPrivileges(
    'Get Visit Attribute Types',
    'Manage Visit Attribute Types',
    'Purge Visit Attribute Types',
  ),
  // Each change saves the visit.
  attributePrivileges: { get: 'Get Visits', create: 'Edit Visits', update: 'Edit Visits', delete: 'Edit Visits' },
});
