import type { Row, Sql } from '../../database';
import { localDateTime, now } from '../../dates';
import { apiException, methodNotAllowed, objectNotFound, unknownResource } from '../../http/errors';
import { ok, type Reply } from '../../http/reply';
import { globalProperty } from '../../settings';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';
import { represent, selfLink, truthy } from '../represent';
import { DEFAULT, FULL, REF, type Representation } from '../representation';

// The idgen module's REST: identifier sources, auto-generation options, and generating the next
// identifier of a sequential source. The sequence row is locked for the whole generation, so
// concurrent requests each get their own number.

const SEQUENTIAL =
  'SELECT s.*, g.next_sequence_value, g.base_character_set, g.first_identifier_base, g.prefix, g.suffix, g.min_length, g.max_length FROM idgen_identifier_source s LEFT JOIN idgen_seq_id_gen g ON g.id = s.id';

function view(ctx: RequestContext): Representation {
  const v = ctx.params.get('v');
  return v === 'full' ? FULL : v === 'ref' ? REF : DEFAULT;
}

async function nested(resource: string, key: unknown, rep: Representation, ctx: RequestContext) {
  const row = await ctx.row(resource, key);
  return row ? represent(ctx.resource(resource), row, rep.kind === 'full' ? DEFAULT : REF, ctx) : null;
}

async function source(row: Row, rep: Representation, ctx: RequestContext): Promise<Row> {
  const result: Row = { uuid: row.uuid, display: row.name, links: [selfLink(ctx, 'idgen/identifiersource', row.uuid)] };
  if (rep.kind === 'ref') return result;
  Object.assign(result, {
    name: row.name,
    description: row.description,
    identifierType: await nested('patientidentifiertype', row.identifier_type, rep, ctx),
    retired: truthy(row.retired),
  });
  if (row.base_character_set !== null && row.base_character_set !== undefined) {
    Object.assign(result, {
      prefix: row.prefix,
      suffix: row.suffix,
      firstIdentifierBase: row.first_identifier_base,
      baseCharacterSet: row.base_character_set,
      minLength: row.min_length,
      maxLength: row.max_length,
    });
  }
  return result;
}

async function option(row: Row, rep: Representation, ctx: RequestContext): Promise<Row> {
  const [src] = await ctx.sql.rows(`${SEQUENTIAL} WHERE s.id = ?`, [row.source]);
  return {
    uuid: row.uuid,
    display: row.uuid,
    identifierType: await nested('patientidentifiertype', row.identifier_type, rep, ctx),
    location: await nested('location', row.location, rep, ctx),
    source: src ? await source(src, rep.kind === 'full' ? DEFAULT : REF, ctx) : null,
    manualEntryEnabled: truthy(row.manual_entry_enabled),
    automaticGenerationEnabled: truthy(row.automatic_generation_enabled),
    links: [selfLink(ctx, 'idgen/autogenerationoption', row.uuid)],
  };
}

/** Sequence number ↔ text in the source's base character set. */
function toBase(n: number, chars: string): string {
  let text = '';
  do {
    text = chars[n % chars.length] + text;
    n = Math.floor(n / chars.length);
  } while (n > 0);
  return text;
}

function fromBase(text: string, chars: string): number {
  return [...text].reduce((n, c) => n * chars.length + chars.indexOf(c), 0);
}

/**
 * csaudecore's TarvNidPrefixProvider: "0" + the facility code + the TARV service code "01" + "/" +
 * the year in Maputo + "/". Like idgen's LocationBasedPrefixProvider, the code is the attribute of the
 * session location, or of its nearest ancestor that has one; without a session location it fails.
 */
async function prefixOf(row: Row, sql: Sql, ctx: RequestContext): Promise<string> {
  const prefix = String(row.prefix ?? '');
  if (!prefix.startsWith('provider:')) return prefix;
  const attributeType = await globalProperty(sql, 'idgen.prefixLocationAttributeType', 'Health Facility Code');
  const seen = new Set<number>();
  for (let location = ctx.session.locationId; location !== undefined && !seen.has(location);) {
    seen.add(location);
    const [found] = await sql.rows(
      `SELECT l.parent_location AS parent, a.value_reference AS code FROM location l
       LEFT JOIN location_attribute_type t ON t.name = ?
       LEFT JOIN location_attribute a ON a.location_id = l.location_id AND a.attribute_type_id = t.location_attribute_type_id AND a.voided = 0
       WHERE l.location_id = ?`,
      [attributeType, location],
    );
    if (found?.code) return `0${String(found.code)}01/${now().slice(0, 4)}/`;
    location = found?.parent === null || found?.parent === undefined ? undefined : Number(found.parent);
  }
  throw apiException(
    ctx.session.locationId === undefined
      ? 'No Location found in current UserContext'
      : `No ${attributeType} on the session location or its parents`,
  );
}

