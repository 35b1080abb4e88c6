import crypto from 'node:crypto';
import type { Row } from '../database';
import { fhirInstant, now } from '../dates';
import { ValidationError } from '../http/errors';
import type { RequestContext } from '../rest/context';
import { validateAllergy } from '../rest/resources/allergy';
import { globalProperty } from '../settings';
import { codeableConcept } from './observation';
import { conceptOf, patientReference, referencedRow, userReference } from './references';
import { idOf, prune, SearchFilter, type FhirType, type SearchSql } from './types';

// fhir2 2.8's AllergyIntoleranceTranslator and its search: category from the allergen type,
// criticality from the severity (through the allergy.concept.severity.* global properties), the
// reactions as manifestations, voided allergies as inactive.

const HL7 = 'http://terminology.hl7.org/CodeSystem';
const CATEGORIES: Record<string, string> = { DRUG: 'medication', FOOD: 'food', ENVIRONMENT: 'environment' };
const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
const CRITICALITY: Record<string, string> = { mild: 'low', moderate: 'unable-to-assess', severe: 'high' };

/** severity name → concept uuid, from the allergy.concept.severity.* global properties. */
async function severityConcepts(ctx: RequestContext): Promise<Record<string, string>> {
  const entries = await Promise.all(
    SEVERITIES.map(async (s) => [s, await globalProperty(ctx.sql, `allergy.concept.severity.${s}`, '')] as const),
  );
  return Object.fromEntries(entries.filter(([, uuid]) => uuid !== ''));
}

async function severityOf(row: Row, ctx: RequestContext): Promise<string | undefined> {
  const concept = await ctx.row('concept', row.severity_concept_id);
  if (!concept) return undefined;
  const concepts = await severityConcepts(ctx);
  return SEVERITIES.find((s) => concepts[s] === concept.uuid);
}

const status = (system: string, code: string) => {
  const display = code.charAt(0).toUpperCase() + code.slice(1);
  return { coding: [{ system: `${HL7}/${system}`, code, display }], text: display };
};

async function toFhir(row: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const code = row.coded_allergen === null ? {} : await codeableConcept(row.coded_allergen, ctx);
  if (row.non_coded_allergen) Object.assign(code, { text: row.non_coded_allergen });
  const reactions = await ctx.sql.rows(
    'SELECT * FROM allergy_reaction WHERE allergy_id = ? ORDER BY allergy_reaction_id',
    [row.allergy_id],
  );
  const severity = await severityOf(row, ctx);
  return prune({
    resourceType: 'AllergyIntolerance',
    id: row.uuid,
    meta: { lastUpdated: fhirInstant(row.date_changed ?? row.date_created) },
    clinicalStatus: status('allergyintolerance-clinical', Number(row.voided) === 1 ? 'inactive' : 'active'),
    verificationStatus: status('allergyintolerance-verification', 'confirmed'),
    type: 'allergy',
    category: CATEGORIES[String(row.allergen_type)] ? [CATEGORIES[String(row.allergen_type)]] : [],
    criticality: severity ? CRITICALITY[severity] : undefined,
    code,
    patient: await patientReference(row.patient_id, ctx),
    recordedDate: fhirInstant(row.date_created),
    recorder: await userReference(row.creator, ctx),
    note: row.comments ? [{ text: row.comments }] : [],
    reaction: [
      prune({
        substance: code,
        manifestation: await Promise.all(
          reactions
            .filter((r) => r.reaction_concept_id !== null)
            .map(async (r) => {
              const manifestation = await codeableConcept(r.reaction_concept_id, ctx);
              return r.reaction_non_coded ? { ...manifestation, text: r.reaction_non_coded } : manifestation;
            }),
        ),
        severity,
      }),
    ],
  });
}

/** clinical-status: active (unvoided, the default) or inactive (voided). */
function search(params: URLSearchParams): SearchSql {
  const statuses = params
    .getAll('clinical-status')
    .flatMap((s) => s.split(','))
    .map((s) => s.replace(/^.*\|/, ''));
  const voided =
    statuses.length === 0 || (statuses.includes('active') && !statuses.includes('inactive'))
      ? 't.voided = 0'
      : statuses.includes('active')
        ? '1 = 1'
        : 't.voided = 1';
  const types = Object.fromEntries(Object.entries(CATEGORIES).map(([type, category]) => [category, type]));
  const conceptByUuid = 't.coded_allergen = (SELECT c.concept_id FROM concept c WHERE c.uuid = ?)';
  return new SearchFilter(params, voided)
    .anyOf('_id', 't.uuid = ?')
    .patient('t.patient_id')
    .anyOf('category', 't.allergen_type = ?', (c) => types[c.replace(/^.*\|/, '')] ?? c)
    .anyOf('code', conceptByUuid, (c) => c.replace(/^.*\|/, ''))
    .anyOf(
      'manifestation',
      `EXISTS (SELECT 1 FROM allergy_reaction r JOIN concept c ON c.concept_id = r.reaction_concept_id
        WHERE r.allergy_id = t.allergy_id AND c.uuid = ?)`,
      (c) => c.replace(/^.*\|/, ''),
    )
    .anyOf(
      'severity',
      `t.severity_concept_id = (SELECT c.concept_id FROM concept c JOIN global_property g ON g.property_value = c.uuid
        WHERE g.property = CONCAT('allergy.concept.severity.', ?))`,
      (s) => s.replace(/^.*\|/, ''),
    )
    .sql('t.allergy_id');
}

