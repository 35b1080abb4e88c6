import crypto from 'node:crypto';
import type { Row } from '../database';
import { now, parseRestDate } from '../dates';
import { conversionFailed, notSupported, ValidationError, type FieldError } from '../http/errors';
import type { RequestContext } from './context';
import { propertyValue, truthy } from './represent';
import { DEFAULT } from './representation';
import { isComputed, isReference, type Change, type Resource } from './resource';

// Create, update, retire/void, purge: DelegatingCrudResource.create/update/delete/purge over a
// table. Callers run these inside one transaction, so a failure anywhere leaves nothing behind.

/** Posted back from a representation, never set (BaseDelegatingResource.propertiesIgnoredWhenUpdating). */
const IGNORED = new Set(['auditInfo', 'links', 'resourceVersion']);

/** Set by the engine itself, never through a property. */
const AUDIT_COLUMNS = new Set([
  'uuid',
  'creator',
  'date_created',
  'changed_by',
  'date_changed',
  'retired',
  'retired_by',
  'date_retired',
  'retire_reason',
  'voided',
  'voided_by',
  'date_voided',
  'void_reason',
]);

/**
 * Hibernate writes the flags of a new row itself: never the schema's default, which for
 * allergy.voided is 1.
 */
const NOT_DELETED = { voided: 0, retired: 0 };

/** `fixed`: columns the caller decides, such as a sub-resource's parent. */
export async function create(resource: Resource, body: Row, ctx: RequestContext, fixed: Row = {}): Promise<Row> {
  const table = writableTable(resource);
  if (!resource.creatable) throw notSupported(`${resource.name} cannot be created`);
  const change: Change = { columns: { ...fixed }, afterSave: [] };
  const allowed = [...(resource.creatable ?? []), 'uuid'];
  const missing = (resource.required ?? []).filter((p) => !(p in body));
  await apply(resource, body, allowed, change, ctx);
  // Hibernate writes every mapped column: an unset reference is NULL, never a schema default such
  // as patient_identifier.location_id's 0, which no location has.
  for (const property of Object.values(resource.properties)) {
    if (isReference(property) && !(property.column in change.columns)) change.columns[property.column] = null;
  }
  if (missing.length > 0) throw conversionFailed(`Some required properties are missing: ${missing.join(', ')}`);
  await validate(resource, change, ctx);
  await resource.beforeInsert?.(change, ctx);
  if (body.uuid !== undefined && (typeof body.uuid !== 'string' || body.uuid.trim() === '' || body.uuid.length > 38)) {
    throw new ValidationError({
      uuid: [{ code: 'error.exceededMaxLengthOfField', message: 'A uuid has at most 38 characters' }],
    });
  }
  const uuid = typeof body.uuid === 'string' ? body.uuid : crypto.randomUUID();
  // A repeated create with the same client uuid (a retried submission) must not make a second row.
  if (typeof body.uuid === 'string') {
    const [taken] = await ctx.sql.rows(`SELECT 1 FROM \`${table.name}\` WHERE uuid = ?`, [uuid]);
    if (taken) throw conversionFailed(`A ${resource.name} with uuid ${uuid} already exists`);
  }
  const columns = await withAudit(
    table.name,
    { ...change.columns, uuid },
    { creator: ctx.userId, date_created: now(), ...NOT_DELETED },
    ctx,
  );
  const { insertId } = await ctx.sql
    .execute(`INSERT INTO \`${table.name}\` SET ?`, [columns])
    .catch((error: unknown) => {
      // The same uuid posted twice at once: the second waits on the first's row, then collides.
      const code = (error as { code?: string }).code;
      if (code === 'ER_DUP_ENTRY' && String((error as Error).message).includes("'uuid'")) {
        throw conversionFailed(`A ${resource.name} with uuid ${uuid} already exists`);
      }
      throw error;
    });
  const key = table.key in columns ? columns[table.key] : insertId;
  for (const after of change.afterSave) await after(key, ctx.sql);
  await resource.validateSaved?.(key, ctx);
  return reload(resource, key, ctx);
}

export async function update(resource: Resource, existing: Row, body: Row, ctx: RequestContext): Promise<Row> {
  const table = writableTable(resource);
  const change: Change = { existing, columns: {}, afterSave: [] };
  const flag = resource.kind === 'metadata' ? 'retired' : 'voided';
  const { [flag]: flagValue, ...rest } = body;
  const updatable = resource.updatable ?? resource.creatable;
  if (!updatable) throw notSupported(`${resource.name} cannot be updated`);
  await apply(resource, rest, updatable, change, ctx);
  if (flagValue !== undefined) Object.assign(change.columns, deletion(resource, truthy(flagValue), ctx));
  await validate(resource, change, ctx);
  await resource.beforeSave?.(existing, ctx);
  if (resource.replacedOnEdit?.save) return resource.replacedOnEdit.save(existing, change.columns, ctx);
  if (resource.replacedOnEdit && Object.keys(change.columns).length > 0)
    return replace(resource, resource.replacedOnEdit, existing, change, ctx);
  const key = existing[table.key];
  const columns = await withChangeAudit(table.name, change.columns, ctx);
  if (Object.keys(columns).length > 0) {
    await ctx.sql.execute(`UPDATE \`${table.name}\` SET ? WHERE \`${table.key}\` = ?`, [columns, key]);
  }
  for (const after of change.afterSave) await after(key, ctx.sql);
  await resource.validateSaved?.(key, ctx);
  return reload(resource, key, ctx);
}