export async function generateIdentifier(uuid: string, ctx: RequestContext): Promise<string> {
  return ctx.transaction(async ({ sql }) => {
    const [row] = await sql.rows(`${SEQUENTIAL} WHERE s.uuid = ? FOR UPDATE`, [uuid]);
    if (!row || row.base_character_set === null) throw objectNotFound();
    const chars = String(row.base_character_set);
    const prefix = await prefixOf(row, sql, ctx);
    const suffix = String(row.suffix ?? '');
    const firstBase = String(row.first_identifier_base);
    const width = Math.max(firstBase.length, Number(row.min_length ?? 0) - prefix.length - suffix.length);
    let sequence = Number(row.next_sequence_value);
    if (sequence < 0) sequence = fromBase(firstBase, chars);
    // Identifiers already held (imported, or typed by hand) are skipped, not handed out again.
    let identifier: string;
    for (;;) {
      identifier = `${prefix}${toBase(sequence, chars).padStart(width, chars[0])}${suffix}`;
      sequence += 1;
      const [used] = await sql.rows(
        'SELECT 1 FROM patient_identifier WHERE identifier = ? AND identifier_type = ? LIMIT 1',
        [identifier, row.identifier_type],
      );
      if (!used) break;
    }
    await sql.execute('UPDATE idgen_seq_id_gen SET next_sequence_value = ? WHERE id = ?', [sequence, row.id]);
    await sql.execute('INSERT INTO idgen_log_entry SET ?', [
      {
        source: row.id,
        identifier,
        date_generated: localDateTime(new Date()),
        generated_by: ctx.userId,
        comment: 'Generated via REST',
      },
    ]);
    return identifier;
  });
}

/** One row when a uuid was asked for, else the list. */
async function answer(rows: Row[], uuid: string | undefined, show: (row: Row) => Promise<Row>): Promise<Reply> {
  if (uuid === undefined) return ok({ results: await Promise.all(rows.map(show)) });
  if (!rows[0]) throw objectNotFound();
  return ok(await show(rows[0]));
}

export const idgen: Controller = {
  name: 'idgen',
  handlers: {},
  route: async (segments, method, ctx, body) => {
    const [kind, uuid, action] = segments;
    if (kind === 'identifiersource' && action === 'identifier' && segments.length === 3) {
      if (method !== 'POST') throw methodNotAllowed(method);
      await body();
      // IdentifierSourceService: getIdentifierSourceByUuid needs a logged-in user, generateIdentifier
      // Edit Patient Identifiers.
      ctx.require();
      ctx.require('Edit Patient Identifiers');
      return { status: 201, body: { identifier: await generateIdentifier(uuid, ctx) } };
    }
    // The sources and options: @Authorized with no privilege.
    ctx.require();
    if (method !== 'GET' || segments.length > 2) throw methodNotAllowed(method);
    const rep = view(ctx);
    if (kind === 'identifiersource') {
      const rows = await ctx.sql.rows(
        `${SEQUENTIAL} WHERE ${uuid ? 's.uuid = ?' : 's.retired = 0'} ORDER BY s.name`,
        uuid ? [uuid] : [],
      );
      return answer(rows, uuid, (r) => source(r, rep, ctx));
    }
    if (kind === 'autogenerationoption') {
      const rows = await ctx.sql.rows(
        `SELECT * FROM idgen_auto_generation_option ${uuid ? 'WHERE uuid = ?' : ''} ORDER BY id`,
        uuid ? [uuid] : [],
      );
      return answer(rows, uuid, (r) => option(r, rep, ctx));
    }
    throw unknownResource(`v1/idgen/${segments.join('/')}`);
  },
};
