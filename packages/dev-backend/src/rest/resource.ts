import type { Row, Sql } from '../database';
import type { FieldError } from '../http/errors';
import type { RequestContext } from './context';
import type { Representation } from './representation';

// How a REST resource is declared. The engine (represent, listing, writes, router) does the rest,
// the way BaseDelegatingResource and its subclasses do in webservices.rest.

/** A plain column of the row. */
export interface ColumnProperty {
  column: string;
  type?: 'string' | 'boolean' | 'number' | 'date';
}

/** A many-to-one reference: the column holds the key of a row of `resource`; bodies send its uuid. */
export interface ReferenceProperty {
  column: string;
  resource: string;
}

/** Anything else: derived values, collections. With `resource`, `get` returns rows of that resource. */
export interface ComputedProperty {
  resource?: string;
  /** `rep` is the representation asked for this property, for values that represent rows themselves. */
  get(row: Row, ctx: RequestContext, rep: Representation): unknown;
  set?(value: unknown, change: Change, ctx: RequestContext): void | Promise<void>;
}

export type Property = ColumnProperty | ReferenceProperty | ComputedProperty;

/** A write being assembled: column values, and work that needs the saved row's key. */
export interface Change {
  readonly existing?: Row;
  readonly columns: Row;
  readonly afterSave: Array<(key: unknown, sql: Sql) => Promise<void>>;
}

export interface Candidates {
  sql: string;
  params: unknown[];
}

/**
 * Rows to page through: a filter on the resource's table, or rows already in hand. `candidates`, a
 * query answering the keys (as `id`) that may match, makes the query start from them rather than
 * from the table: for searches whose matches come from other tables' indexes.
 */
export type Listing =
  | {
      where?: string;
      params?: unknown[];
      joins?: string;
      orderBy?: string;
      candidates?: Candidates;
    }
  | { rows: Row[] };

/**
 * What an operation needs, as the pinned OpenMRS code says: the @Authorized of the service methods it
 * calls and the checks their implementations add. Every privilege listed ('A; B', or an array) is needed;
 * 'A | B' is any one of them; LOGGED_IN is anyone logged in; NOBODY_CHECKED ('' or []) is no check at
 * all (the method has no @Authorized). The table the privilege matrix test holds these against is
 * test/privileges/openmrs-2.7.9.csv, with the method each comes from.
 */
export type Requirement = string | readonly string[];

export const LOGGED_IN = '(logged in)';
export const NOBODY_CHECKED = '';

/** The REST operations on a resource, each with its own privileges. */
export type Operation = 'get' | 'list' | 'create' | 'update' | 'delete' | 'undelete' | 'purge';

/**
 * A write operation left out is one OpenMRS does not support (ResourceDoesNotSupportOperationException,
 * 400), never one that falls back on another's privilege. Update, delete, undelete and purge first
 * find the row (getByUniqueId, with `get`'s privileges); a sub-resource's create and list first find the
 * parent (with the parent's `get`).
 */
export interface Privileges {
  /** getByUniqueId. */
  get: Requirement;
  /** getAll and searches: `get` for a top-level resource; for a sub-resource, beyond the parent's `get`, none. */
  list?: Requirement;
  create?: Requirement;
  update?: Requirement;
  /** DELETE: retire or void. */
  delete?: Requirement;
  /** POST {"deleted": "false"}: unretire or unvoid (top-level resources only). */
  undelete?: Requirement;
  /** DELETE ?purge=true. */
  purge?: Requirement;
}