/** The edited row is voided; a copy with the changes, a new uuid and a link back takes its place. */
async function replace(
  resource: Resource,
  how: NonNullable<Resource['replacedOnEdit']>,
  existing: Row,
  change: Change,
  ctx: RequestContext,
): Promise<Row> {
  const table = writableTable(resource);
  const key = existing[table.key];
  await ctx.sql.execute(`UPDATE \`${table.name}\` SET ? WHERE \`${table.key}\` = ?`, [
    deletion(resource, true, ctx, how.reason ?? 'edited'),
    key,
  ]);
  const copy = Object.fromEntries(Object.entries(existing).filter(([c]) => c !== table.key && !AUDIT_COLUMNS.has(c)));
  const columns = await withAudit(
    table.name,
    { ...copy, ...change.columns, ...how.amend?.(existing), uuid: crypto.randomUUID(), [how.column]: key },
    { creator: ctx.userId, date_created: now(), ...NOT_DELETED },
    ctx,
  );
  const { insertId } = await ctx.sql.execute(`INSERT INTO \`${table.name}\` SET ?`, [columns]);
  for (const after of change.afterSave) await after(insertId, ctx.sql);
  await resource.validateSaved?.(insertId, ctx);
  return reload(resource, insertId, ctx);
}

/** DELETE without purge: retire or void; already deleted is success, since DELETE is idempotent. */
export async function retire(resource: Resource, existing: Row, reason: string, ctx: RequestContext): Promise<void> {
  const table = writableTable(resource);
  const flag = deletionFlag(resource, ctx);
  if (truthy(existing[flag])) return;
  await resource.beforeSave?.(existing, ctx);
  await ctx.sql.execute(`UPDATE \`${table.name}\` SET ? WHERE \`${table.key}\` = ?`, [
    deletion(resource, true, ctx, reason),
    existing[table.key],
  ]);
  await resource.cascadeVoid?.(existing, reason, ctx);
}

/** `POST {"deleted": "false"}`: unretire or unvoid. */
export async function restore(resource: Resource, existing: Row, ctx: RequestContext): Promise<Row> {
  const table = writableTable(resource);
  deletionFlag(resource, ctx);
  await resource.beforeSave?.(existing, ctx);
  const columns = await withChangeAudit(table.name, deletion(resource, false, ctx), ctx);
  await ctx.sql.execute(`UPDATE \`${table.name}\` SET ? WHERE \`${table.key}\` = ?`, [columns, existing[table.key]]);
  await resource.cascadeVoid?.(existing, null, ctx);
  return reload(resource, existing[table.key], ctx);
}

export async function purge(resource: Resource, existing: Row, ctx: RequestContext): Promise<void> {
  const table = writableTable(resource);
  await resource.beforePurge?.(existing, ctx);
  await ctx.sql.execute(`DELETE FROM \`${table.name}\` WHERE \`${table.key}\` = ?`, [existing[table.key]]);
}

function writableTable(resource: Resource): { name: string; key: string } {
  if (!resource.table) throw notSupported(`${resource.name} is read-only`);
  return resource.table;
}

/** The retired or voided column; a table without one cannot be retired (role, privilege). */
function deletionFlag(resource: Resource, ctx: RequestContext): string {
  const flag = resource.kind === 'metadata' ? 'retired' : 'voided';
  if (!ctx.backend.schema.columns(writableTable(resource).name).has(flag)) {
    throw notSupported(`${resource.name} cannot be ${flag}`);
  }
  return flag;
}

/**
 * The columns of a retire or void, and of their undoing, that the table has: a program has no
 * retired_by, a form's reason is retired_reason.
 */
function deletion(resource: Resource, deleted: boolean, ctx: RequestContext, reason = 'web service call'): Row {
  const [flag, by, date, ...why] =
    resource.kind === 'metadata'
      ? ['retired', 'retired_by', 'date_retired', 'retire_reason', 'retired_reason']
      : ['voided', 'voided_by', 'date_voided', 'void_reason'];
  const values: Row = deleted
    ? { [flag]: 1, [by]: ctx.userId, [date]: now(), ...Object.fromEntries(why.map((c) => [c, reason])) }
    : { [flag]: 0, [by]: null, [date]: null, ...Object.fromEntries(why.map((c) => [c, null])) };
  const present = ctx.backend.schema.columns(writableTable(resource).name);
  return Object.fromEntries(Object.entries(values).filter(([column]) => present.has(column)));
}

