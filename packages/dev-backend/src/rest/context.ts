import type { Database, Row, Sql } from '../database';
import { hasPrivilege, type Principal } from '../auth/principal';
import type { Session, SessionStore } from '../auth/sessions';
import { AuthenticationRequired, unknownResource, type RestError } from '../http/errors';
import { RowLoader } from './loader';
import { LOGGED_IN, type Requirement, type Resource } from './resource';
import type { Schema } from './schema';

/** What lives as long as the server: one facility database and the resources over it. */
export interface Backend {
  db: Database;
  schema: Schema;
  resources: Map<string, Resource>;
  sessions: SessionStore;
  /** Where distro.properties is looked for. */
  distroDir: string;
  limits: Limits;
}

/** What one request may cost, so that one user cannot stall the others. */
export interface Limits {
  /** Objects one response may represent (rows shown, nested ones included). */
  representedObjects: number;
}

/** A requirement as its list of privileges, each 'A' or 'A | B'. */
export function requirementList(requirement: Requirement): string[] {
  const list = typeof requirement === 'string' ? requirement.split(';') : [...requirement];
  return list.map((p) => p.trim()).filter((p) => p !== '');
}

/** One request: who asks, its parameters, and the connection its queries go through. */
export class RequestContext {
  readonly loader: RowLoader;
  /** How many more objects this request may represent (see represent.ts). */
  budget: { objects: number; exceeded?: RestError };

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
    this.budget = { objects: backend.limits.representedObjects };
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

  /**
   * AuthorizationAdvice: each privilege of `requirement` (see Requirement), the first missing one named
   * in the 401/403. Without an argument: anyone logged in (@Authorized with no privilege).
   */
  require(requirement: Requirement = LOGGED_IN): void {
    const loggedIn = this.userId !== undefined;
    for (const needed of requirementList(requirement)) {
      if (needed === LOGGED_IN) {
        if (!loggedIn) throw new AuthenticationRequired('Authentication required', false);
        continue;
      }
      const anyOf = needed.split('|').map((p) => p.trim());
      if (!anyOf.some((p) => hasPrivilege(this.principal, p))) {
        throw new AuthenticationRequired(`Privileges required: ${anyOf.join(', ')}`, loggedIn);
      }
    }
  }

  /** `includeAll` read as Spring's ServletRequestUtils.getBooleanParameter: true, on, yes or 1. */
  get includeAll(): boolean {
    return /^(true|on|yes|1)$/i.test(this.params.get('includeAll') ?? '');
  }

  /**
   * Runs `work` in one transaction, with a context whose queries all go through it; inside a
   * transaction, in that same one.
   */
  transaction<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    return this.sql.transaction((sql) => work(this.with(sql)));
  }

  /** The same request over another connection; the representation budget is shared. */
  private with(sql: Sql): RequestContext {
    const ctx = new RequestContext(
      this.backend,
      sql,
      this.params,
      this.session,
      this.principal,
      this.baseUrl,
      this.path,
    );
    ctx.budget = this.budget;
    return ctx;
  }

  /** A row of `resource` by its table key, batched with the other lookups of this request. */
  row(resource: string, key: unknown): Promise<Row | undefined> {
    const table = this.resource(resource).table;
    if (!table) throw new Error(`${resource} has no table`);
    return this.loader.load(table.name, table.key, key);
  }
}
