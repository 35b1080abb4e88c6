import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseBasic } from './auth/basic';
import { authenticate, userProperties } from './auth/login';
import { loadPrincipal } from './auth/principal';
import { DEFAULT_ANONYMOUS_SESSIONS, DEFAULT_SESSION_TIMEOUT_MS, SessionStore, type Session } from './auth/sessions';
import { openDatabase, throttled } from './database';
import { routeFhir } from './fhir/router';
import { readJsonBody } from './http/body';
import { readCookie } from './http/cookies';
import { asRestError, AuthenticationRequired, RestError } from './http/errors';
import type { Reply } from './http/reply';
import { RequestContext, type Backend, type Limits } from './rest/context';
import type { Controller } from './rest/controller';
import { RESOURCES, CONTROLLERS, MODULE_CONTROLLERS } from './rest/resources';
import { initialLocale } from './rest/resources/session';
import { routeRest } from './rest/router';
import { Schema } from './rest/schema';

export interface ServerOptions {
  database: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  sessionTimeoutMs?: number;
  /** Sessions without a user kept at most (the least recently used go first). */
  maxAnonymousSessions?: number;
  /** Where distro.properties is read from; defaults to the repository's distro/. */
  distroDir?: string;
  /** Connections to MariaDB (16). */
  connections?: number;
  /** A statement running longer is stopped (MariaDB max_statement_time): 10 s. */
  statementTimeoutMs?: number;
  limits?: Partial<Limits>;
}

/** Far above what an O3 app asks for in one request (a chart page of visits with their encounters and obs). */
export const DEFAULT_LIMITS: Limits = { representedObjects: 50_000 };

export interface RunningServer {
  /** e.g. http://127.0.0.1:8090/openmrs */
  url: string;
  port: number;
  close(): Promise<void>;
}

const CONTEXT_PATH = '/openmrs';
const ROOTS = {
  rest: `${CONTEXT_PATH}/ws/rest/v1`,
  fhir: `${CONTEXT_PATH}/ws/fhir2/R4`,
  module: `${CONTEXT_PATH}/module`,
} as const;
const COOKIE = 'JSESSIONID';

