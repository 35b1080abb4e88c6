import { setTimeout as sleep } from 'node:timers/promises';
import type { Dhis2Config } from './config';
import type { PushRecord } from './store';

// POST /api/dataValueSets to SIS-MA (DHIS2): JSON (DXF2) or ADX with uids, import strategy
// CREATE_AND_UPDATE so the same values sent again update (or leave) what is there, never duplicate it.
// Network failures, timeouts, 429 and 5xx are tried again with doubling waits; DHIS2's own answers
// (401, 409 with an import summary…) are final.

export type PushOutcome = Omit<PushRecord, 'id' | 'at' | 'by' | 'dryRun' | 'format' | 'values'>;

interface WebMessage {
  httpStatusCode?: number;
  status?: string;
  message?: string;
  response?: {
    responseType?: string;
    status?: string;
    description?: string;
    importCount?: PushRecord['importCount'];
    conflicts?: Array<{ object?: string; value?: string; errorCode?: string }>;
  };
}

export async function pushDataValues(
  config: Dhis2Config,
  payload: string,
  { dryRun }: { dryRun: boolean },
): Promise<PushOutcome> {
  const query = new URLSearchParams({ dryRun: String(dryRun), importStrategy: 'CREATE_AND_UPDATE' });
  // ADX names metadata by code unless told; our mappings hold uids.
  if (config.format === 'adx') query.set('idScheme', 'UID');
  const headers = {
    'content-type': config.format === 'adx' ? 'application/adx+xml' : 'application/json',
    accept: 'application/json',
    authorization:
      'token' in config.auth
        ? `ApiToken ${config.auth.token}`
        : `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`,
  };
  let lastProblem = '';
  for (let attempt = 1; attempt <= config.retries + 1; attempt++) {
    if (attempt > 1) await sleep(config.retryDelayMs * 2 ** (attempt - 2));
    let answer: Response;
    try {
      answer = await fetch(`${config.url}/api/dataValueSets?${query}`, {
        method: 'POST',
        headers,
        body: payload,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      lastProblem = `O SIS-MA não respondeu (${(error as Error).message})`;
      continue;
    }
    const text = await answer.text();
    if (answer.status === 429 || answer.status >= 500) {
      lastProblem = `O SIS-MA respondeu ${answer.status}`;
      continue;
    }
    return outcome(answer.status, text, attempt);
  }
  return {
    status: 'failed',
    httpStatus: null,
    importCount: null,
    conflicts: [],
    message: `${lastProblem}; tentado ${config.retries + 1} vezes. Nada foi enviado — tente mais tarde.`,
    attempts: config.retries + 1,
  };
}

function outcome(httpStatus: number, text: string, attempts: number): PushOutcome {
  let body: WebMessage = {};
  try {
    body = JSON.parse(text) as WebMessage;
  } catch {
    // not DHIS2's JSON: a proxy's page, say
  }
  const summary = body.response?.responseType === 'ImportSummary' ? body.response : undefined;
  const base = { httpStatus, attempts, importCount: summary?.importCount ?? null };
  const conflicts = (summary?.conflicts ?? []).map((c) => ({
    object: String(c.object ?? ''),
    value: String(c.value ?? ''),
    ...(c.errorCode ? { errorCode: c.errorCode } : {}),
  }));
  if (httpStatus === 401 || httpStatus === 403) {
    return { ...base, status: 'failed', conflicts, message: 'O SIS-MA recusou as credenciais do serviço (DHIS2_*).' };
  }
  if (summary && (summary.status === 'SUCCESS' || summary.status === 'OK') && conflicts.length === 0) {
    return { ...base, status: 'ok', conflicts, message: body.message ?? 'Import was successful.' };
  }
  if (summary && summary.status === 'WARNING') {
    return { ...base, status: 'conflicts', conflicts, message: body.message ?? 'Conflitos na importação.' };
  }
  return {
    ...base,
    status: 'failed',
    conflicts,
    message: `O SIS-MA respondeu ${httpStatus}: ${body.message ?? summary?.description ?? text.slice(0, 200)}`,
  };
}
