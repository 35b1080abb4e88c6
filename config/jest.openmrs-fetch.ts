// For component tests with msw: the framework mock's openmrsFetch made to behave like the real one
// (openmrsBase prefix, JSON body and Accept header, `data`, OpenmrsFetchError with `responseBody`), so
// requests reach msw's handlers as the browser would send them.
import { openmrsFetch } from '@openmrs/esm-framework';

class FetchError extends Error {
  constructor(
    readonly response: Response,
    readonly responseBody: unknown,
  ) {
    super(`Server responded with ${response.status} (${response.statusText}) for url ${response.url}`);
  }
}

export function sendOpenmrsFetchToNetwork(): void {
  jest.mocked(openmrsFetch).mockImplementation(async (path: string, init: Parameters<typeof openmrsFetch>[1] = {}) => {
    const url = new URL(path.startsWith('/') ? `${window.openmrsBase}${path}` : path, window.location.href);
    const body = init.body && typeof init.body === 'object' ? JSON.stringify(init.body) : init.body;
    const response = await fetch(url, {
      ...init,
      body: body as BodyInit | undefined,
      headers: { Accept: 'application/json', ...(init.headers as Record<string, string>) },
    } as RequestInit);
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) throw new FetchError(response, parsed);
    return Object.assign(response, { data: parsed }) as never;
  });
}
