import crypto from 'node:crypto';
import type { Row } from '../database';
import { fhirInstant, now, parseRestDate } from '../dates';
import { ValidationError } from '../http/errors';
import type { RequestContext } from '../rest/context';
import { saveConditionVersion, validateCondition } from '../rest/resources/condition';
import { codeableConcept } from './observation';
import { conceptOf, encounterReference, patientReference, referencedRow, userReference } from './references';
import { idOf, invalidRequest, prune, SearchFilter, type FhirType, type SearchSql } from './types';

// fhir2 2.8's Condition: the conditions table (category problem-list-item) and, since 2.8.0, encounter
// diagnoses (category encounter-diagnosis), searched together unless a category is asked for.

const HL7 = 'http://terminology.hl7.org/CodeSystem';
const CATEGORY_SYSTEM = `${HL7}/condition-category`;
const NON_CODED = 'http://fhir.openmrs.org/ext/non-coded-condition';
const RANK = 'http://fhir.openmrs.org/ext/diagnosis/rank';

/** Both kinds of rows with what the search filters on. */
const FROM = `(SELECT 'condition' AS kind, condition_id AS id, uuid, patient_id, condition_coded AS coded,
    clinical_status, voided FROM conditions
  UNION ALL SELECT 'diagnosis', diagnosis_id, uuid, patient_id, diagnosis_coded, NULL, voided FROM encounter_diagnosis)`;

async function conditionToFhir(c: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const status = String(c.clinical_status ?? '');
  return prune({
    resourceType: 'Condition',
    id: c.uuid,
    meta: { lastUpdated: fhirInstant(c.date_changed ?? c.date_created) },
    extension: c.condition_non_coded ? [{ url: NON_CODED, valueString: c.condition_non_coded }] : [],
    clinicalStatus: status
      ? { coding: [{ system: `${HL7}/condition-clinical`, code: status === 'ACTIVE' ? 'active' : 'inactive' }] }
      : undefined,
    verificationStatus: c.verification_status
      ? {
          coding: [
            {
              system: `${HL7}/condition-ver-status`,
              code: String(c.verification_status).toLowerCase(),
              display: String(c.verification_status).replace(/_/g, '-').toUpperCase(),
            },
          ],
        }
      : undefined,
    category: [{ coding: [{ system: CATEGORY_SYSTEM, code: 'problem-list-item', display: 'Problem List Item' }] }],
    code: c.condition_coded === null ? undefined : await codeableConcept(c.condition_coded, ctx),
    subject: await patientReference(c.patient_id, ctx),
    onsetDateTime: fhirInstant(c.onset_date),
    abatementDateTime: fhirInstant(c.end_date),
    recordedDate: fhirInstant(c.date_created),
    recorder: await userReference(c.creator, ctx),
    note: c.additional_detail ? [{ text: c.additional_detail }] : [],
  });
}