export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const db = openDatabase(options.database, {
    connections: options.connections ?? 16,
    statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
  });
  const schema = new Schema();
  await schema.load(db);
  const backend: Backend = {
    db,
    schema,
    resources: new Map(RESOURCES.map((r) => [r.name, r])),
    sessions: new SessionStore(
      options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
      options.maxAnonymousSessions ?? DEFAULT_ANONYMOUS_SESSIONS,
    ),
    distroDir: options.distroDir ?? path.resolve(__dirname, '..', '..', '..', 'distro'),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  };
  const controllers = new Map(CONTROLLERS.map((c) => [c.name, c]));
  const server = http.createServer((request, response) => {
    handle(backend, controllers, request)
      .catch((error: unknown) => failure(error, request))
      .then((reply) => send(response, reply));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/openmrs`,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}

async function handle(
  backend: Backend,
  controllers: Map<string, Controller>,
  request: http.IncomingMessage,
): Promise<Reply> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  // Spring's UrlPathHelper merges repeated slashes (O3 asks for /openmrs//ws/rest/v1/visit).
  url.pathname = url.pathname.replace(/\/{2,}/g, '/');
  const api = (['rest', 'fhir', 'module'] as const).find(
    (a) => url.pathname === ROOTS[a] || url.pathname.startsWith(`${ROOTS[a]}/`),
  );
  if (!api) throw new RestError(404, '', `No handler for ${url.pathname}`, 'NoHandlerFoundException');
  const segments = pathSegments(url.pathname.slice(ROOTS[api].length));

  const found = backend.sessions.find(readCookie(request, COOKIE));
  const session = found && 'session' in found ? found.session : backend.sessions.create();
  const setCookie: Record<string, string> =
    found && 'session' in found ? {} : { 'Set-Cookie': `${COOKIE}=${session.id}; Path=${CONTEXT_PATH}; HttpOnly` };
  const withCookie = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, ...setCookie } });
  // Like Tomcat + AuthorizationFilter: a cookie naming no live session is refused, and a fresh one issued.
  if (found && 'expired' in found) {
    return withCookie(failure(new RestError(401, '', 'Session timed out', 'AuthorizationFilter'), request));
  }

  try {
    return withCookie(await serve(backend, controllers, request, url, api, segments, session));
  } catch (error) {
    return withCookie(failure(error, request));
  }
}

/** The path's segments, decoded; a malformed %-escape is the 400 Tomcat answers before OpenMRS sees the request. */
function pathSegments(path: string): string[] {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
  } catch {
    throw new RestError(400, '', 'Invalid URI: malformed percent-encoding in the path', 'BadRequest');
  }
}

/** AuthorizationFilter's Basic login, then the REST or FHIR routes. */
async function serve(
  backend: Backend,
  controllers: Map<string, Controller>,
  request: http.IncomingMessage,
  url: URL,
  api: keyof typeof ROOTS,
  segments: string[],
  session: Session,
): Promise<Reply> {
  const credentials = parseBasic(request.headers.authorization);
  if (credentials === 'malformed') throw new RestError(400, '', 'Invalid credentials provided', 'AuthorizationFilter');
  if (session.userId === undefined && credentials) {
    await logIn(backend, session, credentials.login, credentials.password);
  }
  const principal = await loadPrincipal(backend.db, session.userId);
  const baseUrl = `http://${request.headers.host ?? 'localhost'}${CONTEXT_PATH}`;
  const path = url.pathname.slice(CONTEXT_PATH.length);
  const sql = throttled(backend.db, STATEMENTS_PER_REQUEST);
  const ctx = new RequestContext(backend, sql, url.searchParams, session, principal, baseUrl, path);
  const method = request.method ?? 'GET';
  try {
    if (api === 'module') return await routeModule(segments, method, ctx);
    return api === 'rest'
      ? await routeRest(segments, method, ctx, () => readJsonBody(request, { api: 'rest' }), controllers)
      : await routeFhir(segments, method, ctx, credentials !== undefined, () => readJsonBody(request, { api: 'fhir' }));
  } finally {
    sql.cancel(new Error('The request is over'));
  }
}

/** Statements one request runs at once (of the pool's 16): one request cannot take the whole pool. */
const STATEMENTS_PER_REQUEST = 6;

/** A module's own pages, such as /module/addresshierarchy/ajax/…form. */
function routeModule(segments: string[], method: string, ctx: RequestContext): Promise<Reply> {
  const controller = MODULE_CONTROLLERS.find((c) => c.name === segments[0]);
  if (!controller?.route) throw new RestError(404, '', `No handler for ${ctx.path}`, 'NoHandlerFoundException');
  return controller.route(segments.slice(1), method, ctx, async () => ({}));
}

async function logIn(backend: Backend, session: Session, login: string, password: string): Promise<void> {
  const userId = await authenticate(backend.db, login, password);
  if (userId === undefined) return;
  session.userId = userId;
  session.locale = await initialLocale(backend.db, userId);
  session.locationId = await defaultLocationId(backend, userId);
}

/**
 * UserContext.getDefaultLocationId: the defaultLocation user property as a location id, else as a uuid
 * (a uuid that starts with digits is not an id: "88d8…" is not location 88).
 */
async function defaultLocationId(backend: Backend, userId: number): Promise<number | undefined> {
  const defaultLocation = (await userProperties(backend.db, userId)).defaultLocation;
  if (!defaultLocation?.trim()) return undefined;
  const [location] = /^[+-]?\d+$/.test(defaultLocation)
    ? await backend.db.rows('SELECT location_id FROM location WHERE location_id = ?', [Number(defaultLocation)])
    : await backend.db.rows('SELECT location_id FROM location WHERE uuid = ?', [defaultLocation]);
  return location ? Number(location.location_id) : undefined;
}

function failure(error: unknown, request: http.IncomingMessage): Reply {
  const rest = asRestError(error);
  if (rest.status >= 500 && !(error instanceof RestError)) console.error(error);
  const headers: Record<string, string> = {};
  if (
    rest instanceof AuthenticationRequired &&
    rest.status === 401 &&
    request.headers['disable-www-authenticate'] !== 'true'
  ) {
    headers['WWW-Authenticate'] =
      `Basic realm="OpenMRS at http://${request.headers.host ?? 'localhost'}/openmrs/ws/rest"`;
  }
  return { status: rest.status, body: rest.envelope(), headers };
}

function send(response: http.ServerResponse, reply: Reply): void {
  const headers = { ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  const json = JSON.stringify(reply.body);
  response
    .writeHead(reply.status, {
      ...headers,
      'Content-Type': 'application/json;charset=UTF-8',
      'Content-Length': Buffer.byteLength(json),
    })
    .end(json);
}
