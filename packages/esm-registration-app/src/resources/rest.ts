import { openmrsFetch, restBaseUrl } from '@openmrs/esm-framework';

/** GET of a REST list; path relative to /ws/rest/v1. */
export async function fetchResults<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const { data } = await openmrsFetch<{ results: T[] }>(`${restBaseUrl}${path}`, { signal });
  return data.results;
}

/** What a failed call tells the form: no answer at all (the link dropped) or the server's error. */
export interface CallFailure {
  network: boolean;
  status?: number;
  message: string;
  fieldErrors: Record<string, { code?: string; message: string }[]>;
}

interface OpenmrsErrorBody {
  error?: { message?: string; fieldErrors?: CallFailure['fieldErrors']; globalErrors?: { message: string }[] };
}

export function describeFailure(error: unknown): CallFailure {
  const failure = error as { response?: Response; responseBody?: OpenmrsErrorBody; message?: string };
  if (!failure?.response) return { network: true, message: failure?.message ?? String(error), fieldErrors: {} };
  const body = failure.responseBody?.error;
  const global = body?.globalErrors?.map((g) => g.message).join(' ');
  return {
    network: false,
    status: failure.response.status,
    message: global || body?.message || failure.message || `HTTP ${failure.response.status}`,
    fieldErrors: body?.fieldErrors ?? {},
  };
}
