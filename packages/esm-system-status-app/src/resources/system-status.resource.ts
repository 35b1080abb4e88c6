import { openmrsFetch, useConfig } from '@openmrs/esm-framework';
import useSWR from 'swr';
import type { SystemStatus } from '@poc-emr/report-service/src/system-status';
import type { SystemStatusConfig } from '../config-schema';

export type { Level, SystemStatus } from '@poc-emr/report-service/src/system-status';

/** The report service's GET /system-status, looked at again every `refreshSeconds`. */
export function useSystemStatus() {
  const { serviceUrl, refreshSeconds } = useConfig<SystemStatusConfig>();
  return useSWR<SystemStatus>(
    `${serviceUrl}/system-status`,
    (url: string) => openmrsFetch<SystemStatus>(url).then((r) => r.data),
    {
      refreshInterval: refreshSeconds * 1000,
    },
  );
}

export interface FrontendApp {
  name: string;
  version: string | null;
}

/** The apps of the SPA's import map (the one the app shell loaded), each with the version its folder names. */
export async function readImportMap(): Promise<FrontendApp[]> {
  const script = document.querySelector<HTMLScriptElement>('script[type="systemjs-importmap"][src]');
  const url = new URL(script?.src ?? `${window.getOpenmrsSpaBase()}importmap.json`, window.location.href);
  const response = await fetch(url.href, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status}`);
  const { imports = {} } = (await response.json()) as { imports?: Record<string, string> };
  return Object.entries(imports)
    .map(([name, path]) => ({ name, version: /-(\d+\.\d+\.\d+[^/]*)\//.exec(path)?.[1] ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The frontend: the app shell's version and the import map's apps. */
export function useFrontend() {
  return useSWR('poc-emr/system-status/importmap', readImportMap, { revalidateOnFocus: false });
}
