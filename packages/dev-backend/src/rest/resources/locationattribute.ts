import { attributeResources } from '../attributes';
import { metadataPrivileges } from '../metadata';

// A location's attributes (the 7-digit Health Facility Code), reached as location/<uuid>/attribute.
export const { type: locationattributetype, attribute: locationattribute } = attributeResources({
  owner: 'location',
  ownerKey: 'location_id',
  typePrivileges: metadataPrivileges(
    'Get Location Attribute Types',
    'Manage Location Attribute Types',
    'Purge Location Attribute Types',
  ),
  // Each change saves the location.
  attributePrivileges: {
    get: 'Get Locations',
    create: 'Manage Locations',
    update: 'Manage Locations',
    delete: 'Manage Locations',
  },
});