/** AllergyIntoleranceTranslator.toOpenmrsType over an allergy's columns (existing when updating). */
async function columns(resource: Row, existing: Row | undefined, ctx: RequestContext): Promise<Row> {
  const out: Row = {};
  if (resource.code && existing === undefined) {
    out.coded_allergen = (await conceptOf(resource.code, ctx))?.concept_id ?? null;
  }
  const category = ((resource.category as string[] | undefined) ?? [])[0];
  if (category !== undefined) {
    out.allergen_type = Object.entries(CATEGORIES).find(([, c]) => c === category)?.[0] ?? null;
  }
  const clinical = ((resource.clinicalStatus as Row | undefined)?.coding as Row[] | undefined) ?? [];
  out.voided = clinical.some((c) => c.system === `${HL7}/allergyintolerance-clinical` && c.code === 'inactive') ? 1 : 0;
  const patient = await referencedRow(resource.patient, 'person', ctx);
  out.patient_id = patient!.person_id;
  const recorder = await referencedRow(resource.recorder, 'users', ctx, false);
  if (recorder) out.creator = recorder.user_id;
  const reaction = ((resource.reaction as Row[] | undefined) ?? [])[0];
  if (reaction?.severity !== undefined) {
    const uuid = (await severityConcepts(ctx))[String(reaction.severity)];
    out.severity_concept_id = uuid
      ? ((await ctx.sql.rows('SELECT concept_id FROM concept WHERE uuid = ?', [uuid]))[0]?.concept_id ?? null)
      : null;
  }
  const note = ((resource.note as Row[] | undefined) ?? [])[0];
  if (note) out.comments = note.text ?? null;
  return out;
}

/** Manifestations are added to the allergy's reactions (the translator appends them). */
async function addReactions(allergyId: unknown, resource: Row, ctx: RequestContext): Promise<void> {
  for (const reaction of (resource.reaction as Row[] | undefined) ?? []) {
    for (const manifestation of (reaction.manifestation as Row[] | undefined) ?? []) {
      const concept = await conceptOf(manifestation, ctx);
      await ctx.sql.execute('INSERT INTO allergy_reaction SET ?, uuid = UUID()', [
        {
          allergy_id: allergyId,
          reaction_concept_id: concept?.concept_id ?? null,
          reaction_non_coded: manifestation.text ?? null,
        },
      ]);
    }
  }
}

async function checked(row: Row, existing: Row | undefined, ctx: RequestContext): Promise<void> {
  const errors = await validateAllergy({ existing, columns: row, afterSave: [] }, ctx);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

export const AllergyIntolerance: FhirType = {
  table: 'allergy',
  privilege: 'Get Allergies',
  toFhir,
  search,
  create: {
    privilege: 'Edit Allergies',
    run: async (ctx, resource) => {
      const row = { creator: ctx.userId, ...(await columns(resource, undefined, ctx)) };
      await checked(row, undefined, ctx);
      const uuid = typeof resource.id === 'string' ? idOf(resource.id) : crypto.randomUUID();
      const { insertId } = await ctx.sql.execute('INSERT INTO allergy SET ?', [{ ...row, uuid, date_created: now() }]);
      await addReactions(insertId, resource, ctx);
      return { uuid };
    },
  },
  update: {
    privilege: 'Edit Allergies',
    run: async (ctx, existing, resource) => {
      const changes = await columns(resource, existing, ctx);
      delete changes.creator;
      await checked(changes, existing, ctx);
      await ctx.sql.execute('UPDATE allergy SET ?, changed_by = ?, date_changed = ? WHERE allergy_id = ?', [
        changes,
        ctx.userId,
        now(),
        existing.allergy_id,
      ]);
      await addReactions(existing.allergy_id, resource, ctx);
      return existing;
    },
  },
};
