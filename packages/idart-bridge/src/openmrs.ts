// The bridge's OpenMRS client: REST v1 with the bridge's account, one HTTP session kept by its cookie
// (Basic credentials ride along, so an expired session is renewed by the same request), a time-out on
// every call. A failure says whether it may pass (network, time-out, 5xx, 429: try again later) or is
// OpenMRS's answer about the request itself (4xx: the item must change first).

export class OpenmrsError extends Error {
  constructor(
    message: string,
    /** The HTTP status; 0 when OpenMRS did not answer. */
    readonly status: number,
    /** What OpenMRS said, for the error queue. */
    readonly detail: string = message,
    /** The fields OpenMRS's validation refused. */
    readonly fields: string[] = [],
  ) {
    super(message);
  }

  /** Network, time-out, a server error or "too many requests": the same request may succeed later. */
  get passing(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429 || this.status === 401;
  }
}

export interface OpenmrsClientOptions {
  url: string;
  username: string;
  password: string;
  timeoutMs: number;
}

export class OpenmrsClient {
  private cookie: string | undefined;
  private readonly authorization: string;

  constructor(private readonly options: OpenmrsClientOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  }

  /** GET; null on 404. */
  async get<T>(path: string): Promise<T | null> {
    const answer = await this.request('GET', path);
    return answer.status === 404 ? null : (answer.body as T);
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.request('POST', path, body)).body as T;
  }

  /** DELETE (void); false on 404. */
  async delete(path: string): Promise<boolean> {
    return (await this.request('DELETE', path)).status !== 404;
  }

  private async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetch(`${this.options.url}/ws/rest/v1/${path}`, {
        method,
        headers: {
          authorization: this.authorization,
          accept: 'application/json',
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new OpenmrsError(`OpenMRS did not answer ${method} ${path}: ${cause}`, 0);
    }
    const session = response.headers.get('set-cookie')?.match(/JSESSIONID=[^;]+/)?.[0];
    if (session) this.cookie = session;
    let parsed: unknown = null;
    const text = await response.text().catch(() => '');
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (response.status === 404 && method !== 'POST') return { status: 404, body: null };
    if (!response.ok) {
      if (response.status === 401) this.cookie = undefined;
      throw new OpenmrsError(
        `OpenMRS answered ${response.status} to ${method} ${path}`,
        response.status,
        restErrorMessage(parsed) ?? `HTTP ${response.status}`,
        Object.keys((parsed as { error?: { fieldErrors?: object } })?.error?.fieldErrors ?? {}),
      );
    }
    return { status: response.status, body: parsed };
  }
}

/** The message of OpenMRS's error envelope, with the field errors of a validation failure. */
export function restErrorMessage(body: unknown): string | undefined {
  const error = (body as { error?: { message?: string; fieldErrors?: Record<string, Array<{ message?: string }>> } })
    ?.error;
  if (!error) return undefined;
  const fields = Object.entries(error.fieldErrors ?? {}).flatMap(([field, list]) =>
    list.map((e) => `${field}: ${e.message ?? ''}`),
  );
  return [error.message, ...fields].filter(Boolean).join('; ');
}