export interface Resource {
  /** The URL segment, also the links' resourceAlias. */
  name: string;
  /** `resourceVersion` of default and full representations. */
  version: string;
  /** Metadata retire; data void. Decides `retired`/`voided` in refs, DELETE, includeAll. */
  kind: 'metadata' | 'data';
  /** Absent for resources that are not a table (module). */
  table?: { name: string; key: string };
  properties: Record<string, Property>;
  /** Property lists in representation syntax; `ref` defaults to uuid, display and retired/voided. */
  representations: { ref?: string; default: string; full: string };
  display(row: Row, ctx: RequestContext): unknown;
  privileges: Privileges;
  /**
   * Operations OpenMRS answers with a 500 (java.lang.UnsupportedOperationException and the like) rather
   * than the 400 of an operation left out of `privileges`, with the message it gives.
   */
  failing?: Partial<Record<Operation, string>>;
  /** DELETE without ?purge=true purges too (SystemSettingResource1_9.delete). */
  purgesOnDelete?: boolean;
  /** getByUniqueId: a row by uuid, or by some other unique value (a name, a property). */
  find?(id: string, ctx: RequestContext): Promise<Row | undefined>;
  /** getAll; absent means "does not support the requested operation". */
  list?(ctx: RequestContext): Listing | Promise<Listing>;
  /** Called when the request has a parameter other than v, limit, startIndex…; absent → no results. */
  search?(ctx: RequestContext): Listing | Promise<Listing>;
  /** Properties a POST may set, in the order they are applied; the required ones first. */
  creatable?: string[];
  required?: string[];
  updatable?: string[];
  validate?(change: Change, ctx: RequestContext): Promise<Record<string, FieldError[]>>;
  /**
   * After a create or update has saved the row and its collections, in the same transaction: the rules
   * that look at the whole object (a patient's identifiers, a person's names); throwing rolls it all back.
   */
  validateSaved?(key: unknown, ctx: RequestContext): Promise<void>;
  /**
   * Before an existing row is saved, retired or unretired: what the service's save checks on the whole
   * object (UserServiceImpl.saveUser's checkPrivileges); throwing leaves the row as it was.
   */
  beforeSave?(existing: Row, ctx: RequestContext): Promise<void>;
  /** After validation, before the row of a create is inserted: what the service does first (assign a visit). */
  beforeInsert?(change: Change, ctx: RequestContext): Promise<void>;
  /** After a void (`reason`) or an unvoid (null): the same for what belongs to the row (a patient's identifiers). */
  cascadeVoid?(row: Row, reason: string | null, ctx: RequestContext): Promise<void>;
  /** Before a purge: deletes the rows that hold on to this one (a joined subclass row such as drug_order). */
  beforePurge?(row: Row, ctx: RequestContext): Promise<void>;
  /**
   * An edit voids the row and saves a new one whose `column` points back to it (obs.previous_version);
   * `save` replaces the engine's way of doing so (a condition is replaced only when it changed).
   */
  replacedOnEdit?: {
    column: string;
    /** The old row's void reason (the change message the REST resource gives the service); 'edited' by default. */
    reason?: string;
    /** The new version's columns beyond the changes (an obs that was FINAL becomes AMENDED). */
    amend?(existing: Row): Row;
    save?(existing: Row, columns: Row, ctx: RequestContext): Promise<Row>;
  };
  /**
   * Subclass handlers (order → drugorder, testorder): the resource whose properties and
   * representations show this row; its name is the `type` that ref, default and full add.
   */
  subclass?(row: Row, ctx: RequestContext): Promise<Resource>;
  /**
   * Properties this row does not have, left out of every representation (allowedMissingProperties:
   * the numeric fields of a concept that is not numeric).
   */
  missing?(row: Row, ctx: RequestContext): Promise<string[]>;
  /**
   * A sub-resource's own doGetAll under a parent (by the parent's key): null answers 204 No Content
   * (a patient whose allergy status is Unknown). Without it, the parent's unvoided children.
   */
  childListing?(parentKey: unknown, ctx: RequestContext): Promise<Listing | null>;
  /**
   * A sub-resource that is a view of its parent's row (an order's fulfillerdetails): a POST sets the
   * parent's columns and answers 201 without a body (DelegatingSubResource.create over a save that
   * returns null). It checks its own privileges, after reading the body as OpenMRS does.
   */
  saveToParent?(parent: Row, body: Row, ctx: RequestContext): Promise<void>;
  /** Makes this a sub-resource, reached only as <parent>/<uuid>/<path>[/<uuid>]; `column` holds the parent's key. */
  parent?: { resource: string; path: string; column: string };
}

export function isComputed(property: Property): property is ComputedProperty {
  return 'get' in property;
}

export function isReference(property: Property): property is ReferenceProperty {
  return 'resource' in property && 'column' in property;
}
