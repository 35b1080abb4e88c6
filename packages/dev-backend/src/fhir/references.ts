import type { Row } from '../database';
import type { RequestContext } from '../rest/context';
import { personDisplay } from '../rest/resources/person';
import { invalidRequest, idOf } from './types';

// fhir2's ReferenceHandlingTranslator: references to patients, users (as Practitioner), encounters
// and drugs, with the display it gives each.

/** "<full name> (<identifier type>: <identifier>)", the preferred identifier. */
export async function patientReference(patientId: unknown, ctx: RequestContext): Promise<Row | undefined> {
  const person = await ctx.row('person', patientId);
  if (!person) return undefined;
  const [identifier] = await ctx.sql.rows(
    `SELECT i.identifier, t.name FROM patient_identifier i
     JOIN patient_identifier_type t ON t.patient_identifier_type_id = i.identifier_type
     WHERE i.patient_id = ? AND i.voided = 0 ORDER BY i.preferred DESC, i.patient_identifier_id LIMIT 1`,
    [patientId],
  );
  const name = await personDisplay(patientId, ctx);
  const id = identifier ? `(${String(identifier.name)}: ${String(identifier.identifier)})` : '';
  return {
    reference: `Patient/${String(person.uuid)}`,
    type: 'Patient',
    display: [name, id].filter(Boolean).join(' '),
  };
}

/** A user as a Practitioner: the user's uuid and person's full name. */
export async function userReference(userId: unknown, ctx: RequestContext): Promise<Row | undefined> {
  const user = await ctx.row('user', userId);
  if (!user) return undefined;
  return {
    reference: `Practitioner/${String(user.uuid)}`,
    type: 'Practitioner',
    display: await personDisplay(user.person_id, ctx),
  };
}

export async function encounterReference(encounterId: unknown, ctx: RequestContext): Promise<Row | undefined> {
  const encounter = await ctx.row('encounter', encounterId);
  return encounter && { reference: `Encounter/${String(encounter.uuid)}`, type: 'Encounter' };
}

/** The row a body's reference ("Type/<uuid>") names; a required one that is missing or unknown is a 400. */
export async function referencedRow(
  reference: unknown,
  table: string,
  ctx: RequestContext,
  required = true,
): Promise<Row | undefined> {
  const text = reference && typeof reference === 'object' ? (reference as Row).reference : undefined;
  if (typeof text !== 'string' || text === '') {
    if (required) throw invalidRequest(`A reference to a ${table} is required`);
    return undefined;
  }
  const [row] = await ctx.sql.rows(`SELECT * FROM \`${table}\` WHERE uuid = ?`, [idOf(text)]);
  if (!row && required) throw invalidRequest(`No ${table} for reference ${text}`);
  return row;
}

/** ConceptTranslator.toOpenmrsType: a coding without a system names a concept by its uuid. */
export async function conceptOf(codeable: unknown, ctx: RequestContext): Promise<Row | undefined> {
  const codings = ((codeable as Row | undefined)?.coding as Row[] | undefined) ?? [];
  for (const coding of codings) {
    if (coding.system || typeof coding.code !== 'string') continue;
    const [concept] = await ctx.sql.rows('SELECT * FROM concept WHERE uuid = ?', [coding.code]);
    if (concept) return concept;
  }
  return undefined;
}