/** Adds those audit columns the table has (global_property, for one, has no creator). */
async function withAudit(table: string, columns: Row, audit: Row, ctx: RequestContext): Promise<Row> {
  const present = ctx.backend.schema.columns(table);
  return { ...columns, ...Object.fromEntries(Object.entries(audit).filter(([c]) => present.has(c))) };
}

async function withChangeAudit(table: string, columns: Row, ctx: RequestContext): Promise<Row> {
  if (Object.keys(columns).length === 0) return columns;
  return withAudit(table, columns, { changed_by: ctx.userId, date_changed: now() }, ctx);
}

/** Sets each allowed property in the resource's order; the rest must be unchanged or absent. */
export async function apply(resource: Resource, body: Row, allowed: string[], change: Change, ctx: RequestContext) {
  const notAllowed: string[] = [];
  for (const name of Object.keys(body)) {
    if (IGNORED.has(name) || allowed.includes(name)) continue;
    if (!change.existing || !(await unchanged(resource, change.existing, name, body[name], ctx))) notAllowed.push(name);
  }
  if (notAllowed.length > 0)
    throw conversionFailed(`Some properties are not allowed to be set: ${notAllowed.join(', ')}`);
  for (const name of allowed) {
    if (!(name in body) || name === 'uuid') continue;
    await setProperty(resource, name, body[name], change, ctx);
  }
}

async function unchanged(resource: Resource, row: Row, name: string, value: unknown, ctx: RequestContext) {
  try {
    const current = await propertyValue(resource, row, name, DEFAULT, ctx);
    const uuidOf = (v: unknown) => (v && typeof v === 'object' ? (v as Row).uuid : v);
    return JSON.stringify(uuidOf(current)) === JSON.stringify(uuidOf(value));
  } catch {
    return false;
  }
}

async function setProperty(resource: Resource, name: string, value: unknown, change: Change, ctx: RequestContext) {
  const property = resource.properties[name];
  if (!property) throw conversionFailed(`Unknown property '${name}' on ${resource.name}`);
  if (isComputed(property)) {
    if (!property.set) throw conversionFailed(`${name} on ${resource.name} is read-only`);
    await property.set(value, change, ctx);
  } else if (isReference(property)) {
    change.columns[property.column] = await referenceKey(property.resource, value, ctx);
  } else {
    change.columns[property.column] = coerce(name, value, property.type ?? 'string');
  }
}

/** A reference in a body is a uuid (or an object with one); null clears it. */
export async function referenceKey(resourceName: string, value: unknown, ctx: RequestContext): Promise<unknown> {
  if (value === null) return null;
  const id = typeof value === 'object' ? (value as Row).uuid : value;
  const target = ctx.resource(resourceName);
  // ConversionUtil converts it through the resource's getByUniqueId, with that method's privileges.
  ctx.require(target.privileges.get);
  const row = typeof id === 'string' ? await findRow(target, id, ctx) : undefined;
  if (!row || !target.table) throw conversionFailed(`${shown(value)} is not the uuid of any ${resourceName}`);
  return row[target.table.key];
}

/** getByUniqueId: the resource's own lookup, or its table by uuid. */
export async function findRow(resource: Resource, id: string, ctx: RequestContext): Promise<Row | undefined> {
  if (resource.find) return resource.find(id, ctx);
  if (!resource.table) return undefined;
  const [row] = await ctx.sql.rows(`SELECT * FROM \`${resource.table.name}\` WHERE uuid = ?`, [id]);
  return row;
}

function coerce(name: string, value: unknown, type: 'string' | 'boolean' | 'number' | 'date'): unknown {
  if (value === null) return null;
  const fail = () => conversionFailed(`Cannot convert ${shown(value)} to a ${type} for ${name}`);
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (value === 'true' || value === 'false') return value === 'true' ? 1 : 0;
      throw fail();
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      // JSON's 1e400 reads as Infinity, which no column holds.
      if (typeof number === 'number' && Number.isFinite(number)) return number;
      throw fail();
    }
    case 'date': {
      const parsed = typeof value === 'string' ? parseRestDate(value) : undefined;
      if (parsed === undefined) throw fail();
      return parsed;
    }
    default:
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      throw fail();
  }
}

/** A posted collection (a patient's identifiers, an encounter's obs): a list of objects, or a 400. */
export function objectList(value: unknown, name: string): Row[] {
  if (!Array.isArray(value)) throw conversionFailed(`${name} must be a list`);
  for (const item of value) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw conversionFailed(`Each of ${name} must be an object, not ${shown(item)}`);
    }
  }
  return value as Row[];
}

