import type { Level } from './levels';
import { plainError } from './levels';

// The backend's own account of itself, asked with the administrator's credentials: core's version from
// GET /systeminformation (AdministrationService.getSystemInformation, "View Administration Functions")
// and the modules with their versions and whether each started, from GET /module.

export interface OpenmrsFacts {
  level: Level;
  version: string | null;
  modules: Array<{ id: string; name: string; version: string; started: boolean; error: string | null }>;
  error: string | null;
}

interface ModuleAnswer {
  results?: Array<{
    uuid: string;
    name?: string;
    version?: string;
    started?: boolean;
    startupErrorMessage?: string | null;
  }>;
}

interface SystemInformation {
  systemInfo?: Record<string, Record<string, string>>;
}

export async function openmrsFacts(
  openmrsUrl: string,
  credentials: { cookie?: string; authorization?: string },
): Promise<OpenmrsFacts> {
  const get = async <T>(resource: string): Promise<T> => {
    const answer = await fetch(`${openmrsUrl}/ws/rest/v1/${resource}`, {
      headers: { ...credentials, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    if (!answer.ok) throw new Error(`GET ${resource}: ${answer.status}`);
    return (await answer.json()) as T;
  };
  try {
    const [info, modules] = await Promise.all([
      get<SystemInformation>('systeminformation'),
      get<ModuleAnswer>('module?v=default'),
    ]);
    const version =
      info.systemInfo?.['SystemInfo.title.openmrsInformation']?.['SystemInfo.OpenMRSInstallation.openmrsVersion'];
    const list = (modules.results ?? []).map((m) => ({
      id: m.uuid,
      name: m.name ?? m.uuid,
      version: m.version ?? '',
      started: m.started === true,
      error: m.startupErrorMessage ?? null,
    }));
    return {
      level: version && list.every((m) => m.started) ? 'ok' : 'error',
      version: version ?? null,
      modules: list.sort((a, b) => a.id.localeCompare(b.id)),
      error: null,
    };
  } catch (error) {
    return { level: 'error', version: null, modules: [], error: plainError(error) };
  }
}