async function diagnosisToFhir(d: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const encounter = await ctx.row('encounter', d.encounter_id);
  const certainty =
    d.certainty === 'CONFIRMED' ? 'confirmed' : d.certainty === 'PROVISIONAL' ? 'provisional' : 'unconfirmed';
  return prune({
    resourceType: 'Condition',
    id: d.uuid,
    meta: { lastUpdated: fhirInstant(d.date_changed ?? d.date_created) },
    extension: [
      ...(d.diagnosis_non_coded ? [{ url: NON_CODED, valueString: d.diagnosis_non_coded }] : []),
      ...(d.dx_rank === null ? [] : [{ url: RANK, valueInteger: Number(d.dx_rank) }]),
    ],
    clinicalStatus: { coding: [{ system: `${HL7}/condition-clinical`, code: 'unknown', display: 'Unknown' }] },
    verificationStatus: {
      coding: [
        {
          system: `${HL7}/condition-ver-status`,
          code: certainty,
          display: certainty.charAt(0).toUpperCase() + certainty.slice(1),
        },
      ],
    },
    category: [{ coding: [{ system: CATEGORY_SYSTEM, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
    code: d.diagnosis_coded === null ? undefined : await codeableConcept(d.diagnosis_coded, ctx),
    subject: await patientReference(d.patient_id, ctx),
    encounter: await encounterReference(d.encounter_id, ctx),
    recordedDate: fhirInstant(encounter?.encounter_datetime),
    recorder: await userReference(d.creator, ctx),
  });
}

async function toFhir(row: Row, ctx: RequestContext): Promise<Record<string, unknown>> {
  const [table, key] =
    row.kind === 'condition' ? ['conditions', 'condition_id'] : ['encounter_diagnosis', 'diagnosis_id'];
  const [full] = await ctx.sql.rows(`SELECT * FROM ${table} WHERE ${key} = ?`, [row.id]);
  return row.kind === 'condition' ? conditionToFhir(full, ctx) : diagnosisToFhir(full, ctx);
}

/** A category token counts only with the condition-category system (FhirConditionServiceImpl). */
function search(params: URLSearchParams): SearchSql {
  const categories = params.getAll('category').flatMap((c) => c.split(','));
  const kinds = categories.flatMap((token) => {
    const [system, code] = token.includes('|') ? token.split('|') : [undefined, token];
    if (system !== CATEGORY_SYSTEM) return [];
    return code === 'problem-list-item' ? ['condition'] : code === 'encounter-diagnosis' ? ['diagnosis'] : [];
  });
  const kindFilter =
    categories.length === 0
      ? '1 = 1'
      : kinds.length === 0
        ? '1 = 0'
        : `t.kind IN ('${[...new Set(kinds)].join("','")}')`;
  return new SearchFilter(params, 't.voided = 0', kindFilter)
    .anyOf('_id', 't.uuid = ?')
    .patient('t.patient_id')
    .anyOf('code', 't.coded = (SELECT c.concept_id FROM concept c WHERE c.uuid = ?)', (c) => c.replace(/^.*\|/, ''))
    .anyOf('clinical-status', 't.clinical_status = ?', (s) =>
      s.replace(/^.*\|/, '') === 'active' ? 'ACTIVE' : 'INACTIVE',
    )
    .sql("t.kind = 'diagnosis' DESC, t.id");
}

/** ConditionTranslator.toOpenmrsType as columns of the conditions table. */
async function columns(resource: Row, ctx: RequestContext): Promise<Row> {
  const coding = (status: unknown, system: string) =>
    (((status as Row | undefined)?.coding as Row[] | undefined) ?? []).find((c) => c.system === `${HL7}/${system}`);
  const clinical = coding(resource.clinicalStatus, 'condition-clinical');
  const verification = coding(resource.verificationStatus, 'condition-ver-status');
  const nonCoded = ((resource.extension as Row[] | undefined) ?? []).find((e) => e.url === NON_CODED);
  const date = (value: unknown) => (typeof value === 'string' ? (parseRestDate(value) ?? null) : null);
  const patient = await referencedRow(resource.subject, 'person', ctx);
  const recorder = await referencedRow(resource.recorder, 'users', ctx, false);
  return {
    patient_id: patient!.person_id,
    clinical_status: clinical ? (clinical.code === 'active' ? 'ACTIVE' : 'INACTIVE') : null,
    verification_status:
      verification?.code === 'confirmed' ? 'CONFIRMED' : verification?.code === 'provisional' ? 'PROVISIONAL' : null,
    condition_coded: (await conceptOf(resource.code, ctx))?.concept_id ?? null,
    condition_non_coded: typeof nonCoded?.valueString === 'string' ? nonCoded.valueString : null,
    additional_detail: ((resource.note as Row[] | undefined) ?? [])[0]?.text ?? null,
    onset_date: date(resource.onsetDateTime),
    end_date: date(resource.abatementDateTime),
    ...(recorder ? { creator: recorder.user_id } : {}),
  };
}

/** FhirUtils.getOpenmrsConditionType: no category, or problem-list-item, is a condition. */
function isCondition(resource: Row): boolean {
  const codings = ((resource.category as Row[] | undefined) ?? []).flatMap(
    (c) => (c.coding as Row[] | undefined) ?? [],
  );
  if (codings.length === 0) return true;
  const hl7 = codings.filter((c) => c.system === CATEGORY_SYSTEM);
  if (hl7.length === 0)
    throw invalidRequest('Condition.category provided must be one of problem-list-item or encounter-diagnosis');
  return hl7.some((c) => c.code === 'problem-list-item');
}

async function checked(change: { existing?: Row; columns: Row }): Promise<void> {
  const errors = await validateCondition({ ...change, afterSave: [] });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

export const Condition: FhirType = {
  table: 'conditions',
  from: FROM,
  privilege: 'Get Conditions',
  toFhir,
  search,
  create: {
    privilege: 'Edit Conditions',
    run: async (ctx, resource) => {
      if (!isCondition(resource)) throw invalidRequest('Encounter diagnoses are created as patientdiagnoses here');
      const row = { creator: ctx.userId, ...(await columns(resource, ctx)) };
      await checked({ columns: row });
      const uuid = typeof resource.id === 'string' ? idOf(resource.id) : crypto.randomUUID();
      await ctx.sql.execute('INSERT INTO conditions SET ?', [{ ...row, uuid, date_created: now() }]);
      return { uuid };
    },
  },
  // BaseFhirService.update then ConditionService.saveCondition: a changed condition gets a new version.
  update: {
    privilege: 'Edit Conditions',
    run: async (ctx, row, resource) => {
      if (row.kind !== 'condition') throw invalidRequest('Encounter diagnoses are updated as patientdiagnoses here');
      const [existing] = await ctx.sql.rows('SELECT * FROM conditions WHERE condition_id = ?', [row.id]);
      const changes = await columns(resource, ctx);
      delete changes.creator;
      await checked({ existing, columns: changes });
      return saveConditionVersion(existing, changes, ctx);
    },
  },
  // BaseFhirDao.delete voids "Voided via FHIR API".
  delete: {
    privilege: 'Edit Conditions',
    run: async (ctx, row) => {
      const table = row.kind === 'condition' ? 'conditions' : 'encounter_diagnosis';
      const key = row.kind === 'condition' ? 'condition_id' : 'diagnosis_id';
      await ctx.sql.execute(
        `UPDATE ${table} SET voided = 1, voided_by = ?, date_voided = ?, void_reason = 'Voided via FHIR API' WHERE ${key} = ?`,
        [ctx.userId, now(), row.id],
      );
      return row;
    },
  },
};