/** A posted value in a message: short, whatever it is. */
export function shown(value: unknown): string {
  const text =
    typeof value === 'object' && value !== null
      ? Array.isArray(value)
        ? 'a list'
        : 'an object'
      : typeof value === 'number'
        ? String(value) // JSON's 1e400 is Infinity, which JSON.stringify would write as null
        : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** ValidateUtil: required columns must hold something, strings must fit; then the resource's own rules. */
async function validate(resource: Resource, change: Change, ctx: RequestContext): Promise<void> {
  const table = writableTable(resource);
  const columns = ctx.backend.schema.columns(table.name);
  const errors: Record<string, FieldError[]> = {};
  const fieldOf = (column: string) =>
    Object.entries(resource.properties).find(([, p]) => 'column' in p && p.column === column)?.[0] ?? column;
  for (const info of columns.values()) {
    if (AUDIT_COLUMNS.has(info.name) || info.name === table.key) continue;
    const value = info.name in change.columns ? change.columns[info.name] : change.existing?.[info.name];
    const blank = value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
    if (blank && !info.nullable && !(value === undefined && info.hasDefault)) {
      errors[fieldOf(info.name)] = [{ code: 'error.null', message: 'Cannot be empty or null' }];
    } else if (typeof value === 'string' && info.maxLength !== null && value.length > info.maxLength) {
      errors[fieldOf(info.name)] = [
        { code: 'error.exceededMaxLengthOfField', message: `Exceeded maximum length of field (${info.maxLength})` },
      ];
    }
  }
  Object.assign(errors, resource.validate ? await resource.validate(change, ctx) : {});
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

async function reload(resource: Resource, key: unknown, ctx: RequestContext): Promise<Row> {
  const table = writableTable(resource);
  const [row] = await ctx.sql.rows(`SELECT * FROM \`${table.name}\` WHERE \`${table.key}\` = ?`, [key]);
  return row;
}

/**
 * A collection posted inside its parent (a person's names, a patient's identifiers): an item with
 * the uuid of one of the parent's rows updates it, any other item is created under the parent.
 */
export async function saveChildren(resource: Resource, items: Row[], fixed: Row, ctx: RequestContext): Promise<void> {
  const table = writableTable(resource);
  for (const item of items) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw conversionFailed(`Each of ${resource.name}'s items must be an object, not ${shown(item)}`);
    }
    // The display of an edited item is stale; it is never set anyway.
    const body = { ...item };
    delete body.display;
    const [column, parentKey] = Object.entries(fixed)[0];
    const [row] =
      typeof body.uuid === 'string'
        ? await ctx.sql.rows(`SELECT * FROM \`${table.name}\` WHERE uuid = ? AND \`${column}\` = ?`, [
            body.uuid,
            parentKey,
          ])
        : [];
    if (row) await update(resource, row, body, ctx);
    else await create(resource, body, ctx, fixed);
  }
}

/** What belongs to a row, for voidOwned: a table, and the condition on the row's key (`?`) that picks them. */
export interface Owned {
  table: string;
  where: string;
}

/**
 * RequiredDataAdvice's void and unvoid handlers: what belongs to a row is voided with it, at its date and
 * for its reason; unvoiding restores what was voided with it, recognised by that date (BaseUnvoidHandler)
 * or, with `sameVoid` 'reason', by that reason (EncounterServiceImpl.unvoidEncounter). `row` is the row
 * as it was before the void or unvoid.
 */
export async function voidOwned(
  resource: Resource,
  row: Row,
  reason: string | null,
  owned: Owned[],
  ctx: RequestContext,
  sameVoid: 'date' | 'reason' = 'date',
): Promise<void> {
  const table = writableTable(resource);
  const key = row[table.key];
  if (reason === null) {
    const [column, value] = sameVoid === 'date' ? ['date_voided', row.date_voided] : ['void_reason', row.void_reason];
    for (const { table: child, where } of owned) {
      await ctx.sql.execute(
        `UPDATE \`${child}\` SET voided = 0, voided_by = NULL, date_voided = NULL, void_reason = NULL WHERE (${where}) AND voided = 1 AND ${column} <=> ?`,
        [key, value],
      );
    }
    return;
  }
  const [{ date_voided: date }] = await ctx.sql.rows(
    `SELECT date_voided FROM \`${table.name}\` WHERE \`${table.key}\` = ?`,
    [key],
  );
  for (const { table: child, where } of owned) {
    await ctx.sql.execute(
      `UPDATE \`${child}\` SET voided = 1, voided_by = ?, date_voided = ?, void_reason = ? WHERE (${where}) AND voided = 0`,
      [ctx.userId, date, reason, key],
    );
  }
}
