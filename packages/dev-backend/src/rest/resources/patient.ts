import { likeInfix, likePrefix, type Row } from '../../database';
import { now } from '../../dates';
import { conversionFailed } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Candidates, Change, Listing, Resource } from '../resource';
import { personErrors, validateSavedPatient } from '../validators/person';
import { apply, objectList, retire, saveChildren, voidOwned, type Owned } from '../writes';
import { nameMatch, nameWord, nameWords, person, personDisplay, PERSON_FIELDS } from './person';

// PatientResource 1.8. The patient table has no uuid (a patient is its person's subclass), so the
// resource reads the person table, restricted to rows that have a patient row; the patient row
// itself is written after the person.

function identifiersOf(patientId: unknown, ctx: RequestContext): Promise<Row[]> {
  return ctx.loader.owned('patient_identifier', 'patient_id', patientId, 'preferred DESC, patient_identifier_id');
}

/** The nested person is written into the same person row; on create the patient row follows it. */
async function setPerson(value: unknown, change: Change, ctx: RequestContext): Promise<void> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw conversionFailed('person must be an object (an existing person cannot be made a patient yet)');
  }
  const body = value as Row;
  if (!change.existing) {
    const missing = (person.required ?? []).filter((p) => !(p in body));
    if (missing.length > 0)
      throw conversionFailed(`Some required properties are missing: person.${missing.join(', person.')}`);
    change.afterSave.push(async (personId, sql) => {
      await sql.execute('INSERT INTO patient SET ?', [
        { patient_id: personId, creator: ctx.userId, date_created: now() },
      ]);
    });
  }
  // The patient's uuid is its person's: a nested person uuid has nothing to add.
  const rest = { ...body };
  delete rest.uuid;
  await apply(person, rest, PERSON_FIELDS, change, ctx);
}

function setIdentifiers(value: unknown, change: Change, ctx: RequestContext): void {
  const items = objectList(value, 'identifiers');
  const marked = items.some((item) => item.preferred === true || item.preferred === 'true');
  const first = !marked && !change.existing;
  change.afterSave.push((patientId) =>
    saveChildren(
      ctx.resource('patientidentifier'),
      items.map((item, i) => (first && i === 0 ? { ...item, preferred: true } : item)),
      { patient_id: patientId },
      ctx,
    ),
  );
}

/** `q` (name words or an identifier, whole or partial), `identifier` (exact or start). */
function patientSearch(ctx: RequestContext): Listing {
  const where = ['t.voided = 0'];
  const params: unknown[] = [];
  const q = ctx.param('q');
  const identifier = ctx.param('identifier');
  if (q === undefined && identifier === undefined) return { rows: [] };
  let candidates: Candidates | undefined;
  if (q !== undefined) {
    // Driven by the patients whose names start with the first word (name indexes) or whose identifier
    // contains q (one scan of patient_identifier); the other words filter those.
    const [first, ...others] = nameWords(q);
    const firstWord = nameWord(first);
    const identifierLike = likeInfix(q.trim());
    candidates = {
      sql: `SELECT n.person_id AS id FROM person_name n WHERE n.voided = 0 AND ${firstWord.where}
            UNION SELECT i.patient_id FROM patient_identifier i WHERE i.voided = 0 AND i.identifier LIKE ?`,
      params: [...firstWord.params, identifierLike],
    };
    if (others.length > 0) {
      const match = nameMatch(others.join(' '));
      where.push(
        `(${match.where} OR EXISTS (SELECT 1 FROM patient_identifier i WHERE i.patient_id = t.person_id AND i.voided = 0 AND i.identifier LIKE ?))`,
      );
      params.push(...match.params, identifierLike);
    }
  }
  if (identifier !== undefined) {
    const start = ctx.params.get('searchType') === 'start';
    where.push(
      `EXISTS (SELECT 1 FROM patient_identifier i WHERE i.patient_id = t.person_id AND i.voided = 0 AND i.identifier ${start ? 'LIKE' : '='} ?)`,
    );
    params.push(start ? likePrefix(identifier) : identifier);
  }
  if (ctx.params.get('includeDead') === 'false') where.push('t.dead = 0');
  return {
    joins: 'JOIN patient pa ON pa.patient_id = t.person_id AND pa.voided = 0',
    where: where.join(' AND '),
    params,
    orderBy: 't.person_id',
    candidates,
  };
}

