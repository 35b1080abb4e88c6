import type { Database, Row, Sql } from '../database';
import { hasPrivilege, type Principal } from '../auth/principal';
import type { Session, SessionStore } from '../auth/sessions';
import { AuthenticationRequired, unknownResource } from '../http/errors';
import { RowLoader } from './loader';
import type { Resource } from './resource';
import type { Schema } from './schema';

/** What lives as long as the server: one facility database and the resources over it. */
export interface Backend {
  db: Database;
  schema: Schema;
  resources: Map<string, Resource>;
  sessions: SessionStore;
  /** Where distro.properties is looked for. */
  distroDir: string;
}

/** One request: who asks, its parameters, and the connection its queries go through. */
export class RequestContext {
  readonly loader: RowLoader;

  constructor(
    readonly backend: Backend,
    readonly sql: Sql,
    readonly params: URLSearchParams,
    readonly session: Session,
    readonly principal: Principal,
    /** e.g. http://localhost:8090/openmrs */
    readonly baseUrl: string,
    /** The request path below baseUrl, e.g. /ws/rest/v1/location */
    readonly path: string,
  ) {
    this.loader = new RowLoader(sql);
  }

  get userId(): number | undefined {
    return this.principal.userId;
  }

  /** A parameter's value; blank counts as absent, as StringUtils.isNotBlank checks do. */
  param(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value.trim() === '' ? undefined : value;
  }

  resource(name: string): Resource {
    const resource = this.backend.resources.get(name);
    if (!resource) throw unknownResource(name);
    return resource;
  }

  /** @Authorized: without a privilege it only asks for a logged-in user. */
  require(privilege?: string): void {
    const loggedIn = this.userId !== undefined;
    if (privilege ? hasPrivilege(this.principal, privilege) : loggedIn) return;
    throw new AuthenticationRequired(
      privilege ? `Privileges required: ${privilege}` : 'Authentication required',
      loggedIn,
    );
  }

  /** Runs `work` in one transaction, with a context whose queries all go through it. */
  transaction<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    return this.backend.db.transaction((sql) =>
      work(new RequestContext(this.backend, sql, this.params, this.session, this.principal, this.baseUrl, this.path)),
    );
  }

  /** A row of `resource` by its table key, batched with the other lookups of this request. */
  row(resource: string, key: unknown): Promise<Row | undefined> {
    const table = this.resource(resource).table;
    if (!table) throw new Error(`${resource} has no table`);
    return this.loader.load(table.name, table.key, key);
  }
}
