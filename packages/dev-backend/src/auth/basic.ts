// AuthorizationFilter: a "Basic" header with nothing usable is a 400; anything else is attempted.

export type BasicCredentials = { login: string; password: string } | 'malformed' | undefined;

export function parseBasic(header: string | undefined): BasicCredentials {
  if (!header?.startsWith('Basic')) return undefined;
  const encoded = header.slice(6).trim();
  if (encoded === '') return 'malformed';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (decoded.trim() === '' || colon < 0) return 'malformed';
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
