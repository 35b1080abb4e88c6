import os from 'node:os';
import { ok } from '../../http/reply';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';
import { readDistroProperties, readModules } from './module';

// SystemInformationResource1_8 (GET /systeminformation): AdministrationService.getSystemInformation, which
// requires "View Administration Functions", as {"systemInfo": {<section>: {<key>: <value>}}} with core's
// message keys. Core's version is the war the distro pins; a module is "<version> " when started, as core
// writes it. This backend is no JVM: the Java keys describe the Node.js runtime standing in for it.

const SECTION = 'SystemInfo.title.';

export const VIEW_ADMIN_FUNCTIONS = 'View Administration Functions';

function systemInformation(ctx: RequestContext): Record<string, Record<string, string>> {
  const distro = new Map(readDistroProperties(ctx.backend.distroDir));
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const megabytes = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MB`;
  const memory = process.memoryUsage();
  return {
    [`${SECTION}openmrsInformation`]: {
      'SystemInfo.OpenMRSInstallation.systemDate': `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
      'SystemInfo.OpenMRSInstallation.systemTime': `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`,
      'SystemInfo.OpenMRSInstallation.openmrsVersion': distro.get('war.openmrs') ?? '2.7.9',
      'SystemInfo.hostname': os.hostname(),
    },
    [`${SECTION}javaRuntimeEnvironmentInformation`]: {
      'SystemInfo.JavaRuntimeEnv.operatingSystem': os.type(),
      'SystemInfo.JavaRuntimeEnv.operatingSystemArch': os.arch(),
      'SystemInfo.JavaRuntimeEnv.operatingSystemVersion': os.release(),
      'SystemInfo.JavaRuntimeEnv.javaVersion': process.versions.node,
      'SystemInfo.JavaRuntimeEnv.javaVendor': 'Node.js (poc-emr dev backend)',
      'SystemInfo.JavaRuntimeEnv.systemTimezone': Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
    [`${SECTION}memoryInformation`]: {
      'SystemInfo.Memory.totalMemory': megabytes(memory.heapTotal),
      'SystemInfo.Memory.freeMemory': megabytes(memory.heapTotal - memory.heapUsed),
      'SystemInfo.Memory.maximumHeapSize': megabytes(memory.rss),
    },
    [`${SECTION}dataBaseInformation`]: {
      'SystemInfo.Database.name': 'openmrs',
      'SystemInfo.Database.driver': 'org.mariadb.jdbc.Driver',
      'SystemInfo.Database.dialect': 'org.hibernate.dialect.MariaDBDialect',
    },
    [`${SECTION}moduleInformation`]: Object.fromEntries(
      readModules(ctx.backend.distroDir).map((m) => [String(m.name), `${m.version} `]),
    ),
  };
}

export const systeminformation: Controller = {
  name: 'systeminformation',
  handlers: {
    GET: async (ctx) => {
      ctx.require(VIEW_ADMIN_FUNCTIONS);
      return ok({ systemInfo: systemInformation(ctx) });
    },
  },
};
