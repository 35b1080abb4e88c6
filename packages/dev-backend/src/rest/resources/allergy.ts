import type { Row } from '../../database';
import { conversionFailed, notSupported, type FieldError } from '../../http/errors';
import { globalProperty } from '../../settings';
import type { RequestContext } from '../context';
import { represent } from '../represent';
import { REF, type Representation } from '../representation';
import type { Change, ComputedProperty, Resource } from '../resource';
import { referenceKey } from '../writes';
import { conceptDisplay } from './concept';
import { NOBODY_CHECKED } from '../resource';

// PatientAllergyResource2_0 (patient/<uuid>/allergy) with AllergenConverter2_0 and
// AllergyReactionConverter2_0, PatientService.saveAllergy and AllergyValidator. A patient without
// allergies whose allergy status is Unknown has no list at all (204).

const ALLERGEN_TYPES = ['DRUG', 'FOOD', 'ENVIRONMENT', 'OTHER'];
/** Core's default for allergy.concept.otherNonCoded. */
const OTHER_NON_CODED = '5622AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function otherNonCodedConcept(ctx: RequestContext): Promise<unknown> {
  const uuid = await globalProperty(ctx.sql, 'allergy.concept.otherNonCoded', OTHER_NON_CODED);
  return (await ctx.sql.rows('SELECT concept_id FROM concept WHERE uuid = ?', [uuid]))[0]?.concept_id;
}

/** Allergen.isCoded: a coded allergen that is not "other non-coded". */
async function isCoded(row: Row, ctx: RequestContext): Promise<boolean> {
  return row.coded_allergen !== null && row.coded_allergen !== (await otherNonCodedConcept(ctx));
}

const nested = (rep: Representation, property: string): Representation =>
  rep.kind === 'custom' ? (rep.properties.find((p) => p.name === property)?.representation ?? REF) : rep;

async function concept(conceptId: unknown, rep: Representation, ctx: RequestContext): Promise<unknown> {
  const row = await ctx.row('concept', conceptId);
  return row ? represent(ctx.resource('concept'), row, rep, ctx) : null;
}

const allergen: ComputedProperty = {
  get: async (row, ctx, rep) => ({
    allergenType: row.allergen_type,
    codedAllergen: await concept(row.coded_allergen, nested(rep, 'codedAllergen'), ctx),
    nonCodedAllergen: row.non_coded_allergen ?? null,
  }),
  set: async (value, change, ctx) => {
    if (!value || typeof value !== 'object') throw conversionFailed(`${JSON.stringify(value)} is not an allergen`);
    const input = value as Row;
    if (input.allergenType !== undefined) {
      if (typeof input.allergenType !== 'string' || !ALLERGEN_TYPES.includes(input.allergenType)) {
        throw conversionFailed(`Cannot convert ${JSON.stringify(input.allergenType)} to an allergen type`);
      }
      change.columns.allergen_type = input.allergenType;
    }
    if (input.codedAllergen !== undefined) {
      change.columns.coded_allergen = await referenceKey('concept', input.codedAllergen, ctx);
    }
    if (input.nonCodedAllergen !== undefined) change.columns.non_coded_allergen = input.nonCodedAllergen;
  },
};

/** The reactions, replaced as a whole by a write (Allergy.setReactions with orphan removal). */
const reactions: ComputedProperty = {
  get: async (row, ctx, rep) => {
    const rows = await ctx.sql.rows(
      'SELECT * FROM allergy_reaction WHERE allergy_id = ? ORDER BY allergy_reaction_id',
      [row.allergy_id],
    );
    return Promise.all(
      rows.map(async (r) => ({
        reaction: await concept(r.reaction_concept_id, nested(rep, 'reaction'), ctx),
        reactionNonCoded: r.reaction_non_coded ?? null,
      })),
    );
  },
  set: async (value, change, ctx) => {
    if (!Array.isArray(value)) throw conversionFailed('reactions must be a list');
    const wanted: Row[] = [];
    for (const item of value as Row[]) {
      if (!item || typeof item !== 'object') throw conversionFailed(`${JSON.stringify(item)} is not a reaction`);
      wanted.push({
        reaction_concept_id: await referenceKey('concept', item.reaction, ctx),
        reaction_non_coded: typeof item.reactionNonCoded === 'string' ? item.reactionNonCoded : null,
      });
    }
    change.afterSave.push(async (key, sql) => {
      await sql.execute('DELETE FROM allergy_reaction WHERE allergy_id = ?', [key]);
      for (const reaction of wanted) {
        await sql.execute('INSERT INTO allergy_reaction SET ?, uuid = UUID()', [{ ...reaction, allergy_id: key }]);
      }
    });
  },
};

