import { attributeResources } from '../attributes';

// A location's attributes (the 7-digit Health Facility Code), reached as location/<uuid>/attribute.
export const { type: locationattributetype, attribute: locationattribute } = attributeResources({
  owner: 'location',
  ownerKey: 'location_id',
  typePrivileges: { read: 'Get Location Attribute Types', write: 'Manage Location Attribute Types' },
  attributePrivileges: { read: 'Get Locations', write: 'Manage Locations' },
});
