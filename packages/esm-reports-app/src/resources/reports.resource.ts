import { openmrsFetch, useConfig } from '@openmrs/esm-framework';
import { problemOf as callProblem } from '@poc-emr/esm-commons-lib';
import useSWR from 'swr';
import type { ReportsConfig } from '../config-schema';
import type {
  Catalogue,
  CellPatient,
  Completeness,
  FollowUpList,
  FollowUpPage,
  Page,
  Push,
  Report,
  Run,
  RunResult,
} from './types';

// One hook per resource of the report service; every call goes through openmrsFetch (the session cookie,
// the OpenMRS base path).

const get = <T>(url: string) => openmrsFetch<T>(url).then((r) => r.data);

export function useServiceUrl(): string {
  return useConfig<ReportsConfig>().serviceUrl;
}

/** A report's name from the catalogue, its id while the catalogue is not known. */
export function reportLabel(reports: Report[] | undefined, id: string): string {
  return reports?.find((r) => r.id === id)?.label ?? id;
}

export function useCatalogue() {
  const url = useServiceUrl();
  return useSWR<Catalogue>(`${url}/reports`, get);
}

export function useRuns(report?: string) {
  const url = useServiceUrl();
  return useSWR<{ runs: Run[] }>(`${url}/runs?limit=20${report ? `&report=${report}` : ''}`, get);
}

/** A run, asked again every `pollSeconds` while it is queued or running. */
export function useRun(id: string | undefined) {
  const url = useServiceUrl();
  const { pollSeconds } = useConfig<ReportsConfig>();
  return useSWR<Run>(id ? `${url}/runs/${id}` : null, get, {
    refreshInterval: (run) => (!run || run.status === 'queued' || run.status === 'running' ? pollSeconds * 1000 : 0),
  });
}

export function useResult(id: string | undefined) {
  const url = useServiceUrl();
  return useSWR<RunResult>(id ? `${url}/runs/${id}/result` : null, get, { revalidateOnFocus: false });
}

export function useCellPatients(
  id: string,
  cell: { indicator: string; options: Record<string, string> },
  page: number,
  pageSize: number,
  search: string,
) {
  const url = useServiceUrl();
  const query = new URLSearchParams({
    indicator: cell.indicator,
    options: JSON.stringify(cell.options),
    page: String(page),
    pageSize: String(pageSize),
    ...(search ? { q: search } : {}),
  });
  return useSWR<Page<CellPatient>>(`${url}/runs/${id}/patients?${query}`, get, { keepPreviousData: true });
}

export function useCompleteness(report: string, periods: number) {
  const url = useServiceUrl();
  return useSWR<Completeness>(`${url}/completeness?report=${report}&periods=${periods}`, get);
}

export function useFollowUpLists() {
  const url = useServiceUrl();
  return useSWR<{ facility: Completeness['facilities'][number]; lists: FollowUpList[] }>(`${url}/lists`, get);
}

export function useFollowUpList(
  id: string | undefined,
  params: { date: string; band?: string; search?: string; page: number; pageSize: number },
) {
  const url = useServiceUrl();
  const query = new URLSearchParams({
    date: params.date,
    page: String(params.page),
    pageSize: String(params.pageSize),
    ...(params.band ? { band: params.band } : {}),
    ...(params.search ? { q: params.search } : {}),
  });
  return useSWR<FollowUpPage>(id ? `${url}/lists/${id}?${query}` : null, get, { keepPreviousData: true });
}

export async function startRun(
  url: string,
  request: { report: string; period: string; facility: string },
): Promise<Run> {
  const { data } = await openmrsFetch<Run>(`${url}/runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: request,
  });
  return data;
}

export async function cancelRun(url: string, id: string): Promise<Run> {
  return (await openmrsFetch<Run>(`${url}/runs/${id}/cancel`, { method: 'POST' })).data;
}

export async function sendToSisma(url: string, id: string, dryRun: boolean): Promise<Push> {
  const { data } = await openmrsFetch<Push>(`${url}/runs/${id}/dhis2`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: { dryRun },
  });
  return data;
}

/** A download's address: the browser fetches it itself, with the session cookie. */
export function downloadUrl(url: string, id: string, format: string): string {
  return `${window.openmrsBase}${url}/runs/${id}/download/${format}`;
}

/** The service's message for a refused or failed call (in Portuguese), with the run a refusal names. */
export function problemOf(error: unknown): { message: string; code?: string; run?: Run } | undefined {
  const problem = callProblem(error);
  return problem && { message: problem.message, code: problem.code, run: problem.body.run as Run | undefined };
}