/** AllergyValidator. */
export async function validateAllergy(change: Change, ctx: RequestContext): Promise<Record<string, FieldError[]>> {
  const allergy = { ...change.existing, ...change.columns };
  const reject = (code: string, message: string) => ({ allergen: [{ code, message }] });
  if (!allergy.allergen_type) return reject('allergyapi.allergenType.required', 'Allergen type is required');
  const nonCoded = typeof allergy.non_coded_allergen === 'string' && allergy.non_coded_allergen.trim() !== '';
  if (allergy.coded_allergen === null || allergy.coded_allergen === undefined) {
    if (!nonCoded)
      return reject(
        'allergyapi.allergen.codedOrNonCodedAllergen.required',
        'A coded or non-coded allergen is required',
      );
  } else if (!(await isCoded(allergy, ctx)) && !nonCoded) {
    return reject('allergyapi.allergen.nonCodedAllergen.required', 'The non-coded allergen is required');
  }
  if (!change.existing) {
    const existing = await ctx.sql.rows('SELECT * FROM allergy WHERE patient_id = ? AND voided = 0', [
      allergy.patient_id,
    ]);
    const same = (await isCoded(allergy, ctx))
      ? existing.some((a) => a.coded_allergen === allergy.coded_allergen)
      : existing.some(
          (a) => String(a.non_coded_allergen ?? '').toLowerCase() === String(allergy.non_coded_allergen).toLowerCase(),
        );
    if (same) return reject('allergyapi.message.duplicateAllergen', 'The patient already has this allergen');
  }
  return {};
}

export const allergy: Resource = {
  name: 'allergy',
  parent: { resource: 'patient', path: 'allergy', column: 'patient_id' },
  version: '1.8',
  kind: 'data',
  table: { name: 'allergy', key: 'allergy_id' },
  properties: {
    allergen,
    severity: { column: 'severity_concept_id', resource: 'concept' },
    comment: { column: 'comments' },
    reactions,
    patient: { column: 'patient_id', resource: 'patient' },
  },
  representations: {
    ref: 'uuid,display',
    default: 'display,uuid,allergen:ref,severity:ref,comment,reactions:ref,patient:ref',
    full: 'display,uuid,allergen,severity,comment,reactions,patient,voided,auditInfo',
  },
  display: async (row, ctx) =>
    (await isCoded(row, ctx)) ? conceptDisplay(row.coded_allergen, ctx) : String(row.non_coded_allergen ?? ''),
  privileges: {
    get: 'Get Allergies',
    list: NOBODY_CHECKED,
    create: 'Add Allergies | Edit Allergies',
    update: 'Add Allergies | Edit Allergies',
    delete: 'Remove Allergies',
  },
  /** doGetAll: Unknown status and no allergies → 204; "No known allergies" → []. */
  childListing: async (patientId, ctx) => {
    const [{ n }] = await ctx.sql.rows('SELECT COUNT(*) AS n FROM allergy WHERE patient_id = ? AND voided = 0', [
      patientId,
    ]);
    if (Number(n) > 0)
      return { where: 't.patient_id = ? AND t.voided = 0', params: [patientId], orderBy: 't.allergy_id' };
    const [patient] = await ctx.sql.rows('SELECT allergy_status FROM patient WHERE patient_id = ?', [patientId]);
    return patient?.allergy_status === 'No known allergies' ? { rows: [] } : null;
  },
  creatable: ['allergen', 'severity', 'comment', 'reactions'],
  required: ['allergen'],
  validate: validateAllergy,
  // PatientAllergyResource2_0.purge: not supported.
  beforePurge: () => {
    throw notSupported();
  },
};
