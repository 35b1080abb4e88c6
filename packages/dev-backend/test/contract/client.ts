// A browser-like client: keeps the JSESSIONID cookie it is given, sends JSON.

export interface Response {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Raw text instead of JSON, for malformed bodies. */
  text?: string;
  basic?: { username: string; password: string } | string;
  headers?: Record<string, string>;
}

export class Client {
  cookie?: string;

  constructor(private readonly baseUrl: string) {}

  /** `path` below /openmrs, e.g. /ws/rest/v1/session */
  async request(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.Cookie = `JSESSIONID=${this.cookie}`;
    if (options.basic !== undefined) {
      headers.Authorization =
        typeof options.basic === 'string'
          ? options.basic
          : `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}`;
    }
    const text = options.text ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (text !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method: options.method ?? 'GET', headers, body: text });
    const cookie = /JSESSIONID=([^;]+)/.exec(response.headers.get('set-cookie') ?? '');
    if (cookie) this.cookie = cookie[1];
    const raw = await response.text();
    return { status: response.status, headers: response.headers, body: raw === '' ? undefined : JSON.parse(raw) };
  }

  rest(path: string, options?: RequestOptions): Promise<Response> {
    return this.request(`/ws/rest/v1/${path}`, options);
  }

  fhir(path: string, options?: RequestOptions): Promise<Response> {
    return this.request(`/ws/fhir2/R4/${path}`, options);
  }

  /** Logs in the way O3 does: GET /session with Basic, then only the cookie. */
  async logIn(user: { username: string; password: string }): Promise<Client> {
    const response = await this.rest('session', { basic: user });
    if (!response.body?.authenticated) throw new Error(`Could not log in as ${user.username}`);
    return this;
  }
}
