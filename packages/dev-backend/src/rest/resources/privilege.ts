import type { Resource } from '../resource';
import { metadataPrivileges } from '../metadata';

export const privilege: Resource = {
  name: 'privilege',
  version: '1.8',
  kind: 'metadata',
  table: { name: 'privilege', key: 'privilege' },
  properties: { name: { column: 'privilege' }, description: { column: 'description' } },
  representations: {
    default: 'uuid,display,name,description,retired',
    full: 'uuid,display,name,description,retired',
  },
  display: (row) => row.privilege,
  // UserService.getAllPrivileges needs Manage Privileges.
  privileges: metadataPrivileges('Get Privileges', 'Manage Privileges', 'Purge Privileges', 'Manage Privileges'),
  list: () => ({ orderBy: 't.privilege' }),
};
