import fs from 'node:fs';
import path from 'node:path';
import type { Row } from '../../database';
import type { RequestContext } from '../context';
import type { Resource } from '../resource';
import { LOGGED_IN } from '../resource';

// ModuleResource over the modules the distribution pins: `omod.<id>=<version>` lines of
// distro/distro.properties, read on every request so edits show without a restart.

/** Without a distro.properties the two modules every O3 backend check needs still answer. */
const WITHOUT_DISTRO = { 'webservices.rest': '2.50.0', fhir2: '2.8.0' };

/** The `key=value` lines of distro/distro.properties; none without the file. */
export function readDistroProperties(distroDir: string): Array<readonly [string, string]> {
  const file = path.join(distroDir, 'distro.properties');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => /^\s*([^#=\s][^=\s]*)\s*=\s*(\S+)\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1], m[2]] as const);
}

export function readModules(distroDir: string): Row[] {
  const properties = readDistroProperties(distroDir);
  if (!properties.length) return toRows(WITHOUT_DISTRO);
  const entries = properties
    .filter(([key]) => key.startsWith('omod.'))
    .map(([key, value]) => [key.slice('omod.'.length), value] as const);
  const keys = new Set(entries.map(([key]) => key));
  // `omod.<id>.groupId` and `omod.<id>.type` describe module <id>; they are not modules themselves.
  const isAttribute = (key: string) => [...keys].some((id) => key.startsWith(`${id}.`));
  return toRows(Object.fromEntries(entries.filter(([key]) => !isAttribute(key))));
}

// The distro only knows ids and versions: the id stands in for the module's name.
function toRows(versions: Record<string, string>): Row[] {
  return Object.entries(versions).map(([id, version]) => ({ uuid: id, name: id, version, started: true }));
}

export const moduleResource: Resource = {
  name: 'module',
  version: '1.8',
  kind: 'metadata',
  properties: {
    name: { column: 'name' },
    description: { get: () => null },
    version: { column: 'version' },
    started: { column: 'started', type: 'boolean' },
    startupErrorMessage: { get: () => null },
  },
  representations: {
    ref: 'uuid,display',
    default: 'uuid,display,name,description,version,started,startupErrorMessage',
    full: 'uuid,display,name,description,version,started,startupErrorMessage',
  },
  display: (row) => row.name,
  // ModuleFactoryWrapper.checkReadonlyPrivilege: anyone logged in; MainResourceController casts the
  // readable-only resource to Creatable and the like and fails.
  privileges: { get: LOGGED_IN },
  failing: Object.fromEntries(
    (['create', 'update', 'delete', 'undelete', 'purge'] as const).map((op) => [
      op,
      'ModuleResource1_8 cannot be changed',
    ]),
  ),
  find: async (id, ctx: RequestContext) => readModules(ctx.backend.distroDir).find((m) => m.uuid === id),
  list: (ctx) => ({ rows: readModules(ctx.backend.distroDir) }),
};
