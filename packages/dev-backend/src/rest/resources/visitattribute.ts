import { attributeResources } from '../attributes';

// VisitAttributeTypeResource1_9 and VisitAttributeResource1_9 (visit/<uuid>/attribute). The distro
// configures no visit attribute type; the chart's visit form reads the list and sends what is set.
export const { type: visitattributetype, attribute: visitattribute } = attributeResources({
  owner: 'visit',
  ownerKey: 'visit_id',
  typePrivileges: { read: 'Get Visit Attribute Types', write: 'Manage Visit Attribute Types' },
  attributePrivileges: { read: 'Get Visits', write: 'Edit Visits' },
});
