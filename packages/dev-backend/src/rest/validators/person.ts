import { now } from '../../dates';
import { RestError, ValidationError, type FieldError } from '../../http/errors';
import type { RequestContext } from '../context';
import type { Change } from '../resource';

// PersonValidator, PersonNameValidator and PatientValidator of OpenMRS 2.7, with the messages of its
// messages.properties. Rules on the person's own columns run before the row is saved; those on its
// collections (names, identifiers) once they are saved, in the same transaction.

type Errors = Record<string, FieldError[]>;

/** Dates as 'YYYY-MM-DD…' strings compare as dates. */
const day = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

/** PersonValidator.validateBirthDate, validateDeathDate and validateDeathCause. */
export function personErrors(change: Change): Errors {
  const person = { ...change.existing, ...change.columns };
  const errors: Errors = {};
  const reject = (field: string, code: string, message: string) => (errors[field] ??= []).push({ code, message });
  const today = now();
  const born = day(person.birthdate);
  const died = day(person.death_date);
  if (born !== undefined) {
    if (born > today) reject('birthdate', 'error.date.future', 'Cannot be a date in the future');
    if (born < `${Number(today.slice(0, 4)) - 140}${today.slice(4)}`) {
      reject('birthdate', 'error.date.nonsensical', 'Nonsensical date, please check.');
    }
  }
  if (died !== undefined) {
    if (died > today) reject('deathDate', 'error.date.future', 'Cannot be a date in the future');
    if (born !== undefined && died < born) {
      reject('deathDate', 'error.deathdate.before.birthdate', 'Death date must be after birth date');
    }
  }
  const dead = person.dead === 1 || person.dead === true;
  const coded = person.cause_of_death !== null && person.cause_of_death !== undefined;
  const written = person.cause_of_death_non_coded !== null && person.cause_of_death_non_coded !== undefined;
  if (dead && coded && written) {
    reject(
      'causeOfDeath',
      'Person.dead.shouldHaveOnlyOneCauseOfDeathOrCauseOfDeathNonCodedSet',
      'Either cause of death or cause of death non coded should be set. Not both.',
    );
  } else if (dead && !coded && !written) {
    reject(
      'causeOfDeath',
      'Person.dead.causeOfDeathAndCauseOfDeathNonCodedNull',
      'Cause of Death or Cause of Death (non coded) is required for people marked as deceased.',
    );
  }
  if (typeof person.gender === 'string' && person.gender.trim() === '') {
    reject('gender', 'Person.gender.required', 'Please select a gender');
  }
  return errors;
}

/** PersonNameValidator: a given name that is not blank (quotes aside). */
export function nameErrors(change: Change): Errors {
  const given = { ...change.existing, ...change.columns }.given_name;
  if (typeof given === 'string' && given.replace(/"/g, '').trim() !== '') return {};
  return { givenName: [{ code: 'Patient.names.required.given.family', message: 'You must define the Given Name' }] };
}

/** PersonValidator: a person that is not voided keeps at least one name that is not. */
export async function validateSavedPerson(personId: unknown, ctx: RequestContext): Promise<void> {
  const [person] = await ctx.sql.rows(
    'SELECT voided, (SELECT COUNT(*) FROM person_name n WHERE n.person_id = p.person_id AND n.voided = 0) AS names FROM person p WHERE p.person_id = ?',
    [personId],
  );
  if (!person || Number(person.voided) === 1 || Number(person.names) > 0) return;
  throw new ValidationError({
    names: [
      { code: 'Person.shouldHaveAtleastOneNonVoidedName', message: 'Person must have at least one non-deleted name' },
    ],
  });
}

/**
 * PatientValidator and PatientServiceImpl.checkPatientIdentifiers: a patient that is not voided has an
 * identifier, and never the same identifier of the same type twice — which OpenMRS refuses with a
 * DuplicateIdentifierException, an APIException that REST answers with 500.
 */
export async function validateSavedPatient(patientId: unknown, ctx: RequestContext): Promise<void> {
  await validateSavedPerson(patientId, ctx);
  const [patient] = await ctx.sql.rows('SELECT voided FROM patient WHERE patient_id = ?', [patientId]);
  if (!patient || Number(patient.voided) === 1) return;
  const identifiers = await ctx.sql.rows<{ identifier: string; identifier_type: number }>(
    'SELECT identifier, identifier_type FROM patient_identifier WHERE patient_id = ? AND voided = 0 ORDER BY patient_identifier_id',
    [patientId],
  );
  if (identifiers.length === 0) {
    throw new ValidationError({}, [{ code: 'error.preferredIdentifier', message: 'Select a preferred identifier' }]);
  }
  const seen = new Set<string>();
  for (const { identifier, identifier_type: type } of identifiers) {
    const compared = `${identifier} id type #: ${type}`;
    if (seen.has(compared)) {
      throw new RestError(
        500,
        '',
        `This patient has two identical identifiers of type ${compared}`,
        'DuplicateIdentifierException',
      );
    }
    seen.add(compared);
  }
}