const PATIENT_PARTS: Owned[] = [
  { table: 'patient', where: 'patient_id = ?' },
  { table: 'patient_identifier', where: 'patient_id = ?' },
  { table: 'person_name', where: 'person_id = ?' },
  { table: 'person_address', where: 'person_id = ?' },
  { table: 'person_attribute', where: 'person_id = ?' },
];

/** Patient.getPatientIdentifier: the preferred unvoided identifier. */
export const patientIdentifierOf = async (patientId: unknown, ctx: RequestContext) =>
  (await identifiersOf(patientId, ctx))[0];
const preferredIdentifier = (row: Row, ctx: RequestContext) => patientIdentifierOf(row.person_id, ctx);

export const patient: Resource = {
  name: 'patient',
  version: '1.8',
  kind: 'data',
  table: { name: 'person', key: 'person_id' },
  properties: {
    patientId: { get: (row) => row.person_id },
    person: { resource: 'person', get: (row) => row, set: setPerson },
    identifiers: {
      resource: 'patientidentifier',
      get: (row, ctx) => identifiersOf(row.person_id, ctx),
      set: setIdentifiers,
    },
    patientIdentifier: { resource: 'patientidentifier', get: preferredIdentifier },
    attributes: { resource: 'personattribute', get: getAttributes },
  },
  representations: {
    default: 'uuid,display,identifiers:ref,person:default,voided',
    full: 'uuid,display,identifiers,person:full,voided,auditInfo',
  },
  display: async (row, ctx) => {
    const identifier = await preferredIdentifier(row, ctx);
    const name = await personDisplay(row.person_id, ctx);
    return identifier ? `${String(identifier.identifier)} - ${name}` : name;
  },
  // PatientServiceImpl.requireAppropriatePatientModificationPrivilege: Add Patients for a new patient,
  // Edit Patients for a saved one; PatientResource1_9.delete first lists the visits it voids with the
  // patient (Get Visits), and voiding them needs Delete Visits (cascadeVoid).
  privileges: {
    get: 'Get Patients',
    create: 'Add Patients',
    update: 'Edit Patients',
    delete: 'Get Visits; Delete Patients',
    undelete: 'Delete Patients; Edit Patients',
    purge: 'Purge Patients',
  },
  find: async (id, ctx) =>
    (
      await ctx.sql.rows('SELECT t.* FROM person t JOIN patient pa ON pa.patient_id = t.person_id WHERE t.uuid = ?', [
        id,
      ])
    )[0],
  search: patientSearch,
  creatable: ['person', 'identifiers'],
  required: ['person', 'identifiers'],
  // The nested person's columns are written into this row: PersonValidator checks them.
  validate: async (change) => personErrors(change),
  validateSaved: validateSavedPatient,
  // PatientResource1_9.delete voids the patient's visits first ("Patient deleted"); the void handlers
  // then void the identifiers, names, addresses and attributes with the patient. Unvoiding restores
  // those (not the visits).
  cascadeVoid: async (row, reason, ctx) => {
    if (reason !== null) {
      const visits = await ctx.sql.rows('SELECT * FROM visit WHERE patient_id = ? AND voided = 0', [row.person_id]);
      if (visits.length > 0) ctx.require('Delete Visits');
      for (const visit of visits) await retire(ctx.resource('visit'), visit, 'Patient deleted', ctx);
    }
    await voidOwned(patient, row, reason, PATIENT_PARTS, ctx);
  },
};

function getAttributes(row: Row, ctx: RequestContext): Promise<Row[]> {
  return ctx.sql.rows('SELECT * FROM person_attribute WHERE person_id = ? AND voided = 0', [row.person_id]);
}
